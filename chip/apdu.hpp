#pragma once
/// Command and response APDUs (ISO/IEC 7816-3/-4): cases 1 to 4, short and
/// extended length. Encoding only; sending is the reader driver's business.

#include <cstdint>
#include <functional>
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
  Bytes data;                       ///< Lc is data.size(); empty = no Lc field
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

/// What a status word asks of the reader next (ISO/IEC 7816-4 5.1.3).
enum class Next {
  done,            ///< the response is complete (any other status word)
  get_response,    ///< 61xx: more data waits; send GET RESPONSE with Le = xx (00 = 256)
  resend_with_le,  ///< 6Cxx: wrong Le; send the same command again with Le = xx (00 = 256)
};
struct Followup {
  Next next = Next::done;
  std::uint32_t le = 0;  ///< the Le to use (1..256) when next != done
};
Followup followup(std::uint16_t sw);

/// GET RESPONSE (INS C0) asking for `le` bytes, on the logical channel of `cla`.
Command get_response(std::uint32_t le, std::uint8_t cla = 0x00);

/// Sends one encoded command APDU, returns the raw response APDU.
using Transmit = std::function<Result<Bytes>(const Bytes&)>;

/// Send `command` and follow 61xx (GET RESPONSE, data concatenated) and 6Cxx
/// (resent once with the exact Le) until the card gives a final status word.
/// Bounded: at most `max_rounds` exchanges and `max_bytes` of response data.
Result<Response> exchange(const Command& command, const Transmit& transmit,
                          std::size_t max_rounds = 64, std::size_t max_bytes = 70000);

/// What a status word means (ISO/IEC 7816-4), in English for people, e.g.
/// "file or application not found (6A82)".
std::string sw_meaning(std::uint16_t sw);

/// "6A82" style hex of a status word.
std::string sw_hex(std::uint16_t sw);

/// Hex helpers (upper case, no separators) for traces and tests.
std::string to_hex(std::span<const std::uint8_t> bytes);
Result<Bytes> from_hex(const std::string& hex);

}  // namespace ektp::chip
