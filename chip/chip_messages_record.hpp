#pragma once
/// Catalogue of the chip library's messages for people, part 2: the citizen record
/// (record.hpp) and the names of its fields. Mechanism: drivers/common/message_template.hpp.
///
/// A refusal names the field, never its value. Field names are passed around in English
/// (the message id); record_bad_field translates them when the message is made.

#include "drivers/common/message_template.hpp"

namespace ektp::chip::msg {

using ektp::msg::say;
using ektp::msg::Template;

inline constexpr Template<2> record_bad_field{N_(
    // TRANSLATORS: {0} is a field name (below), {1} a reason clause.
    "The citizen record's {0} {1}. Ask central to correct the record and send the job again.")};

// --- reasons (they follow the field name) ---

inline constexpr Template<0> record_not_ccyymmdd{N_("is not 8 digits (CCYYMMDD)")};
inline constexpr Template<0> record_not_real_date{N_("is not a real date")};
inline constexpr Template<0> record_not_dmy{N_("is not a date written DD-MM-YYYY")};
inline constexpr Template<0> record_empty{N_("is empty")};
inline constexpr Template<2> record_too_long{N_("is {0} characters long (at most {1})")};
inline constexpr Template<1> record_not_printable{
    N_("has a character that is not printable ASCII at position {0}")};
inline constexpr Template<0> record_not_capitals{N_("must be in capital letters, as printed")};
inline constexpr Template<0> record_spaces{N_("has a leading, trailing or double space")};
inline constexpr Template<0> record_nik_digits{N_("must be exactly 16 digits")};
inline constexpr Template<0> record_nik_province{N_("has no valid province code (digits 1-2)")};
inline constexpr Template<0> record_nik_regency{N_("has no valid regency/city code (digits 3-4)")};
inline constexpr Template<0> record_nik_kecamatan{N_("has no valid kecamatan code (digits 5-6)")};
inline constexpr Template<0> record_nik_day{N_("has no valid birth day (digits 7-8)")};
inline constexpr Template<0> record_nik_month{N_("has no valid birth month (digits 9-10)")};
inline constexpr Template<0> record_nik_serial{N_("has serial number 0000 (digits 13-16)")};
inline constexpr Template<0> record_name_characters{
    N_("has a character other than letters, spaces and ' - . ,")};
inline constexpr Template<0> record_name_no_letter{N_("has no letter")};
inline constexpr Template<0> record_issue_before_birth{N_("is before the date of birth")};
inline constexpr Template<0> record_validity_before_issue{N_("ends before the date of issue")};
inline constexpr Template<0> record_nik_birth_day{
    N_("digits 7-8 do not match the birth day and sex (the day of birth, with 40 added for "
       "women)")};
inline constexpr Template<0> record_nik_birth_month{
    N_("digits 9-12 do not match the month and year of birth (MMYY)")};
// TRANSLATORS: {0} is a list of the accepted values (written as on the card, in Indonesian).
inline constexpr Template<1> record_not_one_of{N_("is not one of {0}")};
inline constexpr Template<0> record_citizenship{N_("must be WNI or WNA")};
inline constexpr Template<0> record_rt_rw{N_("must be written NNN/NNN, e.g. 001/002")};
inline constexpr Template<0> record_can{N_("must be exactly 6 digits")};

// --- field names (the English is what code passes; see record_bad_field) ---

inline constexpr Template<0> field_province{N_("province")};
inline constexpr Template<0> field_regency_city{N_("regency/city")};
inline constexpr Template<0> field_name{N_("name")};
inline constexpr Template<0> field_birth_place{N_("place of birth")};
inline constexpr Template<0> field_address{N_("address")};
inline constexpr Template<0> field_kelurahan_desa{N_("kelurahan/desa")};
inline constexpr Template<0> field_kecamatan{N_("kecamatan")};
inline constexpr Template<0> field_occupation{N_("occupation")};
inline constexpr Template<0> field_issuing_city{N_("issuing city")};
inline constexpr Template<0> field_nik{N_("NIK")};
inline constexpr Template<0> field_nik_in_mrz{N_("NIK in the MRZ")};
inline constexpr Template<0> field_birth_date{N_("date of birth")};
inline constexpr Template<0> field_issue_date{N_("date of issue")};
inline constexpr Template<0> field_validity{N_("validity")};
inline constexpr Template<0> field_blood_type{N_("blood type")};
inline constexpr Template<0> field_religion{N_("religion")};
inline constexpr Template<0> field_marital_status{N_("marital status")};
inline constexpr Template<0> field_citizenship{N_("citizenship")};
inline constexpr Template<0> field_rt_rw{N_("RT/RW")};
inline constexpr Template<0> field_can{N_("CAN")};

}  // namespace ektp::chip::msg
