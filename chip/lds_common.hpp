#pragma once
/// Helpers shared by the LDS file builders and parsers (KTP-OPEN profile).

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>

#include "chip/tlv.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

/// Bounds for parsing one LDS file: 32 KB card data, shallow structures.
TlvLimits lds_limits();

/// Largest image accepted in DG2 or DG7 (bytes); the card capacity check is
/// the real limit, this only bounds hostile input.
inline constexpr std::size_t kMaxImageBytes = 32 * 1024;

/// Error about one file: code "lds.invalid", message naming the file.
Error lds_error(const std::string& file, const std::string& what);

/// Parse `bytes` as exactly one TLV with tag `tag` (the file's template).
Result<Tlv> parse_file(std::span<const std::uint8_t> bytes, std::uint32_t tag,
                       const std::string& file);

/// The element's children have exactly the tags `tags`, in that order.
Result<void> expect_children(const Tlv& parent, std::initializer_list<std::uint32_t> tags,
                             const std::string& file);

/// A tag list (5C): the concatenated tags of the elements that follow.
Bytes tag_list(std::initializer_list<std::uint32_t> tags);

/// The value as text.
std::string text(const Tlv& t);

/// Value of a one-byte unsigned integer (02 01 nn); error otherwise.
Result<int> small_int(const Tlv& t, const std::string& file);

/// A JPEG (starts with FF D8 FF, ends with FF D9) of 1..kMaxImageBytes bytes.
Result<void> check_jpeg(std::span<const std::uint8_t> jpeg, const std::string& what);

/// Big-endian helpers for the ISO 19794 records.
void put_u16(Bytes& out, std::uint32_t v);
void put_u32(Bytes& out, std::uint32_t v);
std::uint32_t get_u16(std::span<const std::uint8_t> b, std::size_t at);
std::uint32_t get_u32(std::span<const std::uint8_t> b, std::size_t at);

}  // namespace ektp::chip
