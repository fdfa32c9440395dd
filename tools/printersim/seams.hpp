#pragma once
/// What the printer simulator's core needs from outside, as seams: the card on the
/// encoder (the card simulator, over its control socket, in the rig), the printer's
/// supply levels as ippeveprinter shows them to CUPS, and the text of a face document.
/// Unit tests bind them to fakes.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::printersim {

using Bytes = std::vector<std::uint8_t>;

/// One file of the chip on the encoder, as the card simulator lists it.
struct ChipFile {
  std::vector<std::uint16_t> path;  ///< FIDs from 3F00 down
  bool is_df = false;
  std::uint8_t life_cycle = 0;  ///< 03 initialisation, 05 operational
};

/// The contactless encoder position: the card simulator on the encoder reader.
class EncoderLink {
 public:
  virtual ~EncoderLink() = default;
  /// Put the card of `image` into the encoder's field (any card there leaves first).
  virtual Result<void> insert_image(const std::filesystem::path& image) = 0;
  /// The card leaves the encoder's field.
  virtual Result<void> remove() = 0;
  /// A card is in the encoder's field now.
  virtual Result<bool> card_present() = 0;
  /// The chip's files (the whole tree).
  virtual Result<std::vector<ChipFile>> files() = 0;
  /// The content of the EF at `path`.
  virtual Result<Bytes> read(const std::vector<std::uint16_t>& path) = 0;
};

/// The printer's levels as its IPP side shows them (CUPS's printer-state-reasons follow).
class SupplyMirror {
 public:
  virtual ~SupplyMirror() = default;
  virtual void hopper_level(int cards) = 0;
  virtual void ribbon_level(int percent) = 0;
};

/// The text of the face document at a path (pdftotext in the real simulator). The
/// text holds personal data: callers keep it in memory only and never log it.
class FaceReader {
 public:
  virtual ~FaceReader() = default;
  virtual Result<std::string> text_of(const std::filesystem::path& document) = 0;
};

}  // namespace ektp::printersim
