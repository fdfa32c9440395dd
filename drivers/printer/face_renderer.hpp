#pragma once
/// The card face renderer (cairo + pango): a CR80 card face, landscape, as a
/// one-page PDF of exactly 85.60 x 53.98 mm (242.65 x 153.01 pt) with its
/// fonts embedded, and the same drawing as a PNG (golden test, demo).
///
/// Everything stays in memory: the face is personal data and never goes to a
/// temporary file. Errors never carry the record's text. The layout is in
/// face_layout.hpp. Functions may be called from several threads (each thread
/// has its own pango context).

#include <cstdint>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/face_fields.hpp"

namespace ektp::printer {

/// The fit check for intake: every field present, all text fits the face
/// (wrapped and shrunk within limits, never cut), the photo and signature are
/// complete JPEG images. The renderer refuses exactly what this refuses.
/// Errors: "face.missing_field", "face.does_not_fit", "face.bad_photo",
/// "face.bad_signature", "face.font_missing"; the message names the field and
/// says what to do.
Result<void> check_fit(const FaceFields& fields);

/// What to render.
struct FaceOutputs {
  bool pdf = true;
  bool png = false;
  double png_dpi = 300.0;  ///< 300 dpi: 1011 x 638 pixels
};

/// The rendered face.
struct RenderedFace {
  std::vector<std::uint8_t> pdf;  ///< empty unless asked for
  std::vector<std::uint8_t> png;  ///< empty unless asked for
};

/// Render the face (after the same checks as check_fit). The PDF is the same
/// bytes for the same fields (no creation date), so it can be compared.
Result<RenderedFace> render_face(const FaceFields& fields, const FaceOutputs& outputs = {});

/// The PDF only (render_face with the default outputs).
Result<std::vector<std::uint8_t>> render_face_pdf(const FaceFields& fields);

}  // namespace ektp::printer
