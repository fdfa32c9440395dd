// Citizen record validation: each field bounded, the NIK checked against
// the date of birth and sex, messages naming the field.
#include <doctest/doctest.h>

#include <functional>

#include "chip/record.hpp"
#include "support/require_ok.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"

using namespace ektp::chip;
using ektp::chip::test::sample_record;

namespace {

/// The message of validating the sample record after `change`.
std::string refusal(const std::function<void(CitizenRecord&)>& change) {
  CitizenRecord r = sample_record();
  change(r);
  auto v = validate(r);
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == "record.bad_field");
  return v.error().message;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("the sample record is valid, a man's NIK has the plain birth day") {
  CHECK_OK(validate(sample_record()));
  CitizenRecord man = sample_record();
  man.sex = Sex::male;
  man.nik = "3273011708900003";
  CHECK_OK(validate(man));
  CHECK(has(refusal([](auto& r) { r.sex = Sex::male; }), "NIK digits 7-8 do not match"));
}

TEST_CASE("NIK format: 16 digits, region codes, birth day and month, serial") {
  CHECK(has(refusal([](auto& r) { r.nik = "327301570890000"; }), "NIK must be exactly 16 digits"));
  CHECK(has(refusal([](auto& r) { r.nik = "32730157089000A3"; }), "exactly 16 digits"));
  CHECK(has(refusal([](auto& r) { r.nik = "0073015708900003"; }), "province code"));
  CHECK(has(refusal([](auto& r) { r.nik = "3200015708900003"; }), "regency/city code"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273005708900003"; }), "kecamatan code"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273013508900003"; }), "birth day"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273015713900003"; }), "birth month"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273015708900000"; }), "serial number 0000"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273015709900003"; }), "NIK digits 9-12 do not match"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273015708910003"; }), "month and year of birth"));
  CHECK(has(refusal([](auto& r) { r.nik = "3273011708900003"; }), "with 40 added for women"));
  CHECK_OK(validate_nik("9201017112990001"));  // day 71 = 31st, woman
  CHECK_FALSE(validate_nik("9201017212990001").ok());
}

TEST_CASE("text fields are bounded, printable, capital letters, single spaces") {
  CHECK(has(refusal([](auto& r) { r.name = ""; }), "name is empty"));
  CHECK(has(refusal([](auto& r) { r.name = std::string(61, 'A'); }),
            "61 characters long (at most 60)"));
  CHECK_OK([] {
    auto r = sample_record();
    r.name = std::string(60, 'A');
    return validate(r);
  }());
  CHECK(has(refusal([](auto& r) { r.name = "Siti"; }), "capital letters"));
  CHECK(has(refusal([](auto& r) { r.name = "SITI  PUTRI"; }), "double space"));
  CHECK(has(refusal([](auto& r) { r.name = " SITI"; }), "leading"));
  CHECK(has(refusal([](auto& r) { r.name = "SITI 2"; }), "a character other than letters"));
  CHECK(has(refusal([](auto& r) { r.address = "JL. \xC3\x89"; }),
            "not printable ASCII at position 5"));
  CHECK(has(refusal([](auto& r) { r.address = std::string(101, 'X'); }), "address is 101"));
  CHECK(has(refusal([](auto& r) { r.kecamatan = "A\tB"; }), "kecamatan has a character"));
  CHECK(has(refusal([](auto& r) { r.occupation = ""; }), "occupation is empty"));
  CHECK(has(refusal([](auto& r) { r.province = ""; }), "province is empty"));
  CHECK(has(refusal([](auto& r) { r.issuing_city = std::string(41, 'K'); }), "issuing city"));
}

TEST_CASE("listed fields take only their listed values") {
  CHECK(has(refusal([](auto& r) { r.blood_type = "C"; }), "blood type is not one of"));
  CHECK(has(refusal([](auto& r) { r.religion = "ISLAM "; }), "religion"));
  CHECK(has(refusal([](auto& r) { r.marital_status = "MENIKAH"; }), "marital status"));
  CHECK(has(refusal([](auto& r) { r.citizenship = "WNX"; }), "WNI or WNA"));
  CHECK(has(refusal([](auto& r) { r.rt_rw = "1/2"; }), "RT/RW must be written NNN/NNN"));
  CHECK(has(refusal([](auto& r) { r.rt_rw = "001-002"; }), "RT/RW"));
  CHECK(has(refusal([](auto& r) { r.can = "12345"; }), "CAN must be exactly 6 digits"));
  CHECK(has(refusal([](auto& r) { r.can = "12345A"; }), "CAN"));
  for (const char* religion : kReligions) {
    auto r = sample_record();
    r.religion = religion;
    CHECK_OK(validate(r));
  }
  auto no_can = sample_record();
  no_can.can.clear();
  CHECK_OK(validate(no_can, false));
}

TEST_CASE("dates are real, ordered, and validity is a date or lifetime") {
  CHECK(Date{2024, 2, 29}.valid());
  CHECK_FALSE(Date{2023, 2, 29}.valid());
  CHECK_FALSE(Date{1900, 2, 29}.valid());
  CHECK(Date{2000, 2, 29}.valid());
  CHECK_FALSE(Date{2024, 4, 31}.valid());
  CHECK(has(refusal([](auto& r) {
              r.issue_date = {2024, 2, 30};
            }),
            "date of issue is not a real date"));
  CHECK(has(refusal([](auto& r) { r.issue_date = {1980, 1, 1}; }), "before the date of birth"));
  CHECK(has(refusal([](auto& r) {
              r.valid_until = Date{2024, 3, 5};
            }),
            "ends before the date of issue"));
  auto dated = sample_record();
  dated.valid_until = Date{2029, 8, 17};
  CHECK_OK(validate(dated));
  CHECK(dated.validity_text() == "17-08-2029");
  CHECK(sample_record().validity_text() == "SEUMUR HIDUP");
  CHECK(Date{1990, 8, 7}.ccyymmdd() == "19900807");
  CHECK(Date{2001, 8, 7}.yymmdd() == "010807");
  CHECK(parse_dmy("07-08-2001", "x").value() == Date{2001, 8, 7});
  CHECK_FALSE(parse_dmy("7-08-2001", "x").ok());
  CHECK_FALSE(parse_ccyymmdd("20010230", "x").ok());
  CHECK(parse_ccyymmdd("20010228", "x").value() == Date{2001, 2, 28});
}

TEST_CASE("a refusal never repeats the record's values (they are personal data)") {
  const CitizenRecord good = sample_record();
  const std::string nik_day = refusal([](auto& r) { r.birth_date.day += 1; });
  CHECK(has(nik_day, "NIK digits 7-8"));
  CHECK_FALSE(has(nik_day, good.nik.substr(6, 2)));
  const std::string nik_month = refusal([](auto& r) {
    r.birth_date.month = r.birth_date.month % 12 + 1;
  });
  CHECK(has(nik_month, "NIK digits 9-12"));
  CHECK_FALSE(has(nik_month, good.nik.substr(8, 4)));
  CHECK_FALSE(has(refusal([](auto& r) { r.religion = "AGAMA RAHASIA"; }), "RAHASIA"));
  CHECK_FALSE(has(refusal([](auto& r) { r.marital_status = "STATUS RAHASIA"; }), "RAHASIA"));
  CHECK_FALSE(has(refusal([](auto& r) { r.name = "SITI#RAHASIA"; }), "#"));
}
