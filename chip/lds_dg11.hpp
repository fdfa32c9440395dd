#pragma once
/// DG11 (tag 6B), additional personal details: 5C tag list, 5F0E full name,
/// 5F10 NIK (personal number), 5F2B date of birth CCYYMMDD, 5F11 place of
/// birth, 5F42 address, 5F13 occupation; text as printed on the face.

#include <span>

#include "chip/apdu.hpp"
#include "chip/record.hpp"

namespace ektp::chip {

/// DG11 from a valid record.
Result<Bytes> build_dg11(const CitizenRecord& record);

/// Read DG11 into the matching fields of `out` (name, nik, birth_date,
/// birth_place, address, occupation); exact structure, each field validated.
Result<void> parse_dg11(std::span<const std::uint8_t> bytes, CitizenRecord& out);

}  // namespace ektp::chip
