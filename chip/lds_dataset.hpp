#pragma once
/// The KTP-OPEN data set: every LDS file built from one citizen record and its
/// images, read back, and measured against the card's capacity.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chip/lds_dg2.hpp"
#include "chip/lds_dg3.hpp"
#include "chip/record.hpp"

namespace ektp::chip {

/// One file of the profile (chip-profile.md table).
struct FileSpec {
  const char* name;   ///< "EF.COM", "DG1", ...
  std::uint16_t fid;  ///< file identifier, e.g. 0x0101
  std::uint8_t sfi;   ///< short file identifier, e.g. 0x01
  std::uint8_t tag;   ///< template tag, e.g. 0x61
};

/// The profile's files in writing order: EF.COM, DG1, DG2, DG3, DG7, DG11,
/// DG12, DG13, EF.SOD.
std::span<const FileSpec> profile_files();

/// The spec of the file named `name`, or nullptr.
const FileSpec* find_spec(const std::string& name);

/// What a data set is made from.
struct DatasetInput {
  CitizenRecord record;  ///< the CAN is not written to any data group
  FaceImage face;
  FingerMinutiae fingers;
  Bytes signature_jpeg;
  friend bool operator==(const DatasetInput&, const DatasetInput&) = default;
};

struct LdsFile {
  FileSpec spec;
  Bytes content;
};

struct Dataset {
  std::vector<LdsFile> files;  ///< in profile order

  /// Sum of the files' contents.
  std::size_t total_bytes() const;
  /// The file with `fid`, or nullptr.
  const LdsFile* find(std::uint16_t fid) const;
  /// Whether the files fit a card of `capacity_bytes` when each file also
  /// costs `per_file_overhead` bytes of the card's file system. The refusal
  /// says how many bytes are needed and how many the card has.
  Result<void> fits(std::size_t capacity_bytes, std::size_t per_file_overhead) const;
};

/// EF.COM and DG1 to DG13 (no EF.SOD: central signs that) from a valid record.
Result<Dataset> build_dataset(const DatasetInput& input);

/// Read every data group back: each file parsed strictly, EF.COM's list equal
/// to the data groups present, no file missing, repeated or unknown (EF.SOD
/// may be present and is left to passive authentication), and DG1 equal to the
/// MRZ that DG11 and DG13 imply. The record comes back without its CAN.
Result<DatasetInput> parse_dataset(const Dataset& dataset);

}  // namespace ektp::chip
