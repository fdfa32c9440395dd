#include "drivers/printer/face_renderer.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <memory>

#include "drivers/printer/face_image.hpp"
#include "drivers/printer/face_layout.hpp"
#include "drivers/printer/printer_messages_face.hpp"

namespace ektp::printer {
namespace {

struct ContextDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

/// A checked face: its plan and decoded pictures.
struct Prepared {
  FacePlan plan;
  SurfacePtr photo;
  SurfacePtr signature;
};

Result<Prepared> prepare(const FaceFields& fields) {
  auto plan = plan_face(fields);
  if (!plan) return plan.error();
  auto photo = decode_photo(fields.photo_jpeg);
  if (!photo) return photo.error();
  auto signature = decode_signature_mask(fields.signature_jpeg);
  if (!signature) return signature.error();
  return Prepared{std::move(plan.value()), std::move(photo.value()), std::move(signature.value())};
}

/// Scale and translate `cr` so that an image of `surface`'s size fits `box`,
/// centred, aspect kept.
void fit_into(cairo_t* cr, cairo_surface_t* surface, const FaceBox& box) {
  const double iw = cairo_image_surface_get_width(surface);
  const double ih = cairo_image_surface_get_height(surface);
  const double scale = std::min(box.w / iw, box.h / ih);
  cairo_translate(cr, box.x + (box.w - iw * scale) / 2.0, box.y + (box.h - ih * scale) / 2.0);
  cairo_scale(cr, scale, scale);
}

/// The face, in points, on any cairo target.
void draw(cairo_t* cr, const Prepared& face) {
  cairo_save(cr);
  fit_into(cr, face.photo.get(), face.plan.photo);
  cairo_set_source_surface(cr, face.photo.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);

  cairo_save(cr);
  fit_into(cr, face.signature.get(), face.plan.signature);
  cairo_set_source_rgb(cr, 0.05, 0.05, 0.15);  // dark ink
  cairo_mask_surface(cr, face.signature.get(), 0, 0);
  cairo_restore(cr);

  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const PlacedText& text : face.plan.texts) {
    cairo_move_to(cr, text.x, text.y);
    pango_cairo_show_layout(cr, text.layout.get());
  }
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

Error drawing_failed(cairo_status_t status) {
  return fail("face.render_failed",
              face_texts::say(face_texts::render_failed, cairo_status_to_string(status)));
}

Result<std::vector<std::uint8_t>> to_pdf(const Prepared& face) {
  std::vector<std::uint8_t> out;
  // Written through a callback into memory: never a file.
  cairo_surface_t* raw =
      cairo_pdf_surface_create_for_stream(append, &out, kCardWidthPt, kCardHeightPt);
  SurfacePtr surface(raw);
  cairo_pdf_surface_restrict_to_version(raw, CAIRO_PDF_VERSION_1_5);
  // Only a fixed title: no personal data in the document's metadata.
  cairo_pdf_surface_set_metadata(raw, CAIRO_PDF_METADATA_TITLE, "e-KTP card face");
  // No creation date (cairo 1.16 drops it when given an empty date): the same
  // fields give the same bytes, and the file says nothing of when it was made.
  cairo_pdf_surface_set_metadata(raw, CAIRO_PDF_METADATA_CREATE_DATE, "");
  {
    ContextPtr cr(cairo_create(raw));
    draw(cr.get(), face);
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return drawing_failed(cairo_status(cr.get()));
  }
  cairo_surface_finish(raw);
  if (cairo_surface_status(raw) != CAIRO_STATUS_SUCCESS)
    return drawing_failed(cairo_surface_status(raw));
  return out;
}

Result<std::vector<std::uint8_t>> to_png(const Prepared& face, double dpi) {
  const double scale = dpi / 72.0;
  const int w = static_cast<int>(std::lround(kCardWidthPt * scale));
  const int h = static_cast<int>(std::lround(kCardHeightPt * scale));
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return drawing_failed(cairo_surface_status(surface.get()));
  }
  {
    ContextPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);  // the blank card
    cairo_paint(cr.get());
    cairo_scale(cr.get(), scale, scale);
    draw(cr.get(), face);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return drawing_failed(cairo_status(cr.get()));
  }
  std::vector<std::uint8_t> out;
  const cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), append, &out);
  if (status != CAIRO_STATUS_SUCCESS) return drawing_failed(status);
  return out;
}

}  // namespace

Result<void> check_fit(const FaceFields& fields) {
  auto prepared = prepare(fields);
  if (!prepared) return prepared.error();
  return ok();
}

Result<RenderedFace> render_face(const FaceFields& fields, const FaceOutputs& outputs) {
  auto prepared = prepare(fields);
  if (!prepared) return prepared.error();
  RenderedFace rendered;
  if (outputs.pdf) {
    auto pdf = to_pdf(*prepared);
    if (!pdf) return pdf.error();
    rendered.pdf = std::move(pdf.value());
  }
  if (outputs.png) {
    if (!(outputs.png_dpi >= 36.0 && outputs.png_dpi <= 1200.0)) {
      return fail("face.bad_option", face_texts::say(face_texts::bad_png_dpi));
    }
    auto png = to_png(*prepared, outputs.png_dpi);
    if (!png) return png.error();
    rendered.png = std::move(png.value());
  }
  return rendered;
}

Result<std::vector<std::uint8_t>> render_face_pdf(const FaceFields& fields) {
  auto rendered = render_face(fields);
  if (!rendered) return rendered.error();
  return std::move(rendered->pdf);
}

}  // namespace ektp::printer
