#pragma once
/// Minimal BER-TLV (ISO/IEC 7816-4 §5.2): enough for FCPs, offset data objects
/// and the CPLC. Tags up to 2 bytes, lengths up to 3 bytes (82 xx xx).

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ektp::cardsim {

/// One data object; `value` points into the parsed buffer.
struct Tlv {
  std::uint32_t tag = 0;
  std::span<const std::uint8_t> value;
};

/// Parse a concatenation of data objects; nullopt when malformed (truncated,
/// length running past the end, tag longer than 2 bytes) or using a length form
/// this card does not support: 80 (indefinite) and 84 to FF.
std::optional<std::vector<Tlv>> parse_tlvs(std::span<const std::uint8_t> data);

/// BER length field for `n` (1 to 4 bytes).
std::vector<std::uint8_t> encode_length(std::size_t n);

/// tag (1 or 2 bytes, as written: 0x62, 0x9F7F) + length + value.
std::vector<std::uint8_t> encode_tlv(std::uint32_t tag, std::span<const std::uint8_t> value);

/// Big-endian unsigned value of 1 to 4 bytes; nullopt otherwise.
std::optional<std::uint32_t> to_uint(std::span<const std::uint8_t> value);

}  // namespace ektp::cardsim
