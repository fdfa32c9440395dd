#pragma once
/// The citizen record: the fields printed on the e-KTP face, as one plain
/// struct. It is the one source for DG1 (MRZ), DG11, DG12, DG13 and the face.
/// validate() bounds and checks every field; docs/chip-data.md lists the rules.

#include <cstdint>
#include <optional>
#include <string>

#include "drivers/common/result.hpp"

namespace ektp::chip {

/// A calendar date (Gregorian), years 1900 to 2199.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  bool valid() const;
  std::string dmy() const;       ///< "17-08-1945", as printed on the face
  std::string ccyymmdd() const;  ///< "19450817" (DG11, DG12)
  std::string yymmdd() const;    ///< "450817" (MRZ)
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Parse "CCYYMMDD" (8 digits, a real date).
Result<Date> parse_ccyymmdd(const std::string& text, const std::string& field);
/// Parse "DD-MM-YYYY" (a real date).
Result<Date> parse_dmy(const std::string& text, const std::string& field);

enum class Sex { male, female };

/// "LAKI-LAKI" / "PEREMPUAN", as printed.
const char* sex_text(Sex sex);

/// Printed text of a lifetime validity.
inline constexpr const char* kLifetime = "SEUMUR HIDUP";

/// One citizen's face fields (central-protocol.md). Text is printable ASCII,
/// upper case as printed on the face.
struct CitizenRecord {
  std::string province;      ///< "JAWA BARAT"
  std::string regency_city;  ///< "KOTA BANDUNG"
  std::string nik;           ///< 16 digits, see validate_nik()
  std::string name;
  std::string birth_place;
  Date birth_date;
  Sex sex = Sex::male;
  std::string blood_type;  ///< A, B, AB, O, with optional + or -, or "-" (unknown)
  std::string address;
  std::string rt_rw;  ///< "001/002"
  std::string kelurahan_desa;
  std::string kecamatan;
  std::string religion;        ///< one of kReligions
  std::string marital_status;  ///< one of kMaritalStatuses
  std::string occupation;
  std::string citizenship;          ///< "WNI" or "WNA"
  std::optional<Date> valid_until;  ///< nullopt = SEUMUR HIDUP (lifetime)
  std::string issuing_city;
  Date issue_date;
  std::string can;  ///< card access number, 6 digits (PACE); never in a data group

  /// Validity as printed: "SEUMUR HIDUP" or "DD-MM-YYYY".
  std::string validity_text() const;

  friend bool operator==(const CitizenRecord&, const CitizenRecord&) = default;
};

/// Accepted values, as printed on the face.
inline constexpr const char* kReligions[] = {"ISLAM",
                                             "KRISTEN",
                                             "KATOLIK",
                                             "HINDU",
                                             "BUDDHA",
                                             "KHONGHUCU",
                                             "KEPERCAYAAN TERHADAP TUHAN YME"};
inline constexpr const char* kMaritalStatuses[] = {"BELUM KAWIN", "KAWIN", "CERAI HIDUP",
                                                   "CERAI MATI"};
inline constexpr const char* kBloodTypes[] = {"A",  "B",   "AB",  "O",  "A+", "A-", "B+",
                                              "B-", "AB+", "AB-", "O+", "O-", "-"};

/// Longest accepted text of each free-text field (bytes).
struct FieldLimits {
  static constexpr std::size_t name = 60;
  static constexpr std::size_t place = 40;  ///< province, regency/city, places, kel., kec.
  static constexpr std::size_t address = 100;
  static constexpr std::size_t occupation = 40;
};

/// Format of a NIK on its own: 16 digits; province code 11-99, regency and
/// kecamatan codes not 00; DDMMYY a real day and month (day + 40 for women);
/// serial not 0000. `field` names it in messages.
Result<void> validate_nik(const std::string& nik, const std::string& field = "NIK");

/// Every field bounded and checked, and the NIK agreeing with date of birth and sex.
/// The message names the field and what is wrong. `check_can` = false skips the
/// CAN (a record read back from the data groups has none).
Result<void> validate(const CitizenRecord& record, bool check_can = true);

/// Free text of a record field: 1..max bytes of printable ASCII, no leading,
/// trailing or double spaces. Shared with the data-group parsers.
Result<void> validate_text(const std::string& value, const std::string& field, std::size_t max);

}  // namespace ektp::chip
