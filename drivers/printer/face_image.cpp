#include "drivers/printer/face_image.hpp"

// clang-format off
#include <cstdio>   // jpeglib.h needs FILE and size_t first
#include <jpeglib.h>
// clang-format on

#include <csetjmp>
#include <cstring>
#include <vector>

#include "drivers/printer/printer_messages_face.hpp"

namespace ektp::printer {
namespace {

// libjpeg reports fatal errors through error_exit, which must not return: it
// longjmps back to decode(). Between setjmp and the libjpeg calls only plain
// C data is touched, so no destructor is skipped.
struct JpegError {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
};

[[noreturn]] void on_jpeg_error(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegError*>(cinfo->err);
  std::longjmp(err->jump, 1);
}

void on_jpeg_message(j_common_ptr) {}  // warnings: never printed (no stderr noise)

/// Decoded pixels, `channels` (1 grey or 3 RGB) bytes each, rows packed.
struct Decoded {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<std::uint8_t> pixels;
};

/// Decode `jpeg` into grey (want_grey) or RGB; false when it is not a complete
/// JPEG within kMaxImageSide.
bool decode(std::span<const std::uint8_t> jpeg, bool want_grey, Decoded& out) {
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return false;
  jpeg_decompress_struct cinfo;
  JpegError err;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = on_jpeg_error;
  err.pub.output_message = on_jpeg_message;
  // Sized before setjmp: the vector is only filled after, never reallocated.
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, jpeg.data(), static_cast<unsigned long>(jpeg.size()));
  if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  if (cinfo.image_width == 0 || cinfo.image_height == 0 ||
      cinfo.image_width > static_cast<unsigned>(kMaxImageSide) ||
      cinfo.image_height > static_cast<unsigned>(kMaxImageSide)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  cinfo.out_color_space = want_grey ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&cinfo);
  out.width = static_cast<int>(cinfo.output_width);
  out.height = static_cast<int>(cinfo.output_height);
  out.channels = cinfo.output_components;
  const std::size_t row = static_cast<std::size_t>(out.width) * out.channels;
  out.pixels.assign(row * out.height, 0);  // before any further libjpeg call
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW line = out.pixels.data() + row * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &line, 1);
  }
  // A truncated file decodes with a warning and grey filler: refuse it.
  const bool complete = err.pub.num_warnings == 0;
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return complete;
}

SurfacePtr new_surface(cairo_format_t format, int w, int h) {
  SurfacePtr s(cairo_image_surface_create(format, w, h));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  return s;
}

/// Ink coverage of a grey level: near-white is paper (JPEG noise around the
/// strokes must not print as a grey box), darker greys scale up to full ink.
unsigned char ink_of(std::uint8_t grey) {
  constexpr int kPaper = 224;
  return grey >= kPaper ? 0 : static_cast<unsigned char>((kPaper - grey) * 255 / kPaper);
}

void free_bytes(void* p) { delete static_cast<std::vector<std::uint8_t>*>(p); }

}  // namespace

Result<SurfacePtr> decode_photo(std::span<const std::uint8_t> jpeg) {
  Decoded d;
  if (!decode(jpeg, false, d) || d.channels != 3) {
    return fail("face.bad_photo", face_texts::say(face_texts::bad_photo));
  }
  SurfacePtr s = new_surface(CAIRO_FORMAT_RGB24, d.width, d.height);
  if (!s) return fail("face.no_memory", face_texts::say(face_texts::no_memory));
  unsigned char* data = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < d.height; ++y) {
    auto* dst = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    const std::uint8_t* src = d.pixels.data() + static_cast<std::size_t>(y) * d.width * 3;
    for (int x = 0; x < d.width; ++x, src += 3) {
      dst[x] = 0xFF000000u | (std::uint32_t{src[0]} << 16) | (std::uint32_t{src[1]} << 8) | src[2];
    }
  }
  cairo_surface_mark_dirty(s.get());
  // The PDF embeds the original JPEG (smaller than re-encoding the pixels).
  auto* copy = new std::vector<std::uint8_t>(jpeg.begin(), jpeg.end());
  if (cairo_surface_set_mime_data(s.get(), CAIRO_MIME_TYPE_JPEG, copy->data(), copy->size(),
                                  free_bytes, copy) != CAIRO_STATUS_SUCCESS) {
    delete copy;
    return fail("face.no_memory", face_texts::say(face_texts::no_memory));
  }
  return s;
}

Result<SurfacePtr> decode_signature_mask(std::span<const std::uint8_t> jpeg) {
  Decoded d;
  if (!decode(jpeg, true, d) || d.channels != 1) {
    return fail("face.bad_signature", face_texts::say(face_texts::bad_signature));
  }
  SurfacePtr s = new_surface(CAIRO_FORMAT_A8, d.width, d.height);
  if (!s) return fail("face.no_memory", face_texts::say(face_texts::no_memory));
  unsigned char* data = cairo_image_surface_get_data(s.get());
  const int stride = cairo_image_surface_get_stride(s.get());
  for (int y = 0; y < d.height; ++y) {
    unsigned char* dst = data + static_cast<std::ptrdiff_t>(y) * stride;
    const std::uint8_t* src = d.pixels.data() + static_cast<std::size_t>(y) * d.width;
    for (int x = 0; x < d.width; ++x) dst[x] = ink_of(src[x]);
  }
  cairo_surface_mark_dirty(s.get());
  return s;
}

}  // namespace ektp::printer
