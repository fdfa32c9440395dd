#include "chip/record.hpp"

#include <cstdio>

#include "chip/chip_messages_record.hpp"

namespace ektp::chip {
namespace {

Error bad(const std::string& field, const std::string& what) {
  return fail("record.bad_field",
              // Field names are catalogue entries (field_* in chip_messages_record.hpp).
              msg::say(msg::record_bad_field, i18n::translate(field.c_str()), what));
}

bool all_digits(const std::string& s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int num(const std::string& s, std::size_t pos, std::size_t n) {
  return std::stoi(s.substr(pos, n));  // callers check all_digits first
}

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v % 100);
  return b;
}

template <std::size_t N>
bool one_of(const std::string& v, const char* const (&list)[N]) {
  for (const char* item : list) {
    if (v == item) return true;
  }
  return false;
}

template <std::size_t N>
std::string list_text(const char* const (&list)[N]) {
  std::string s;
  for (const char* item : list) s += (s.empty() ? "" : ", ") + std::string(item);
  return s;
}

}  // namespace

bool Date::valid() const {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max = days[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max;
}

std::string Date::dmy() const { return two(day) + "-" + two(month) + "-" + std::to_string(year); }
std::string Date::ccyymmdd() const { return std::to_string(year) + two(month) + two(day); }
std::string Date::yymmdd() const { return two(year) + two(month) + two(day); }

Result<Date> parse_ccyymmdd(const std::string& text, const std::string& field) {
  if (text.size() != 8 || !all_digits(text)) return bad(field, msg::say(msg::record_not_ccyymmdd));
  Date d{num(text, 0, 4), num(text, 4, 2), num(text, 6, 2)};
  if (!d.valid()) return bad(field, msg::say(msg::record_not_real_date));
  return d;
}

Result<Date> parse_dmy(const std::string& text, const std::string& field) {
  if (text.size() != 10 || text[2] != '-' || text[5] != '-' ||
      !all_digits(text.substr(0, 2) + text.substr(3, 2) + text.substr(6, 4))) {
    return bad(field, msg::say(msg::record_not_dmy));
  }
  Date d{num(text, 6, 4), num(text, 3, 2), num(text, 0, 2)};
  if (!d.valid()) return bad(field, msg::say(msg::record_not_real_date));
  return d;
}

const char* sex_text(Sex sex) { return sex == Sex::male ? "LAKI-LAKI" : "PEREMPUAN"; }

std::string CitizenRecord::validity_text() const {
  return valid_until ? valid_until->dmy() : std::string(kLifetime);
}

Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max) {
  if (value.empty()) return bad(field, msg::say(msg::record_empty));
  if (value.size() > max) {
    return bad(field, msg::say(msg::record_too_long, value.size(), max));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c > 0x7E) {
      return bad(field, msg::say(msg::record_not_printable, i + 1));
    }
    if (c >= 'a' && c <= 'z') return bad(field, msg::say(msg::record_not_capitals));
    if (c == ' ' && (i == 0 || i + 1 == value.size() || value[i - 1] == ' ')) {
      return bad(field, msg::say(msg::record_spaces));
    }
  }
  return ok();
}

Result<void> validate_nik(const std::string& nik, const std::string& field) {
  if (nik.size() != 16 || !all_digits(nik)) return bad(field, msg::say(msg::record_nik_digits));
  if (num(nik, 0, 2) < 11) return bad(field, msg::say(msg::record_nik_province));
  if (num(nik, 2, 2) == 0) return bad(field, msg::say(msg::record_nik_regency));
  if (num(nik, 4, 2) == 0) return bad(field, msg::say(msg::record_nik_kecamatan));
  const int dd = num(nik, 6, 2);
  const int day = dd > 40 ? dd - 40 : dd;
  if (day < 1 || day > 31) return bad(field, msg::say(msg::record_nik_day));
  const int mm = num(nik, 8, 2);
  if (mm < 1 || mm > 12) return bad(field, msg::say(msg::record_nik_month));
  if (num(nik, 12, 4) == 0) return bad(field, msg::say(msg::record_nik_serial));
  return ok();
}

