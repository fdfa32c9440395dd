#include "tools/dataset/jpeg_codec.hpp"

#include <jpeglib.h>

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace ektp::dataset {
namespace {

// libjpeg reports fatal errors through error_exit, which must not return: we
// longjmp back to the caller's setjmp. The code between setjmp and the calls
// into libjpeg holds no C++ objects with destructors, so nothing is skipped.
struct ErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_error(j_common_ptr info) {
  auto* err = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, err->message);
  std::longjmp(err->jump, 1);
}

// Warnings (level -1) mean damaged data: counted, then refused after the decode.
void on_message(j_common_ptr info, int level) {
  if (level < 0) ++info->err->num_warnings;
}

/// Plain C-style encode; returns false with err->message on failure.
bool encode_raw(const Pixels& px, int quality, bool grey, unsigned char** out, unsigned long* size,
                ErrorManager* err, unsigned char* row) {
  jpeg_compress_struct cinfo;
  cinfo.err = jpeg_std_error(&err->pub);
  err->pub.error_exit = on_error;
  if (setjmp(err->jump)) {
    jpeg_destroy_compress(&cinfo);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, out, size);
  cinfo.image_width = static_cast<JDIMENSION>(px.width);
  cinfo.image_height = static_cast<JDIMENSION>(px.height);
  cinfo.input_components = grey ? 1 : 3;
  cinfo.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  cinfo.write_JFIF_header = FALSE;  // 18 bytes saved; the SOI/DQT/SOF/SOS frame is complete
  cinfo.optimize_coding = TRUE;     // smaller Huffman tables for the same image
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    const auto* src = px.data + static_cast<std::size_t>(cinfo.next_scanline) * px.stride;
    for (int x = 0; x < px.width; ++x) {
      std::uint32_t v;
      std::memcpy(&v, src + 4 * x, 4);
      const unsigned char r = static_cast<unsigned char>(v >> 16);
      const unsigned char g = static_cast<unsigned char>(v >> 8);
      const unsigned char b = static_cast<unsigned char>(v);
      if (grey) {
        row[x] = static_cast<unsigned char>((299 * r + 587 * g + 114 * b) / 1000);
      } else {
        row[3 * x] = r;
        row[3 * x + 1] = g;
        row[3 * x + 2] = b;
      }
    }
    JSAMPROW rows[1] = {row};
    jpeg_write_scanlines(&cinfo, rows, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  return true;
}

bool decode_raw(const unsigned char* data, unsigned long size, JpegInfo* info, ErrorManager* err,
                unsigned char** row) {
  jpeg_decompress_struct dinfo;
  dinfo.err = jpeg_std_error(&err->pub);
  err->pub.error_exit = on_error;
  err->pub.emit_message = on_message;
  if (setjmp(err->jump)) {
    jpeg_destroy_decompress(&dinfo);
    return false;
  }
  jpeg_create_decompress(&dinfo);
  jpeg_mem_src(&dinfo, data, size);
  jpeg_read_header(&dinfo, TRUE);
  jpeg_start_decompress(&dinfo);
  info->width = static_cast<int>(dinfo.output_width);
  info->height = static_cast<int>(dinfo.output_height);
  info->components = dinfo.output_components;
  *row = static_cast<unsigned char*>(
      std::malloc(static_cast<std::size_t>(dinfo.output_width) * dinfo.output_components));
  while (dinfo.output_scanline < dinfo.output_height) {
    JSAMPROW rows[1] = {*row};
    jpeg_read_scanlines(&dinfo, rows, 1);
  }
  jpeg_finish_decompress(&dinfo);
  const bool clean = err->pub.num_warnings == 0;
  if (!clean) std::snprintf(err->message, sizeof err->message, "the image data is damaged");
  jpeg_destroy_decompress(&dinfo);
  return clean;
}

}  // namespace

Result<Bytes> encode_jpeg(const Pixels& pixels, int quality, bool grey) {
  if (!pixels.data || pixels.width < 1 || pixels.height < 1 || quality < 1 || quality > 100) {
    return fail("jpeg.bad_input", "Cannot encode an empty image or a quality outside 1..100.");
  }
  ErrorManager err{};
  unsigned char* out = nullptr;
  unsigned long size = 0;
  std::vector<unsigned char> row(static_cast<std::size_t>(pixels.width) * 3);
  const bool done = encode_raw(pixels, quality, grey, &out, &size, &err, row.data());
  Bytes result;
  if (done) result.assign(out, out + size);
  std::free(out);
  if (!done) return fail("jpeg.encode", std::string("JPEG encoding failed: ") + err.message);
  return result;
}

Result<JpegInfo> decode_jpeg(std::span<const std::uint8_t> jpeg) {
  if (jpeg.size() < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || jpeg[jpeg.size() - 2] != 0xFF ||
      jpeg[jpeg.size() - 1] != 0xD9) {
    return fail("jpeg.invalid",
                "The image is not a JPEG (it must start with FFD8 and end with FFD9).");
  }
  ErrorManager err{};
  JpegInfo info;
  unsigned char* row = nullptr;
  const bool done = decode_raw(jpeg.data(), jpeg.size(), &info, &err, &row);
  std::free(row);
  if (!done)
    return fail("jpeg.invalid", std::string("The JPEG cannot be read: ") + err.message + ".");
  return info;
}

}  // namespace ektp::dataset
