// The generated images are real JPEGs (decoded in full by libjpeg), of the
// stated sizes, within the chip's budgets, and the same for the same seed.
#include <doctest/doctest.h>

#include "support/require_ok.hpp"
#include "tools/dataset/images.hpp"
#include "tools/dataset/record_generator.hpp"

using namespace ektp;
using namespace ektp::dataset;

namespace {

bool soi_eoi(const Bytes& b) {
  return b.size() > 4 && b[0] == 0xFF && b[1] == 0xD8 && b[b.size() - 2] == 0xFF &&
         b[b.size() - 1] == 0xD9;
}

FaceStyle style_for(std::uint64_t seed) {
  Rng rng(seed);
  return make_face_style(rng, generate_record(seed, 0));
}

}  // namespace

TEST_CASE("the token portrait is a colour JPEG within its budget") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    auto face = make_portrait(style_for(seed));
    REQUIRE_OK(face);
    CHECK(soi_eoi(face->jpeg));
    CHECK(face->jpeg.size() <= kPortraitMaxBytes);
    CHECK(face->jpeg.size() >= 1500);  // a face, not a flat block
    auto info = decode_jpeg(face->jpeg);
    REQUIRE_OK(info);
    CHECK(info->width == kPortraitWidth);
    CHECK(info->height == kPortraitHeight);
    CHECK(info->components == 3);
    CHECK(face->width == kPortraitWidth);
    CHECK(face->height == kPortraitHeight);
  }
}

TEST_CASE("a tighter budget lowers the quality; an impossible one is refused") {
  auto small = make_portrait(style_for(3), 2000);
  REQUIRE_OK(small);
  CHECK(small->jpeg.size() <= 2000);
  CHECK_OK(decode_jpeg(small->jpeg));
  auto none = make_portrait(style_for(3), 300);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == "dataset.image_too_large");
}

TEST_CASE("the signature is a grey JPEG of at most 1 KB") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    auto sig = make_signature(rng);
    REQUIRE_OK(sig);
    CHECK(soi_eoi(*sig));
    CHECK(sig->size() <= 1024);
    auto info = decode_jpeg(*sig);
    REQUIRE_OK(info);
    CHECK(info->width == kSignatureWidth);
    CHECK(info->height == kSignatureHeight);
    CHECK(info->components == 1);
  }
}

TEST_CASE("the printable face photo is a larger JPEG, about 20-30 KB") {
  auto photo = make_face_photo(style_for(5), 5);
  REQUIRE_OK(photo);
  CHECK(soi_eoi(*photo));
  CHECK(photo->size() >= 15000);
  CHECK(photo->size() <= 40000);
  auto info = decode_jpeg(*photo);
  REQUIRE_OK(info);
  CHECK(info->width == kPhotoWidth);
  CHECK(info->height == kPhotoHeight);
}

TEST_CASE("images are the same for the same seed") {
  CHECK(make_portrait(style_for(9))->jpeg == make_portrait(style_for(9))->jpeg);
  CHECK_FALSE(make_portrait(style_for(9))->jpeg == make_portrait(style_for(10))->jpeg);
  Rng a(4), b(4);
  CHECK(*make_signature(a) == *make_signature(b));
}

TEST_CASE("decode_jpeg refuses what is not a whole JPEG") {
  auto face = make_portrait(style_for(2));
  REQUIRE_OK(face);
  Bytes cut(face->jpeg.begin(), face->jpeg.begin() + static_cast<long>(face->jpeg.size() / 2));
  cut.push_back(0xFF);
  cut.push_back(0xD9);  // framed like a JPEG, but half the data is missing
  auto half = decode_jpeg(cut);
  REQUIRE_FALSE(half.ok());
  CHECK(half.error().code == "jpeg.invalid");
  CHECK_FALSE(decode_jpeg(Bytes{0xFF, 0xD8, 0xFF, 0xD9}).ok());
  CHECK_FALSE(decode_jpeg(Bytes{}).ok());
  Bytes garbage(600, 0x42);
  garbage[0] = 0xFF;
  garbage[1] = 0xD8;
  garbage[598] = 0xFF;
  garbage[599] = 0xD9;
  CHECK_FALSE(decode_jpeg(garbage).ok());
}

TEST_CASE("minutiae: two index fingers, right then left, in range, about 0.4 KB each") {
  Rng rng(11);
  const auto f = make_fingers(rng);
  REQUIRE(f.views.size() == 2);
  CHECK(f.views[0].position == chip::kRightIndex);
  CHECK(f.views[1].position == chip::kLeftIndex);
  for (const auto& v : f.views) {
    CHECK(v.minutiae.size() >= 40);
    CHECK(v.minutiae.size() <= 70);
    for (const auto& m : v.minutiae) {
      CHECK(m.x < f.width);
      CHECK(m.y < f.height);
      CHECK(m.quality <= 100);
      CHECK((m.type == 1 || m.type == 2));
    }
  }
  CHECK_OK(chip::build_dg3(f));
}
