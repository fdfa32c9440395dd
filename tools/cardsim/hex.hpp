#pragma once
/// Hex text <-> bytes, used by the trace, the config parser and the image.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ektp::cardsim {

/// Upper-case hex without separators: {0x00, 0xA4} -> "00A4".
std::string to_hex(std::span<const std::uint8_t> bytes);

/// Parse hex, ignoring spaces and colons; nullopt on an odd count or a non-hex character.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text);

}  // namespace ektp::cardsim
