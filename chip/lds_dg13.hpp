#pragma once
/// DG13 (tag 6D), KTP-OPEN: the face fields with no ICAO tag, as documented
/// context-specific primitive elements, in this order (docs/chip-data.md):
///
///   80 DG13 layout version, one byte 01
///   81 RT/RW "001/002"          86 blood type
///   82 kelurahan/desa           87 citizenship "WNI"/"WNA"
///   83 kecamatan                88 validity "SEUMUR HIDUP" or "DD-MM-YYYY"
///   84 religion                 89 province
///   85 marital status           8A regency/city
///
/// Text is printable ASCII as printed on the face.

#include <cstdint>
#include <span>

#include "chip/apdu.hpp"
#include "chip/record.hpp"

namespace ektp::chip {

inline constexpr std::uint8_t kDg13Version = 0x01;

/// DG13 from a valid record.
Result<Bytes> build_dg13(const CitizenRecord& record);

/// Read DG13 into the matching fields of `out`; exact structure, every value
/// checked as validate() does.
Result<void> parse_dg13(std::span<const std::uint8_t> bytes, CitizenRecord& out);

}  // namespace ektp::chip
