#pragma once
/// BER-TLV (ISO/IEC 7816-4 / ICAO 9303-10 subset): bounded parsing of hostile
/// input, and building.
///
/// Accepted: tags of 1 to 3 bytes; definite lengths in short form or long form
/// with 1 to 4 length bytes. Refused: indefinite length (0x80), more than 4
/// length bytes, a length running past its parent, and (by default, as DER
/// asks) a long-form length that a shorter form could hold. Every parse is
/// bounded by depth, total size and element count (TlvLimits).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "chip/apdu.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Bounds for one parse. The defaults suit LDS files of a 32 KB card.
struct TlvLimits {
  std::size_t max_depth = 8;           ///< nesting levels (top level = 1)
  std::size_t max_total = 64 * 1024;   ///< bytes of input accepted at all
  std::size_t max_elements = 2048;     ///< TLV elements in the whole input
  bool require_minimal_length = true;  ///< refuse 81 05, 82 00 80 and the like
};

/// One parsed element. `value` points into the parsed input, which must
/// outlive the Tlv. A constructed element's value is parsed into `children`.
struct Tlv {
  std::uint32_t tag = 0;     ///< the tag bytes as a number, e.g. 0x5F1F
  bool constructed = false;  ///< bit 6 of the first tag byte
  std::size_t offset = 0;    ///< where the tag starts in the parsed input
  std::span<const std::uint8_t> value;
  std::vector<Tlv> children;

  /// The first direct child with `tag`, or nullptr.
  const Tlv* find(std::uint32_t child_tag) const;
  /// Copy of the value bytes.
  Bytes bytes() const { return Bytes(value.begin(), value.end()); }
};

/// Parse a sequence of TLV elements filling `input` exactly.
Result<std::vector<Tlv>> parse_tlvs(std::span<const std::uint8_t> input,
                                    const TlvLimits& limits = {});

/// Parse exactly one TLV element filling `input` (nothing before or after it).
Result<Tlv> parse_tlv(std::span<const std::uint8_t> input, const TlvLimits& limits = {});

/// "5F1F" style hex of a tag.
std::string tag_hex(std::uint32_t tag);

/// True when `tag` is a well-formed 1 to 3 byte BER tag number as used here.
bool is_valid_tag(std::uint32_t tag);

/// Append the tag bytes (asserts is_valid_tag: a bad tag is a programming error).
void append_tag(Bytes& out, std::uint32_t tag);

/// Append a minimal definite length (short form, or 81/82/83/84 + bytes).
void append_length(Bytes& out, std::size_t length);

/// Append a whole element: tag, minimal length, value.
void append_tlv(Bytes& out, std::uint32_t tag, std::span<const std::uint8_t> value);
void append_tlv(Bytes& out, std::uint32_t tag, const std::string& text);

/// A whole element as a new buffer.
Bytes make_tlv(std::uint32_t tag, std::span<const std::uint8_t> value);

}  // namespace ektp::chip
