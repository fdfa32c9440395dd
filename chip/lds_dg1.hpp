#pragma once
/// DG1 (tag 61): the TD1 MRZ in 5F1F, KTP-OPEN rules (see mrz.hpp).

#include <span>
#include <string>

#include "chip/apdu.hpp"
#include "chip/mrz.hpp"
#include "chip/record.hpp"

namespace ektp::chip {

struct Dg1 {
  std::string mrz;  ///< 90 characters
  Td1Fields fields;
};

/// DG1 for a valid record.
Result<Bytes> build_dg1(const CitizenRecord& record);

/// Read DG1: 61 { 5F1F (90 characters) }, every check digit right, document
/// code "ID", state "IDN", document number a valid NIK written with the
/// overflow rule, sex M or F, nationality IDN or XXX.
Result<Dg1> parse_dg1(std::span<const std::uint8_t> bytes);

}  // namespace ektp::chip
