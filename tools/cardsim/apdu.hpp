#pragma once
/// Command APDU parsing (ISO/IEC 7816-3 §12.1.3, cases 1 to 4, short and
/// extended) and the status words the card answers.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ektp::cardsim {

/// Status words used by the simulator (ISO/IEC 7816-4 §5.6).
namespace sw {
inline constexpr std::uint16_t ok = 0x9000;
inline constexpr std::uint16_t end_of_file = 0x6282;  ///< fewer bytes than Le (end reached)
inline constexpr std::uint16_t memory_failure = 0x6581;
inline constexpr std::uint16_t wrong_length = 0x6700;
inline constexpr std::uint16_t channel_not_supported = 0x6881;
inline constexpr std::uint16_t sm_not_supported = 0x6882;
inline constexpr std::uint16_t chaining_not_supported = 0x6884;
inline constexpr std::uint16_t incompatible_file = 0x6981;  ///< not a transparent EF
inline constexpr std::uint16_t security_not_satisfied = 0x6982;
inline constexpr std::uint16_t conditions_not_satisfied = 0x6985;
inline constexpr std::uint16_t no_current_ef = 0x6986;
inline constexpr std::uint16_t wrong_data = 0x6A80;
inline constexpr std::uint16_t file_not_found = 0x6A82;
inline constexpr std::uint16_t not_enough_memory = 0x6A84;
inline constexpr std::uint16_t wrong_p1p2 = 0x6A86;
inline constexpr std::uint16_t data_not_found = 0x6A88;
inline constexpr std::uint16_t file_exists = 0x6A89;
inline constexpr std::uint16_t name_exists = 0x6A8A;
inline constexpr std::uint16_t offset_beyond_end = 0x6B00;
inline constexpr std::uint16_t ins_not_supported = 0x6D00;
inline constexpr std::uint16_t cla_not_supported = 0x6E00;
}  // namespace sw

/// Whether `status` reports an error: SW1 64 to 6F (execution and checking
/// errors). 9000 and 61xx are normal processing; 62xx and 63xx are warnings
/// (e.g. 6282: the data returned end at the end of the file).
constexpr bool is_error(std::uint16_t status) {
  auto sw1 = static_cast<std::uint8_t>(status >> 8);
  return sw1 >= 0x64 && sw1 <= 0x6F;
}

/// The most response data the card sends in one response APDU: with SW1 SW2
/// that is 65,535 bytes, the most one vpcd message (2-byte length) carries.
/// Ne above it (Le 0000 or FFFF with ext_max 65535) is served up to this.
inline constexpr std::size_t kMaxResponseData = 65533;

/// One parsed command APDU.
struct Command {
  std::uint8_t cla = 0, ins = 0, p1 = 0, p2 = 0;
  std::vector<std::uint8_t> data;  ///< the Lc data field (empty in cases 1 and 2)
  bool le_present = false;
  bool le_wildcard = false;  ///< Le was 00 (short) or 0000 (extended): "as much as possible"
  bool extended = false;
  std::size_t ne = 0;  ///< bytes expected (0 without Le; 256 for short 00; 0000 capped at the max)
};

/// Parse `apdu`. `max_ext` = 0 refuses extended length; otherwise Lc and Le
/// above it are refused (Le 0000 is capped at it). On failure returns false
/// and sets `status` (6700 for every malformed or over-long APDU).
bool parse_command(std::span<const std::uint8_t> apdu, std::size_t max_ext, Command& out,
                   std::uint16_t& status);

}  // namespace ektp::cardsim