Result<void> validate(const CitizenRecord& r, bool check_can) {
  struct Text {
    const std::string& value;
    const char* field;
    std::size_t max;
  };
  const Text texts[] = {
      {r.province, msg::field_province.english, FieldLimits::place},
      {r.regency_city, msg::field_regency_city.english, FieldLimits::place},
      {r.name, msg::field_name.english, FieldLimits::name},
      {r.birth_place, msg::field_birth_place.english, FieldLimits::place},
      {r.address, msg::field_address.english, FieldLimits::address},
      {r.kelurahan_desa, msg::field_kelurahan_desa.english, FieldLimits::place},
      {r.kecamatan, msg::field_kecamatan.english, FieldLimits::place},
      {r.occupation, msg::field_occupation.english, FieldLimits::occupation},
      {r.issuing_city, msg::field_issuing_city.english, FieldLimits::place},
  };
  for (const auto& t : texts) {
    if (auto v = validate_text(t.value, t.field, t.max); !v) return v;
  }
  for (char c : r.name) {
    const bool allowed =
        (c >= 'A' && c <= 'Z') || c == ' ' || c == '\'' || c == '-' || c == '.' || c == ',';
    if (!allowed) {
      return bad(msg::field_name.english, msg::say(msg::record_name_characters));
    }
  }
  if (r.name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos) {
    return bad(msg::field_name.english, msg::say(msg::record_name_no_letter));
  }
  if (auto v = validate_nik(r.nik); !v) return v;
  if (!r.birth_date.valid())
    return bad(msg::field_birth_date.english, msg::say(msg::record_not_real_date));
  if (!r.issue_date.valid())
    return bad(msg::field_issue_date.english, msg::say(msg::record_not_real_date));
  if (r.issue_date < r.birth_date)
    return bad(msg::field_issue_date.english, msg::say(msg::record_issue_before_birth));
  if (r.valid_until) {
    if (!r.valid_until->valid())
      return bad(msg::field_validity.english, msg::say(msg::record_not_real_date));
    if (*r.valid_until <= r.issue_date)
      return bad(msg::field_validity.english, msg::say(msg::record_validity_before_issue));
  }
  const int nik_day = num(r.nik, 6, 2);
  const int want_day = r.birth_date.day + (r.sex == Sex::female ? 40 : 0);
  if (nik_day != want_day) {
    return bad(msg::field_nik.english, msg::say(msg::record_nik_birth_day));
  }
  if (r.nik.substr(8, 4) != two(r.birth_date.month) + two(r.birth_date.year)) {
    return bad(msg::field_nik.english, msg::say(msg::record_nik_birth_month));
  }
  if (!one_of(r.blood_type, kBloodTypes)) {
    return bad(msg::field_blood_type.english,
               msg::say(msg::record_not_one_of, list_text(kBloodTypes)));
  }
  if (!one_of(r.religion, kReligions)) {
    return bad(msg::field_religion.english,
               msg::say(msg::record_not_one_of, list_text(kReligions)));
  }
  if (!one_of(r.marital_status, kMaritalStatuses)) {
    return bad(msg::field_marital_status.english,
               msg::say(msg::record_not_one_of, list_text(kMaritalStatuses)));
  }
  if (r.citizenship != "WNI" && r.citizenship != "WNA") {
    return bad(msg::field_citizenship.english, msg::say(msg::record_citizenship));
  }
  if (r.rt_rw.size() != 7 || r.rt_rw[3] != '/' || !all_digits(r.rt_rw.substr(0, 3)) ||
      !all_digits(r.rt_rw.substr(4, 3))) {
    return bad(msg::field_rt_rw.english, msg::say(msg::record_rt_rw));
  }
  if (check_can && (r.can.size() != 6 || !all_digits(r.can)))
    return bad(msg::field_can.english, msg::say(msg::record_can));
  return ok();
}

}  // namespace ektp::chip
