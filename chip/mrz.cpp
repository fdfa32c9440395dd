#include "chip/mrz.hpp"

#include "chip/chip_messages_data.hpp"

namespace ektp::chip {
namespace {

bool mrz_char(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '<'; }

Error bad_mrz(const std::string& what) {
  return fail("mrz.invalid", msg::say(msg::mrz_invalid, what));
}

std::string pad(std::string s, std::size_t width) {
  s.resize(width, '<');
  return s;
}

std::string strip_fillers(std::string_view s) {
  const auto end = s.find_last_not_of('<');
  return end == std::string_view::npos ? std::string() : std::string(s.substr(0, end + 1));
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<char> check_digit(std::string_view field) {
  static constexpr int weights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    int v;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'A' && c <= 'Z')
      v = c - 'A' + 10;
    else if (c == '<')
      v = 0;
    else
      return std::nullopt;
    sum += v * weights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

std::string mrz_name(const std::string& name, std::size_t width) {
  std::string out;
  for (char c : name) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') {
      out.push_back(c);
    } else if (c == '\'' || c == '.') {
      continue;  // ICAO: punctuation is not shown
    } else if (!out.empty() && out.back() != '<') {
      out.push_back('<');  // space, hyphen, comma and anything else separate words
    }
  }
  while (!out.empty() && out.back() == '<') out.pop_back();
  if (out.size() <= width) return pad(out, width);
  // Cut: the last character must be a letter to show the name was truncated.
  // When the cut falls on a separator, the next word's initial takes its place
  // (the character after a single '<' is always a letter).
  std::string cut = out.substr(0, width);
  if (cut.back() == '<') cut.back() = out[width];
  return cut;
}

Result<std::string> make_td1(const CitizenRecord& r) {
  if (auto v = validate(r, false); !v) return v.error();
  const std::string& nik = r.nik;
  // Line 1: code, state, first 9 of the NIK, '<' (overflow), rest + check digit.
  std::string l1 = "IDIDN" + nik.substr(0, 9) + "<" + nik.substr(9) + *check_digit(nik);
  l1 = pad(l1, kTd1Line);
  // Line 2.
  const std::string dob = r.birth_date.yymmdd();
  std::string l2 = dob + *check_digit(dob);
  l2 += r.sex == Sex::female ? 'F' : 'M';
  if (r.valid_until) {
    const std::string exp = r.valid_until->yymmdd();
    l2 += exp + *check_digit(exp);
  } else {
    l2 += "<<<<<<<";  // lifetime: KTP-OPEN choice, check digit '<'
  }
  l2 += r.citizenship == "WNI" ? "IDN" : "XXX";
  l2 = pad(l2, kTd1Line - 1);
  const std::string composite =
      l1.substr(5, 25) + l2.substr(0, 7) + l2.substr(8, 7) + l2.substr(18, 11);
  l2 += *check_digit(composite);
  return l1 + l2 + mrz_name(r.name);
}

Result<Td1Fields> parse_td1(std::string_view m) {
  if (m.size() != kTd1Length) {
    return bad_mrz(msg::say(msg::mrz_length, m.size()));
  }
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (!mrz_char(m[i])) {
      return bad_mrz(msg::say(msg::mrz_character, i + 1));
    }
  }
  const std::string_view l1 = m.substr(0, 30), l2 = m.substr(30, 30), l3 = m.substr(60, 30);
  Td1Fields f;
  f.document_code = std::string(l1.substr(0, 2));
  f.issuing_state = std::string(l1.substr(2, 3));
  if (f.document_code[0] != 'I' && f.document_code[0] != 'A' && f.document_code[0] != 'C') {
    return bad_mrz(msg::say(msg::mrz_document_code, f.document_code));
  }
  const std::string_view num9 = l1.substr(5, 9);
  const std::string_view optional1 = l1.substr(15, 15);
  if (l1[14] == '<' && optional1[0] != '<') {
    // Overflow: the rest of the number, then its check digit, then fillers.
    const std::string rest = strip_fillers(optional1);
    if (rest.size() < 2) return bad_mrz(msg::say(msg::mrz_long_number_cut));
    const std::string whole = std::string(num9) + rest.substr(0, rest.size() - 1);
    if (check_digit(whole) != rest.back()) {
      return bad_mrz(msg::say(msg::mrz_number_check));
    }
    f.document_number = whole;
  } else {
    if (check_digit(num9) != l1[14]) {
      return bad_mrz(msg::say(msg::mrz_number_check));
    }
    f.document_number = strip_fillers(num9);
  }
  if (f.document_number.find('<') != std::string::npos || f.document_number.empty()) {
    return bad_mrz(msg::say(msg::mrz_number_fillers));
  }
  f.birth_date = std::string(l2.substr(0, 6));
  if (!digits(f.birth_date) || check_digit(f.birth_date) != l2[6]) {
    return bad_mrz(msg::say(msg::mrz_birth_check));
  }
  f.sex = l2[7];
  if (f.sex != 'M' && f.sex != 'F' && f.sex != '<') return bad_mrz(msg::say(msg::mrz_sex));
  const std::string_view exp = l2.substr(8, 6);
  if (exp == "<<<<<<" && l2[14] == '<') {
    f.expiry.reset();
  } else if (digits(exp) && check_digit(exp) == l2[14]) {
    f.expiry = std::string(exp);
  } else {
    return bad_mrz(msg::say(msg::mrz_expiry_check));
  }
  f.nationality = std::string(l2.substr(15, 3));
  const std::string composite = std::string(l1.substr(5, 25)) + std::string(l2.substr(0, 7)) +
                                std::string(l2.substr(8, 7)) + std::string(l2.substr(18, 11));
  if (check_digit(composite) != l2[29]) return bad_mrz(msg::say(msg::mrz_composite_check));
  f.name = strip_fillers(l3);
  if (f.name.empty()) return bad_mrz(msg::say(msg::mrz_name_empty));
  return f;
}

}  // namespace ektp::chip
