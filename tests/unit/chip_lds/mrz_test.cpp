// MRZ: check digits and TD1 layout against ICAO 9303 worked examples, and
// the KTP-OPEN rules (NIK overflow, lifetime validity, names).
#include <doctest/doctest.h>

#include "chip/mrz.hpp"
#include "support/require_ok.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"

using namespace ektp::chip;
using ektp::chip::test::sample_record;

// ICAO 9303 Part 5, TD1 specimen.
static const std::string kSpecimen =
    "I<UTOD231458907<<<<<<<<<<<<<<<"
    "7408122F1204159UTO<<<<<<<<<<<6"
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
// ICAO 9303 Part 11 Appendix D.2: TD1 with a 12-character document number.
static const std::string kOverflowSpecimen =
    "I<UTOD23145890<7349<<<<<<<<<<<"
    "3407127M9507122UTO<<<<<<<<<<<2"
    "STEVENSON<<PETER<JOHN<<<<<<<<<";

TEST_CASE("check digits match the ICAO 9303 worked examples") {
  CHECK(check_digit("520727") == '3');     // Part 3, date example
  CHECK(check_digit("AB2134<<<") == '5');  // Part 3, document number example
  CHECK(check_digit("L898902C<") == '3');  // Part 4 specimen
  CHECK(check_digit("ZE184226B<<<<<") == '1');
  CHECK(check_digit("D23145890") == '7');  // Part 5 TD1 specimen
  CHECK(check_digit("740812") == '2');
  CHECK(check_digit("120415") == '9');
  CHECK(check_digit("D23145890734") == '9');  // Part 11 D.2, overflow
  CHECK_FALSE(check_digit("ab").has_value());
}

TEST_CASE("the ICAO TD1 specimens parse with every check digit verified") {
  auto f = parse_td1(kSpecimen);
  REQUIRE_OK(f);
  CHECK(f->document_code == "I<");
  CHECK(f->issuing_state == "UTO");
  CHECK(f->document_number == "D23145890");
  CHECK(f->birth_date == "740812");
  CHECK(f->sex == 'F');
  CHECK(f->expiry == std::optional<std::string>("120415"));
  CHECK(f->nationality == "UTO");
  CHECK(f->name == "ERIKSSON<<ANNA<MARIA");

  auto o = parse_td1(kOverflowSpecimen);
  REQUIRE_OK(o);
  CHECK(o->document_number == "D23145890734");
  CHECK(o->sex == 'M');
}

TEST_CASE("a changed character breaks a check digit") {
  std::string m = kSpecimen;
  m[7] = '4';  // document number
  auto r = parse_td1(m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("document number") != std::string::npos);
  m = kSpecimen;
  m[30 + 3] = '9';  // date of birth
  CHECK(parse_td1(m).error().message.find("date of birth") != std::string::npos);
  m = kSpecimen;
  m[59] = '5';  // composite
  CHECK(parse_td1(m).error().message.find("composite") != std::string::npos);
  m = kSpecimen;
  m[30 + 18] = 'B';  // optional data: only the composite catches it ('A' would not: 10 x 7)
  CHECK(parse_td1(m).error().message.find("composite") != std::string::npos);
  CHECK(parse_td1(kSpecimen.substr(0, 89)).error().message.find("89 characters") !=
        std::string::npos);
  m = kSpecimen;
  m[70] = 'a';
  CHECK(parse_td1(m).error().message.find("character 71") != std::string::npos);
}

TEST_CASE("KTP-OPEN TD1: NIK with the overflow rule, lifetime validity") {
  const CitizenRecord rec = sample_record();  // NIK 3273015708900003, lifetime
  auto m = make_td1(rec);
  REQUIRE_OK(m);
  REQUIRE(m->size() == 90);
  const std::string l1 = m->substr(0, 30), l2 = m->substr(30, 30), l3 = m->substr(60);
  CHECK(l1.substr(0, 5) == "IDIDN");
  CHECK(l1.substr(5, 9) == "327301570");
  CHECK(l1[14] == '<');
  CHECK(l1.substr(15, 7) == "8900003");
  CHECK(l1[22] == *check_digit("3273015708900003"));
  CHECK(l1.substr(23) == "<<<<<<<");
  CHECK(l2.substr(0, 7) == "900817" + std::string(1, *check_digit("900817")));
  CHECK(l2[7] == 'F');
  CHECK(l2.substr(8, 7) == "<<<<<<<");  // SEUMUR HIDUP: no date, check digit '<'
  CHECK(l2.substr(15, 3) == "IDN");
  CHECK(l3 == "SITI<NURHALIZA<PUTRI<<<<<<<<<<");
  auto f = parse_td1(*m);
  REQUIRE_OK(f);
  CHECK(f->document_number == rec.nik);
  CHECK_FALSE(f->expiry.has_value());
}

TEST_CASE("KTP-OPEN TD1: dated validity and a foreign resident") {
  CitizenRecord rec = sample_record();
  rec.valid_until = Date{2029, 8, 17};
  rec.citizenship = "WNA";
  auto m = make_td1(rec);
  REQUIRE_OK(m);
  CHECK(m->substr(38, 7) == "290817" + std::string(1, *check_digit("290817")));
  CHECK(m->substr(45, 3) == "XXX");
  auto f = parse_td1(*m);
  REQUIRE_OK(f);
  CHECK(f->expiry == std::optional<std::string>("290817"));
  rec.name = "";
  CHECK_FALSE(make_td1(rec).ok());
}

TEST_CASE("names: punctuation, separators and truncation with a final letter") {
  CHECK(mrz_name("MUH. ALI'S-SON, JR") == "MUH<ALIS<SON<JR<<<<<<<<<<<<<<<");
  CHECK(mrz_name("A  B") == "A<B<<<<<<<<<<<<<<<<<<<<<<<<<<<");
  CHECK(mrz_name(std::string(35, 'A')) == std::string(30, 'A'));
  // The cut falls on a separator: the next word's initial takes its place.
  CHECK(mrz_name(std::string(29, 'A') + " BUDI") == std::string(29, 'A') + "B");
  const std::string cut = mrz_name("RADEN MAS GUSTI KANJENG PANGERAN ARYA WIJAYA");
  CHECK(cut.size() == 30);
  CHECK(cut == "RADEN<MAS<GUSTI<KANJENG<PANGER");
}
