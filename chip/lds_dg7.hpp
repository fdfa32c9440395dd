#pragma once
/// DG7 (tag 67): the holder's signature image, one JPEG in 5F43.

#include <span>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// DG7: 67 { 02 01 01, 5F43 jpeg }.
Result<Bytes> build_dg7(std::span<const std::uint8_t> signature_jpeg);

/// Read DG7: exactly one image, a JPEG of at most kMaxImageBytes.
Result<Bytes> parse_dg7(std::span<const std::uint8_t> bytes);

}  // namespace ektp::chip
