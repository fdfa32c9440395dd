#pragma once
/// The printer simulator's core in process: the encoder is an in-process card
/// simulator card loaded from the fed blank's image, the supply mirror and the face
/// reader are recorders.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "tools/cardsim/card.hpp"
#include "tools/printersim/printer.hpp"

namespace ektp::test {

struct FakeEncoder : printersim::EncoderLink {
  std::optional<cardsim::Card> card;
  std::vector<std::string> inserted;  ///< image file names, in order

  Result<void> insert_image(const std::filesystem::path& image) override {
    auto loaded = cardsim::Card::load_image(image, {});
    if (!loaded) return loaded.error();
    card.emplace(std::move(*loaded));
    card->power_on();
    inserted.push_back(image.filename().string());
    return ok();
  }
  Result<void> remove() override {
    card.reset();
    return ok();
  }
  Result<bool> card_present() override { return card.has_value(); }
  Result<std::vector<printersim::ChipFile>> files() override {
    std::vector<printersim::ChipFile> out;
    if (!card) return out;
    for (const auto& f : card->files()) out.push_back({f.path, f.is_df, f.life_cycle});
    return out;
  }
  Result<printersim::Bytes> read(const std::vector<std::uint16_t>& path) override {
    if (!card) return fail("fake.no_card", "no card");
    auto content = card->file_content(path);
    if (!content) return fail("fake.no_file", "no such file");
    return *content;
  }
};

struct FakeSupplies : printersim::SupplyMirror {
  std::vector<int> hopper_levels;
  std::vector<int> ribbon_levels;
  void hopper_level(int cards) override { hopper_levels.push_back(cards); }
  void ribbon_level(int percent) override { ribbon_levels.push_back(percent); }
};

struct FakeFaces : printersim::FaceReader {
  std::string text;
  Result<std::string> text_of(const std::filesystem::path&) override { return text; }
};

/// A printer with `blanks` in its hopper, in a temporary directory of its own.
struct PrinterRig {
  std::filesystem::path dir;
  FakeEncoder encoder;
  FakeSupplies supplies;
  FakeFaces faces;
  std::optional<printersim::Printer> printer;

  explicit PrinterRig(int blanks) {
    std::random_device random;
    dir = std::filesystem::temp_directory_path() /
          ("ektp-printersim-test-" + std::to_string(random()));
    std::filesystem::create_directories(dir);
    printer.emplace(printersim::Hopper(dir / "blanks", 0x100), encoder, supplies, faces);
    REQUIRE(printer->load(blanks).ok());
  }
  ~PrinterRig() {
    printer.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  printersim::Printer& operator*() { return *printer; }
  printersim::Printer* operator->() { return &*printer; }

  /// A document file (the fake face reader supplies its text).
  std::filesystem::path document(const std::string& bytes = "%PDF-1.4 test\n") {
    const auto path = dir / "face.pdf";
    std::ofstream(path) << bytes;
    return path;
  }
};

/// The code of a failed result ("" when it succeeded).
inline std::string code_of(const Result<void>& r) { return r ? "" : r.error().code; }

}  // namespace ektp::test
