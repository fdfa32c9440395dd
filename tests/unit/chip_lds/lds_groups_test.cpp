// Each KTP-OPEN file: built from the record and images, parsed back equal,
// with the structure the profile names.
#include <doctest/doctest.h>

#include "chip/lds_com.hpp"
#include "chip/lds_dg1.hpp"
#include "chip/lds_dg11.hpp"
#include "chip/lds_dg12.hpp"
#include "chip/lds_dg13.hpp"
#include "chip/lds_dg2.hpp"
#include "chip/lds_dg3.hpp"
#include "chip/lds_dg7.hpp"
#include "chip/tlv.hpp"
#include "support/require_ok.hpp"
#include "tests/unit/chip_lds/sample_data.hpp"

using namespace ektp::chip;
using namespace ektp::chip::test;

TEST_CASE("EF.COM lists LDS 1.8, Unicode 4.0.0 and the data groups") {
  const Bytes com = build_com({0x61, 0x75, 0x63, 0x67, 0x6B, 0x6C, 0x6D});
  CHECK(to_hex(com) == "60195F0104303130385F36063034303030305C07617563676B6C6D");
  auto c = parse_com(com);
  REQUIRE_OK(c);
  CHECK(c->lds_version == "0108");
  CHECK(c->unicode_version == "040000");
  CHECK(c->tags == std::vector<std::uint8_t>{0x61, 0x75, 0x63, 0x67, 0x6B, 0x6C, 0x6D});
}

TEST_CASE("DG1 holds the TD1 MRZ in 5F1F and reads back") {
  auto dg1 = build_dg1(sample_record());
  REQUIRE_OK(dg1);
  CHECK(to_hex(std::span(*dg1).first(5)) == "615D5F1F5A");  // 61 93 { 5F1F 90 }
  auto d = parse_dg1(*dg1);
  REQUIRE_OK(d);
  CHECK(d->fields.document_number == "3273015708900003");
  CHECK(d->fields.sex == 'F');
  CHECK(d->mrz == make_td1(sample_record()).value());
}

TEST_CASE("DG2 wraps a 19794-5 facial record holding the JPEG") {
  const FaceImage face{jpeg_like(3500), 240, 320};
  auto dg2 = build_dg2(face);
  REQUIRE_OK(dg2);
  auto t = parse_tlv(*dg2);
  REQUIRE_OK(t);
  CHECK(t->tag == 0x75);
  const Tlv& group = t->children.at(0);
  CHECK(group.tag == 0x7F61);
  CHECK(group.children.at(0).bytes() == Bytes{0x01});
  const Tlv& tmpl = group.children.at(1);
  CHECK(tmpl.tag == 0x7F60);
  CHECK(to_hex(tmpl.children.at(0).value) ==
        "80020101810102870201018802"
        "0008");
  const Bytes record = tmpl.children.at(1).bytes();
  CHECK(tmpl.children.at(1).tag == 0x5F2E);
  CHECK(to_hex(std::span(record).first(8)) == "4641430030313000");  // "FAC\0" "010\0"
  CHECK(record.size() == 14 + 20 + 12 + 3500);
  auto back = parse_dg2(*dg2);
  REQUIRE_OK(back);
  CHECK(*back == face);
}

TEST_CASE("DG3 wraps one 19794-2 record with the two index fingers") {
  const FingerMinutiae fingers = sample_fingers(64);
  auto dg3 = build_dg3(fingers);
  REQUIRE_OK(dg3);
  CHECK(dg3->size() > 780);
  CHECK(dg3->size() < 850);
  auto t = parse_tlv(*dg3);
  REQUIRE_OK(t);
  CHECK(t->tag == 0x63);
  const Tlv& tmpl = t->children.at(0).children.at(1);
  const Bytes record = tmpl.children.at(1).bytes();
  CHECK(to_hex(std::span(record).first(8)) == "464D520020323000");  // "FMR\0" " 20\0"
  CHECK(record[22] == 2);                                           // two finger views
  CHECK(record[24] == kRightIndex);
  auto back = parse_dg3(*dg3);
  REQUIRE_OK(back);
  CHECK(*back == fingers);
}

TEST_CASE("DG7 holds one signature JPEG in 5F43") {
  const Bytes sig = jpeg_like(1000, 5);
  auto dg7 = build_dg7(sig);
  REQUIRE_OK(dg7);
  CHECK(to_hex(std::span(*dg7).first(10)) == "678203F00201015F4382");
  auto back = parse_dg7(*dg7);
  REQUIRE_OK(back);
  CHECK(*back == sig);
}

TEST_CASE("DG11, DG12 and DG13 carry the text fields and read back") {
  CitizenRecord rec = sample_record();
  rec.valid_until = Date{2029, 8, 17};
  auto dg11 = build_dg11(rec);
  auto dg12 = build_dg12(rec);
  auto dg13 = build_dg13(rec);
  REQUIRE_OK(dg11);
  REQUIRE_OK(dg12);
  REQUIRE_OK(dg13);
  auto t11 = parse_tlv(*dg11);
  REQUIRE_OK(t11);
  CHECK(t11->tag == 0x6B);
  CHECK(to_hex(t11->find(0x5C)->value) == "5F0E5F105F2B5F115F425F13");
  CHECK(t11->find(0x5F10)->bytes() == Bytes(rec.nik.begin(), rec.nik.end()));
  CHECK(t11->find(0x5F2B)->bytes() == Bytes{'1', '9', '9', '0', '0', '8', '1', '7'});
  auto t13 = parse_tlv(*dg13);
  REQUIRE_OK(t13);
  const std::string validity(t13->find(0x88)->value.begin(), t13->find(0x88)->value.end());
  CHECK(validity == "17-08-2029");

  CitizenRecord back;
  REQUIRE_OK(parse_dg11(*dg11, back));
  REQUIRE_OK(parse_dg12(*dg12, back));
  REQUIRE_OK(parse_dg13(*dg13, back));
  back.sex = rec.sex;  // DG1's
  back.can = rec.can;  // never in a data group
  CHECK(back == rec);
}

TEST_CASE("DG13 writes SEUMUR HIDUP for lifetime validity") {
  auto dg13 = build_dg13(sample_record());
  REQUIRE_OK(dg13);
  CitizenRecord back;
  back.valid_until = Date{2000, 1, 1};
  REQUIRE_OK(parse_dg13(*dg13, back));
  CHECK_FALSE(back.valid_until.has_value());
  const std::string raw(dg13->begin(), dg13->end());
  CHECK(raw.find("SEUMUR HIDUP") != std::string::npos);
}
