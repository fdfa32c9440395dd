// APDU cases 1-4 short and extended, and the class/instruction/parameter refusals.
#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;

TEST_CASE("malformed APDUs are refused with 6700") {
  Card card(CardConfig{});
  card.power_on();
  CHECK(sw(card, hx("00A4")) == 0x6700);                // shorter than a header
  CHECK(sw(card, hx("00A4020C03011E")) == 0x6700);      // Lc 3 but 2 data bytes
  CHECK(sw(card, hx("00A4020C02011E0000")) == 0x6700);  // one byte too many
  CHECK(sw(card, hx("00B0000000 00")) == 0x6700);       // 6 bytes with a zero: no case
}

TEST_CASE("case 1, 2, 3 and 4 short APDUs are understood") {
  Card card = card_with_app();
  CHECK(sw(card, create(fcp_ef(0x0101, 16, 1))) == 0x9000);              // case 3
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(16))) == 0x9000);  // case 3
  auto r = run(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 16));              // case 2
  CHECK(r.sw == 0x9000);
  CHECK(r.data == pattern(16));
  auto fcp = run(card, apdu(0x00, 0xA4, 0x02, 0x04, be16(0x0101), 256));  // case 4, Le 00
  CHECK(fcp.sw == 0x9000);
  CHECK(fcp.data[0] == 0x62);
  CHECK(sw(card, hx("00440000")) == 0x9000);  // case 1 (ACTIVATE current EF)
}

TEST_CASE("short Le 00 means 256") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 300))) == 0x9000);
  auto r = run(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 256));
  CHECK(r.sw == 0x9000);
  CHECK(r.data.size() == 256);
}

TEST_CASE("extended APDUs on a card without extended length get 6700") {
  Card card = card_with_app();  // 8 KB, short only
  REQUIRE(sw(card, create(fcp_ef(0x0101, 2000))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(300), std::nullopt, true)) == 0x6700);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 300, true)) == 0x6700);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(10), std::nullopt, true)) == 0x6700);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101}).value() == Bytes(2000, 0x00));
}

TEST_CASE("extended APDUs on a 32 KB card: up to the stated maximum, 6700 above") {
  Card card = card_with_app(card32k(1024));
  REQUIRE(sw(card, create(fcp_ef(0x0101, 30000, 1))) == 0x9000);
  auto data = pattern(1024, 7);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, data, std::nullopt, true)) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x04, 0x00, pattern(1025), std::nullopt, true)) == 0x6700);
  auto r = run(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 1024, true));
  CHECK(r.sw == 0x9000);
  CHECK(r.data == data);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 1025, true)) == 0x6700);
  // Le 0000 = 65536, capped at the card's maximum.
  auto wild = run(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 0, true));
  CHECK(wild.sw == 0x9000);
  CHECK(wild.data.size() == 1024);
  // Case 4 extended (a SELECT with FCP).
  auto fcp = run(card, apdu(0x00, 0xA4, 0x02, 0x04, be16(0x0101), 0, true));
  CHECK(fcp.sw == 0x9000);
  CHECK(fcp.data.at(0) == 0x62);
}

TEST_CASE("wrong class, instruction and parameters") {
  Card card = card_with_app();
  CHECK(sw(card, hx("A0A4000002 3F00")) == 0x6E00);  // GSM class
  CHECK(sw(card, hx("40B0000010")) == 0x6E00);
  CHECK(sw(card, hx("10B0000010")) == 0x6884);  // command chaining
  CHECK(sw(card, hx("0CB0000010")) == 0x6882);  // secure messaging (not yet)
  CHECK(sw(card, hx("01B0000010")) == 0x6881);  // logical channel 1
  CHECK(sw(card, hx("0020000000")) == 0x6D00);  // VERIFY: not supported
  CHECK(sw(card, hx("00FE000000")) == 0x6D00);
  CHECK(sw(card, hx("80500000 00")) == 0x6D00);      // proprietary class, unknown INS
  CHECK(sw(card, hx("00A4050C023F00")) == 0x6A86);   // SELECT P1 05
  CHECK(sw(card, hx("00A4000802 3F00")) == 0x6A86);  // SELECT P2 08
  CHECK(sw(card, hx("00E0000104 62028201")) == 0x6A86);
  CHECK(sw(card, hx("00440100")) == 0x6A86);
  CHECK(sw(card, hx("0084000108")) == 0x6A86);
  CHECK(sw(card, hx("FFCA010000")) == 0x6A86);
  CHECK(sw(card, hx("80CA9F7E00")) == 0x6A88);  // GET DATA of an unknown object
}

TEST_CASE("wrong Lc for the command") {
  Card card = card_with_app();
  CHECK(sw(card, hx("00A4000C03 3F0001")) == 0x6700);  // FID of 3 bytes
  CHECK(sw(card, hx("00A4040C00")) == 0x6700);         // no DF name (case 2 form)
  CHECK(sw(card, hx("00A4040C11 A0000002471001A0000002471001A0000002")) == 0x6700);
  CHECK(sw(card, hx("00E00000")) == 0x6700);           // CREATE without FCP
  CHECK(sw(card, hx("0044000003 010101")) == 0x6700);  // ACTIVATE with a 3-byte FID
  CHECK(sw(card, hx("0084000000 ")) == 0x9000);        // GET CHALLENGE Le 00: 8 bytes
  CHECK(sw(card, hx("00840000")) == 0x6700);           // GET CHALLENGE without Le
}
