#include "chip/record.hpp"

#include <cstdio>

namespace ektp::chip {
namespace {

Error bad(const std::string& field, const std::string& what) {
  return fail("record.bad_field",
              "The citizen record's " + field + " " + what +
                  ". Ask central to correct the record and send the job again.");
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
  if (text.size() != 8 || !all_digits(text)) return bad(field, "is not 8 digits (CCYYMMDD)");
  Date d{num(text, 0, 4), num(text, 4, 2), num(text, 6, 2)};
  if (!d.valid()) return bad(field, "is not a real date");
  return d;
}

Result<Date> parse_dmy(const std::string& text, const std::string& field) {
  if (text.size() != 10 || text[2] != '-' || text[5] != '-' ||
      !all_digits(text.substr(0, 2) + text.substr(3, 2) + text.substr(6, 4))) {
    return bad(field, "is not a date written DD-MM-YYYY");
  }
  Date d{num(text, 6, 4), num(text, 3, 2), num(text, 0, 2)};
  if (!d.valid()) return bad(field, "is not a real date");
  return d;
}

const char* sex_text(Sex sex) { return sex == Sex::male ? "LAKI-LAKI" : "PEREMPUAN"; }

std::string CitizenRecord::validity_text() const {
  return valid_until ? valid_until->dmy() : std::string(kLifetime);
}

Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max) {
  if (value.empty()) return bad(field, "is empty");
  if (value.size() > max) {
    return bad(field, "is " + std::to_string(value.size()) + " characters long (at most " +
                          std::to_string(max) + ")");
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c > 0x7E) {
      return bad(field, "has a character that is not printable ASCII at position " +
                            std::to_string(i + 1));
    }
    if (c >= 'a' && c <= 'z') return bad(field, "must be in capital letters, as printed");
    if (c == ' ' && (i == 0 || i + 1 == value.size() || value[i - 1] == ' ')) {
      return bad(field, "has a leading, trailing or double space");
    }
  }
  return ok();
}

Result<void> validate_nik(const std::string& nik, const std::string& field) {
  if (nik.size() != 16 || !all_digits(nik)) return bad(field, "must be exactly 16 digits");
  if (num(nik, 0, 2) < 11) return bad(field, "has no valid province code (digits 1-2)");
  if (num(nik, 2, 2) == 0) return bad(field, "has no valid regency/city code (digits 3-4)");
  if (num(nik, 4, 2) == 0) return bad(field, "has no valid kecamatan code (digits 5-6)");
  const int dd = num(nik, 6, 2);
  const int day = dd > 40 ? dd - 40 : dd;
  if (day < 1 || day > 31) return bad(field, "has no valid birth day (digits 7-8)");
  const int mm = num(nik, 8, 2);
  if (mm < 1 || mm > 12) return bad(field, "has no valid birth month (digits 9-10)");
  if (num(nik, 12, 4) == 0) return bad(field, "has serial number 0000 (digits 13-16)");
  return ok();
}

Result<void> validate(const CitizenRecord& r, bool check_can) {
  struct Text {
    const std::string& value;
    const char* field;
    std::size_t max;
  };
  const Text texts[] = {
      {r.province, "province", FieldLimits::place},
      {r.regency_city, "regency/city", FieldLimits::place},
      {r.name, "name", FieldLimits::name},
      {r.birth_place, "place of birth", FieldLimits::place},
      {r.address, "address", FieldLimits::address},
      {r.kelurahan_desa, "kelurahan/desa", FieldLimits::place},
      {r.kecamatan, "kecamatan", FieldLimits::place},
      {r.occupation, "occupation", FieldLimits::occupation},
      {r.issuing_city, "issuing city", FieldLimits::place},
  };
  for (const auto& t : texts) {
    if (auto v = validate_text(t.value, t.field, t.max); !v) return v;
  }
  for (char c : r.name) {
    const bool allowed =
        (c >= 'A' && c <= 'Z') || c == ' ' || c == '\'' || c == '-' || c == '.' || c == ',';
    if (!allowed) {
      return bad("name", "has a character other than letters, spaces and ' - . ,");
    }
  }
  if (r.name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos) {
    return bad("name", "has no letter");
  }
  if (auto v = validate_nik(r.nik); !v) return v;
  if (!r.birth_date.valid()) return bad("date of birth", "is not a real date");
  if (!r.issue_date.valid()) return bad("date of issue", "is not a real date");
  if (r.issue_date < r.birth_date) return bad("date of issue", "is before the date of birth");
  if (r.valid_until) {
    if (!r.valid_until->valid()) return bad("validity", "is not a real date");
    if (*r.valid_until <= r.issue_date) return bad("validity", "ends before the date of issue");
  }
  const int nik_day = num(r.nik, 6, 2);
  const int want_day = r.birth_date.day + (r.sex == Sex::female ? 40 : 0);
  if (nik_day != want_day) {
    return bad("NIK", "digits 7-8 do not match the birth day and sex (the day of birth, "
                      "with 40 added for women)");
  }
  if (r.nik.substr(8, 4) != two(r.birth_date.month) + two(r.birth_date.year)) {
    return bad("NIK", "digits 9-12 do not match the month and year of birth (MMYY)");
  }
  if (!one_of(r.blood_type, kBloodTypes)) {
    return bad("blood type", "is not one of " + list_text(kBloodTypes));
  }
  if (!one_of(r.religion, kReligions)) {
    return bad("religion", "is not one of " + list_text(kReligions));
  }
  if (!one_of(r.marital_status, kMaritalStatuses)) {
    return bad("marital status", "is not one of " + list_text(kMaritalStatuses));
  }
  if (r.citizenship != "WNI" && r.citizenship != "WNA") {
    return bad("citizenship", "must be WNI or WNA");
  }
  if (r.rt_rw.size() != 7 || r.rt_rw[3] != '/' || !all_digits(r.rt_rw.substr(0, 3)) ||
      !all_digits(r.rt_rw.substr(4, 3))) {
    return bad("RT/RW", "must be written NNN/NNN, e.g. 001/002");
  }
  if (check_can && (r.can.size() != 6 || !all_digits(r.can)))
    return bad("CAN", "must be exactly 6 digits");
  return ok();
}

}  // namespace ektp::chip
