#pragma once
/// DG12 (tag 6C), additional document details: 5C tag list, 5F19 issuing
/// authority (the issuing city as printed), 5F26 date of issue CCYYMMDD.

#include <span>

#include "chip/apdu.hpp"
#include "chip/record.hpp"

namespace ektp::chip {

/// DG12 from a valid record.
Result<Bytes> build_dg12(const CitizenRecord& record);

/// Read DG12 into `out.issuing_city` and `out.issue_date`.
Result<void> parse_dg12(std::span<const std::uint8_t> bytes, CitizenRecord& out);

}  // namespace ektp::chip
