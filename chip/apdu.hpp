#pragma once
/// Command and response APDUs (ISO/IEC 7816-3/-4): cases 1 to 4, short and
/// extended length. Encoding only; sending is the reader driver's business.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::chip {

using Bytes = std::vector<std::uint8_t>;

struct Command {
  std::uint8_t cla = 0x00;
  std::uint8_t ins = 0x00;
  std::uint8_t p1 = 0x00;
  std::uint8_t p2 = 0x00;
  Bytes data;                   ///< Lc is data.size(); empty = no Lc field
  std::optional<std::uint32_t> le;  ///< expected length; 256 (short) or 65536 (extended) = "all"
};

enum class Length { short_form, extended };

/// Encode a command. Short form needs data <= 255 and Le <= 256; extended
/// needs data <= 65535 and Le <= 65536. A command that does not fit is an error.
Result<Bytes> encode(const Command& command, Length form = Length::short_form);

/// The smallest form that holds the command (short when it fits).
Result<Bytes> encode_auto(const Command& command);

struct Response {
  Bytes data;
  std::uint16_t sw = 0;
  std::uint8_t sw1() const { return static_cast<std::uint8_t>(sw >> 8); }
  std::uint8_t sw2() const { return static_cast<std::uint8_t>(sw & 0xFF); }
  bool ok() const { return sw == 0x9000; }
};

/// Split a response APDU into data and status word. Fewer than 2 bytes means
/// the card is gone or not responding (pcscd returns 0 bytes for a mute card).
Result<Response> parse_response(std::span<const std::uint8_t> bytes);

/// "6A82" style hex of a status word.
std::string sw_hex(std::uint16_t sw);

/// Hex helpers (upper case, no separators) for traces and tests.
std::string to_hex(std::span<const std::uint8_t> bytes);
Result<Bytes> from_hex(const std::string& hex);

}  // namespace ektp::chip
