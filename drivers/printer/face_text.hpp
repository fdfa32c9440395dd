#pragma once
/// Text of the card face with pango: the face's fonts (DejaVu Sans from the
/// Debian packages fonts-dejavu-core and fonts-dejavu-extra), one measuring
/// context per thread, and laid-out text whose size does not depend on where
/// it is drawn (no hinting, no rounding of glyph positions): the fit check,
/// the PDF and the PNG all see the same lines.

#include <pango/pangocairo.h>

#include <memory>
#include <string>

#include "drivers/common/result.hpp"

namespace ektp::printer {

struct LayoutDeleter {
  void operator()(PangoLayout* layout) const { g_object_unref(layout); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

/// The face's type styles.
enum class FaceFont {
  body,       ///< labels and values: DejaVu Sans Condensed (semi-condensed width)
  body_bold,  ///< header lines, NIK: DejaVu Sans Bold
};

/// Check once per thread that the face's fonts resolve to DejaVu Sans
/// (error "face.font_missing" naming the Debian package otherwise).
Result<void> check_face_fonts();

/// `text` laid out in `font` at `size_pt`. With `wrap_width_pt` > 0 the text
/// wraps at word boundaries (inside a word when one is longer than the line)
/// without inserting hyphens; 0 keeps one line. Newlines are not breaks.
LayoutPtr make_layout(const std::string& text, FaceFont font, double size_pt,
                      double wrap_width_pt = 0);

/// Size of a layout's logical box in points.
double layout_width(PangoLayout* layout);
double layout_height(PangoLayout* layout);
/// Distance from the layout's top to its first baseline, in points.
double layout_baseline(PangoLayout* layout);
/// Number of lines.
int layout_lines(PangoLayout* layout);

}  // namespace ektp::printer
