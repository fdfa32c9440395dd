#include "tools/dataset/images.hpp"

#include <cairo.h>

#include <cmath>
#include <memory>
#include <string>

namespace ektp::dataset {
namespace {

using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;

SurfacePtr new_surface(int w, int h) {
  return {cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h), &cairo_surface_destroy};
}

Pixels pixels_of(cairo_surface_t* s) {
  cairo_surface_flush(s);
  return {cairo_image_surface_get_data(s), cairo_image_surface_get_width(s),
          cairo_image_surface_get_height(s), cairo_image_surface_get_stride(s)};
}

/// The best quality from `start` down that encodes within `max_bytes`.
Result<Bytes> encode_within(cairo_surface_t* s, std::size_t max_bytes, int start, bool grey,
                            const char* what) {
  for (int q = start; q >= 5; q -= 5) {
    auto jpeg = encode_jpeg(pixels_of(s), q, grey);
    if (!jpeg) return jpeg.error();
    if (jpeg->size() <= max_bytes) return jpeg;
  }
  return fail("dataset.image_too_large", std::string("The ") + what + " does not fit in " +
                                             std::to_string(max_bytes) +
                                             " bytes even at JPEG quality 5.");
}

Result<void> surface_ok(cairo_surface_t* s) {
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    return fail("dataset.draw", std::string("Cannot draw the image: ") +
                                    cairo_status_to_string(cairo_surface_status(s)));
  }
  return ok();
}

}  // namespace

Result<chip::FaceImage> make_portrait(const FaceStyle& style, std::size_t max_bytes) {
  auto surface = new_surface(kPortraitWidth, kPortraitHeight);
  if (auto r = surface_ok(surface.get()); !r) return r.error();
  {
    ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
    draw_face(cr.get(), kPortraitWidth, kPortraitHeight, style);
  }
  auto jpeg = encode_within(surface.get(), max_bytes, 60, false, "token portrait");
  if (!jpeg) return jpeg.error();
  return chip::FaceImage{std::move(*jpeg), kPortraitWidth, kPortraitHeight};
}

Result<Bytes> make_face_photo(const FaceStyle& style, std::uint64_t noise_seed) {
  auto surface = new_surface(kPhotoWidth, kPhotoHeight);
  if (auto r = surface_ok(surface.get()); !r) return r.error();
  {
    ContextPtr cr(cairo_create(surface.get()), &cairo_destroy);
    draw_face(cr.get(), kPhotoWidth, kPhotoHeight, style);
  }
  // Mild noise: a flat drawing would compress to a few KB, unlike a photo.
  cairo_surface_flush(surface.get());
  Rng rng(noise_seed, 0xF070);
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < kPhotoHeight; ++y) {
    for (int x = 0; x < kPhotoWidth; ++x) {
      unsigned char* p = data + y * stride + 4 * x;
      const int n = static_cast<int>(rng.below(5)) - 2;
      for (int c = 0; c < 3; ++c) {  // B, G, R (alpha stays)
        const int v = p[c] + n;
        p[c] = static_cast<unsigned char>(v < 0 ? 0 : (v > 255 ? 255 : v));
      }
    }
  }
  cairo_surface_mark_dirty(surface.get());
  auto jpeg = encode_jpeg(pixels_of(surface.get()), 90, false);
  if (!jpeg) return jpeg.error();
  return std::move(*jpeg);
}

Result<Bytes> make_signature(Rng& rng, std::size_t max_bytes) {
  auto surface = new_surface(kSignatureWidth, kSignatureHeight);
  if (auto r = surface_ok(surface.get()); !r) return r.error();
  {
    ContextPtr owner(cairo_create(surface.get()), &cairo_destroy);
    cairo_t* cr = owner.get();
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.05, 0.05, 0.2);
    cairo_set_line_width(cr, rng.real(1.8, 3.0));
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    // One flowing stroke of loops from left to right, sometimes underlined.
    double x = rng.real(10, 30), y = rng.real(40, 60);
    cairo_move_to(cr, x, y);
    const int loops = rng.between(3, 7);
    const double step = (kSignatureWidth - 40 - x) / loops;
    for (int i = 0; i < loops; ++i) {
      const double up = rng.real(10, 35), down = rng.real(-10, 15);
      cairo_curve_to(cr, x + step * 0.2, y - up, x + step * 0.9, y - up, x + step * 0.5, y + down);
      x += step;
      y = rng.real(35, 60);
      cairo_curve_to(cr, x - step * 0.3, y + 10, x - step * 0.1, y, x, y);
    }
    cairo_stroke(cr);
    if (rng.chance(0.5)) {
      cairo_move_to(cr, rng.real(10, 40), rng.real(62, 72));
      cairo_curve_to(cr, 80, rng.real(60, 75), 150, rng.real(60, 75), rng.real(180, 230),
                     rng.real(58, 70));
      cairo_stroke(cr);
    }
  }
  return encode_within(surface.get(), max_bytes, 50, true, "signature image");
}

chip::FingerMinutiae make_fingers(Rng& rng) {
  chip::FingerMinutiae f;  // 500 x 500 at 197 px/cm (500 dpi)
  for (std::uint8_t position : {chip::kRightIndex, chip::kLeftIndex}) {
    chip::FingerView view;
    view.position = position;
    view.quality = static_cast<std::uint8_t>(rng.between(55, 95));
    const int count = rng.between(40, 70);
    // A finger print is an upright oval; minutiae fall inside it.
    const double cx = rng.real(230, 270), cy = rng.real(240, 270);
    for (int i = 0; i < count; ++i) {
      const double a = rng.real(0, 2 * M_PI), r = std::sqrt(rng.unit());
      chip::Minutia m;
      m.type = static_cast<std::uint8_t>(rng.chance(0.55) ? 1 : 2);
      m.x = static_cast<std::uint16_t>(cx + r * 160 * std::cos(a));
      m.y = static_cast<std::uint16_t>(cy + r * 210 * std::sin(a));
      m.angle = static_cast<std::uint8_t>(rng.below(256));
      m.quality = static_cast<std::uint8_t>(rng.between(20, 100));
      view.minutiae.push_back(m);
    }
    f.views.push_back(std::move(view));
  }
  return f;
}

}  // namespace ektp::dataset
