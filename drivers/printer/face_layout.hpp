#pragma once
/// Where everything goes on the card face (CR80, landscape, in PDF points),
/// decided once per record: the fit check and the drawing use the same plan.
///
/// Layout of the e-KTP face: the PROVINSI and KABUPATEN/KOTA lines centred on
/// top; NIK large; the label : value rows (Nama ... Berlaku Hingga) on the
/// left, with RT/RW, Kel/Desa and Kecamatan indented under Alamat and Gol.
/// Darah on the Jenis Kelamin row; the photo on the right with the issuing city
/// and date under it, then the signature; the CAN small in the bottom right
/// corner (KTP-OPEN's choice: the profile says only that it is printed).
///
/// Long values wrap (each row has a line limit) and shrink (down to a smallest
/// size); the rows then close up to a smallest pitch. Text is never cut: what
/// cannot fit is refused with "face.does_not_fit", naming the field.

#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/face_fields.hpp"
#include "drivers/printer/face_text.hpp"

namespace ektp::printer {

/// CR80 (ISO/IEC 7810 ID-1), landscape: 85.60 x 53.98 mm in points.
inline constexpr double kCardWidthPt = 85.60 / 25.4 * 72.0;   // 242.65
inline constexpr double kCardHeightPt = 53.98 / 25.4 * 72.0;  // 153.01

/// A rectangle in points (top-left origin).
struct FaceBox {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

/// One piece of laid-out text; (x, y) is the top-left of its layout.
struct PlacedText {
  LayoutPtr layout;
  double x = 0;
  double y = 0;
};

/// Everything to draw, in points.
struct FacePlan {
  std::vector<PlacedText> texts;
  FaceBox photo;      ///< the photo is fitted inside, centred, aspect kept
  FaceBox signature;  ///< likewise the signature
};

/// Lay out `fields`, or say which field does not fit and what to do.
/// Errors: "face.missing_field", "face.does_not_fit", "face.font_missing".
Result<FacePlan> plan_face(const FaceFields& fields);

}  // namespace ektp::printer
