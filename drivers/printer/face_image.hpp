#pragma once
/// The face's two pictures decoded for cairo: the photo as an image surface
/// that also carries its JPEG bytes (the PDF embeds them unchanged), and the
/// signature as an ink mask (dark strokes opaque, white paper transparent).

#include <cairo.h>

#include <cstdint>
#include <memory>
#include <span>

#include "drivers/common/result.hpp"

namespace ektp::printer {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

/// Largest accepted picture side in pixels (a bound on hostile input).
inline constexpr int kMaxImageSide = 4096;

/// The photo as a CAIRO_FORMAT_RGB24 surface with the JPEG attached as
/// CAIRO_MIME_TYPE_JPEG. Error "face.bad_photo" when it is not a complete JPEG.
Result<SurfacePtr> decode_photo(std::span<const std::uint8_t> jpeg);

/// The signature as a CAIRO_FORMAT_A8 mask: dark is ink, near-white (224+) is paper.
/// Error "face.bad_signature" when it is not a complete JPEG.
Result<SurfacePtr> decode_signature_mask(std::span<const std::uint8_t> jpeg);

}  // namespace ektp::printer
