#pragma once
/// The hopper of blank cards: each blank is a card simulator image (a fresh card with
/// its own serial, made by the card simulator's library when blanks are loaded) in a
/// directory of the simulator's. Feeding takes the oldest; its image file is deleted
/// once the card has left the hopper. Blank images hold no personal data.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>

#include "drivers/common/result.hpp"

namespace ektp::printersim {

class Hopper {
 public:
  /// Blanks are made in `dir` (created); `first_serial` numbers them (IC serial part).
  Hopper(std::filesystem::path dir, std::uint32_t first_serial);

  /// Add `count` blanks (images with distinct serials).
  Result<void> load(int count);
  /// Take every blank out (their images are deleted).
  void unload();

  int level() const { return static_cast<int>(images_.size()); }
  bool empty() const { return images_.empty(); }

  /// The next blank's image (the hopper must not be empty).
  const std::filesystem::path& front() const { return images_.front(); }
  /// The front blank has left the hopper: forget it and delete its image.
  void pop();

 private:
  std::filesystem::path dir_;
  std::uint32_t next_serial_;
  std::deque<std::filesystem::path> images_;
};

/// The serial the hopper gives a blank: CPLC IC fabricator 4790, IC type 5001, then the
/// 4-byte IC serial, as 16 hex digits.
std::string blank_serial_hex(std::uint32_t ic_serial);

}  // namespace ektp::printersim
