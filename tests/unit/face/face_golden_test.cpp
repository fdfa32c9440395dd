// Golden image: a fixed generated record (seed kSeed, record kGoldenIndex)
// rendered to PNG must match tests/fixtures/face/golden.png within a
// tolerance, so that the layout stays where it is.
//
// On failure the actual rendering and a diff image (differing pixels red) are
// written into the build directory and their paths printed.
//
// After an intended layout change, regenerate the golden file and look at it:
//   EKTP_UPDATE_GOLDEN=1 build/<dir>/tests/unit/face/face_unit -tc='*golden*'
//   (or EKTP_UPDATE_GOLDEN=1 ctest --test-dir build/<dir> -R face_unit)
#include <cairo.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "drivers/printer/face_renderer.hpp"
#include "face_support.hpp"
#include "support/paths.hpp"
#include "support/require_ok.hpp"

using namespace ektp;
using namespace ektp::facetest;

namespace {

constexpr std::uint64_t kGoldenIndex = 0;
constexpr double kGoldenDpi = 200.0;
/// A pixel differs when one of its channels differs by more than this (0-255):
/// above anti-aliasing noise, below any real change of ink.
constexpr int kPixelThreshold = 64;
/// At most this fraction of pixels may differ (0.05 %: about 140 pixels at
/// 200 dpi, less than one moved word; this image renders identically today).
constexpr double kMaxDifferingFraction = 0.0005;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

struct Reader {
  const std::vector<std::uint8_t>* bytes;
  std::size_t at = 0;
};

cairo_status_t read_bytes(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<Reader*>(closure);
  if (r->bytes->size() - r->at < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, r->bytes->data() + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

Surface png_surface(const std::vector<std::uint8_t>& png) {
  Reader reader{&png};
  Surface s(cairo_image_surface_create_from_png_stream(read_bytes, &reader));
  REQUIRE(cairo_surface_status(s.get()) == CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(s.get());
  return s;
}

std::vector<std::uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  REQUIRE(out.good());
}

std::uint32_t pixel(cairo_surface_t* s, int x, int y) {
  const unsigned char* row = cairo_image_surface_get_data(s) +
                             static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
  std::uint32_t p;
  std::memcpy(&p, row + 4 * x, 4);
  return p;
}

int channel_diff(std::uint32_t a, std::uint32_t b) {
  int worst = 0;
  for (int shift = 0; shift < 24; shift += 8) {
    const int d =
        std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF));
    worst = std::max(worst, d);
  }
  return worst;
}

}  // namespace

TEST_CASE("golden image: the face of a fixed record looks as it did") {
  const std::string golden_path = test::fixtures_dir() + "/face/golden.png";
  auto rendered = printer::render_face(fields_of(made(kGoldenIndex)),
                                       {.pdf = false, .png = true, .png_dpi = kGoldenDpi});
  REQUIRE_OK(rendered);
  const auto& png = rendered->png;

  const char* update = std::getenv("EKTP_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(golden_path, png);
    MESSAGE("golden image written: " << golden_path << " (look at it before committing)");
    return;
  }

  REQUIRE_MESSAGE(std::filesystem::exists(golden_path),
                  "no golden image at " << golden_path << "; make it with EKTP_UPDATE_GOLDEN=1");
  Surface actual = png_surface(png);
  Surface golden = png_surface(read_file(golden_path));
  const int w = cairo_image_surface_get_width(actual.get());
  const int h = cairo_image_surface_get_height(actual.get());
  REQUIRE(w == cairo_image_surface_get_width(golden.get()));
  REQUIRE(h == cairo_image_surface_get_height(golden.get()));

  Surface diff(cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h));
  unsigned char* diff_data = cairo_image_surface_get_data(diff.get());
  const int diff_stride = cairo_image_surface_get_stride(diff.get());
  long differing = 0;
  for (int y = 0; y < h; ++y) {
    auto* out =
        reinterpret_cast<std::uint32_t*>(diff_data + static_cast<std::ptrdiff_t>(y) * diff_stride);
    for (int x = 0; x < w; ++x) {
      const std::uint32_t a = pixel(actual.get(), x, y);
      const bool differs = channel_diff(a, pixel(golden.get(), x, y)) > kPixelThreshold;
      differing += differs ? 1 : 0;
      // Differing pixels red, the rest a faint copy of the actual image.
      const std::uint32_t grey = 192 + ((a & 0xFF) >> 2);
      out[x] = differs ? 0xFFFF0000u : (0xFF000000u | grey << 16 | grey << 8 | grey);
    }
  }
  cairo_surface_mark_dirty(diff.get());
  const double fraction = static_cast<double>(differing) / (static_cast<double>(w) * h);
  MESSAGE("golden image: " << differing << " of " << w * h << " pixels differ (" << fraction * 100
                           << " %, at most " << kMaxDifferingFraction * 100 << " %)");
  if (fraction > kMaxDifferingFraction) {
    const std::string actual_path = test::build_dir() + "/face-golden-actual.png";
    const std::string diff_path = test::build_dir() + "/face-golden-diff.png";
    write_file(actual_path, png);
    REQUIRE(cairo_surface_write_to_png(diff.get(), diff_path.c_str()) == CAIRO_STATUS_SUCCESS);
    FAIL("the face differs from "
         << golden_path << "\n  actual: " << actual_path << "\n  diff:   " << diff_path
         << "\n  (an intended change: regenerate with EKTP_UPDATE_GOLDEN=1)");
  }
}
