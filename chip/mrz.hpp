#pragma once
/// The TD1 machine readable zone (ICAO 9303 Parts 3 and 5) that KTP-OPEN
/// writes in DG1. The e-KTP face has no MRZ; it exists on the chip only.

#include <optional>
#include <string>
#include <string_view>

#include "chip/record.hpp"
#include "drivers/common/result.hpp"

namespace ektp::chip {

inline constexpr std::size_t kTd1Line = 30;    ///< characters per TD1 line
inline constexpr std::size_t kTd1Length = 90;  ///< three lines, no separators

/// ICAO check digit of `field` (weights 7-3-1; 0-9 as is, A-Z as 10-35,
/// '<' as 0): '0'..'9', or nullopt when a character is outside the MRZ alphabet.
std::optional<char> check_digit(std::string_view field);

/// A name as an MRZ name field of `width` characters (KTP-OPEN rule, see
/// docs/chip-data.md): the whole name is the primary identifier; spaces,
/// hyphens and commas become '<', apostrophes and full stops are dropped; a
/// name that does not fit is cut so that its last character is a letter.
std::string mrz_name(const std::string& name, std::size_t width = kTd1Line);

/// The KTP-OPEN TD1 for a record (90 characters): document code "ID", state
/// "IDN", document number = the NIK with the ICAO overflow rule, date of birth,
/// sex, expiry (or "<<<<<<" with check digit '<' for SEUMUR HIDUP),
/// nationality (IDN for WNI, XXX "unspecified" for WNA), name. The record must
/// be valid (validate()).
Result<std::string> make_td1(const CitizenRecord& record);

/// The fields of a TD1 MRZ, read back.
struct Td1Fields {
  std::string document_code;          ///< "ID", "I<" ...
  std::string issuing_state;          ///< "IDN"
  std::string document_number;        ///< whole number, overflow rule undone, no fillers
  std::string birth_date;             ///< YYMMDD
  char sex = '<';                     ///< 'M', 'F' or '<'
  std::optional<std::string> expiry;  ///< YYMMDD; nullopt when "<<<<<<" with '<'
  std::string nationality;
  std::string name;  ///< the name field, trailing fillers removed
};

/// Read a TD1 (90 characters of the MRZ alphabet) and verify every check
/// digit: document number, birth date, expiry and composite. Any TD1, not only
/// KTP-OPEN's (the ICAO specimens parse).
Result<Td1Fields> parse_td1(std::string_view mrz);

}  // namespace ektp::chip
