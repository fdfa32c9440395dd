#pragma once
/// EF.COM (tag 60): LDS version, Unicode version and the list of data groups.

#include <span>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

inline constexpr const char* kLdsVersion = "0108";        ///< LDS 1.8
inline constexpr const char* kUnicodeVersion = "040000";  ///< Unicode 4.0.0

struct ComInfo {
  std::string lds_version;
  std::string unicode_version;
  std::vector<std::uint8_t> tags;  ///< data-group tags present, e.g. 61 75 63 ...
  friend bool operator==(const ComInfo&, const ComInfo&) = default;
};

/// EF.COM listing the data-group tags `dg_tags` (one byte each).
Bytes build_com(const std::vector<std::uint8_t>& dg_tags);

/// Read EF.COM: template 60 holding 5F01 (4 digits), 5F36 (6 digits), 5C (at
/// most 16 one-byte data-group tags, no repeats), in that order.
Result<ComInfo> parse_com(std::span<const std::uint8_t> bytes);

}  // namespace ektp::chip
