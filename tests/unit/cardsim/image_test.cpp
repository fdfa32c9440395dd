// Card image: save, load, identical; corrupt images refused with a clear error.
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;
namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("cardsim-image-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool same_files(const Card& a, const Card& b) {
  auto fa = a.files();
  auto fb = b.files();
  if (fa.size() != fb.size()) return false;
  for (std::size_t i = 0; i < fa.size(); ++i) {
    const auto &x = fa[i], &y = fb[i];
    if (x.path != y.path || x.is_df != y.is_df || x.aid != y.aid || x.size != y.size ||
        x.sfi != y.sfi || x.life_cycle != y.life_cycle || x.security != y.security)
      return false;
    if (a.file_content(x.path) != b.file_content(y.path)) return false;
  }
  return true;
}
}  // namespace

TEST_CASE("image round trip: files, life cycles, attributes, content and identity") {
  TempDir dir;
  CardConfig config = card32k(1024);
  config.serial = hx("4790500100C0FFEE");
  Card card = card_with_app(config);
  REQUIRE(sw(card, create(fcp_ef(0x0101, 500, 1, kProtected))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(255, 2))) == 0x9000);
  REQUIRE(sw(card, hx("00440000")) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x011C, 20, 0x1C, kPublic))) == 0x9000);

  auto file = dir.path / "card.json";
  auto stale = dir.path / (".card.json.tmp." + std::to_string(::getpid()));  // a crash's leftover
  std::ofstream(stale) << "old";
  fs::permissions(stale, fs::perms::all);
  REQUIRE(card.save_image(file).ok());
  CHECK(fs::exists(file));
  // The image is the chip's whole content: only its owner may read it.
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  for (const auto& e : fs::directory_iterator(dir.path))  // no temporary file left behind
    CHECK(e.path().filename() == "card.json");

  auto loaded = Card::load_image(file, CardConfig{});  // identity comes from the image
  REQUIRE(loaded.ok());
  CHECK(same_files(card, *loaded));
  CHECK(loaded->atr() == card.atr());
  loaded->power_on();
  CHECK(run(*loaded, hx("80CA9F7F00")).data == run(card, hx("80CA9F7F00")).data);
  // The lock survives: the activated file is still protected.
  REQUIRE(sw(*loaded, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  CHECK(sw(*loaded, apdu(0x00, 0xB0, 0x81, 0x00, {}, 16)) == 0x6982);

  // Saving over an existing image replaces it, and its mode with 0600.
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  REQUIRE(sw(*loaded, apdu(0x00, 0xD6, 0x9C, 0x00, hx("AB"))) == 0x9000);
  REQUIRE(loaded->save_image(file).ok());
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  auto again = Card::load_image(file, CardConfig{});
  REQUIRE(again.ok());
  CHECK(same_files(*loaded, *again));
  CHECK(again->file_content({0x3F00, 0x7F0A, 0x011C})->at(0) == 0xAB);
}

TEST_CASE("corrupt or missing images give a clear error") {
  TempDir dir;
  auto missing = Card::load_image(dir.path / "nope.json", CardConfig{});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "cardsim.image_unreadable");

  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 50, 1))) == 0x9000);
  auto good = dir.path / "good.json";
  REQUIRE(card.save_image(good).ok());
  std::string text;
  {
    std::ifstream in(good);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [&](const std::string& name, const std::string& content) {
    auto p = dir.path / name;
    std::ofstream(p) << content;
    return p;
  };
  std::vector<std::string> bad = {
      text.substr(0, text.size() / 2),                  // truncated
      "not json at all",                                // garbage
      "{\"format\":\"something-else\",\"version\":1}",  // not an image
  };
  std::string wrong_size = text;
  wrong_size.replace(wrong_size.find("\"size\": 50"), 10, "\"size\": 51");
  bad.push_back(wrong_size);
  for (std::size_t i = 0; i < bad.size(); ++i) {
    CAPTURE(i);
    auto r = Card::load_image(write("bad" + std::to_string(i) + ".json", bad[i]), CardConfig{});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "cardsim.image_corrupt");
    CHECK(r.error().message.find("damaged") != std::string::npos);
  }

  auto unwritable = card.save_image(dir.path / "no-such-dir" / "card.json");
  REQUIRE_FALSE(unwritable.ok());
  CHECK(unwritable.error().code == "cardsim.image_io");
  CHECK(unwritable.error().message.find("No such file or directory") != std::string::npos);
}
