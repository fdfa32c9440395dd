#include "tests/support/card_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

namespace ektp::test {

void write_card_pdf(const std::string& path, const std::string& label) {
  // CR80 in points: 53.98 mm x 85.6 mm.
  constexpr double kWidth = 153.01;
  constexpr double kHeight = 242.65;
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0.1, 0.3, 0.6);
  cairo_rectangle(cr, 8, 8, kWidth - 16, 40);
  cairo_fill(cr);
  // The label goes into the document's metadata: no text drawing, so no fontconfig
  // (whose caches the leak checker would report).
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, label.c_str());
  cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
  cairo_arc(cr, kWidth / 2, kHeight / 2, 30, 0, 6.2832);
  cairo_fill(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error("cairo could not write " + path + ": " +
                             cairo_status_to_string(status));
}

std::string sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  const std::vector<char> data{std::istreambuf_iterator<char>(in), {}};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("sha256 failed");
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

}  // namespace ektp::test
