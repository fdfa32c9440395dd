#include "chip/apdu.hpp"

#include <doctest/doctest.h>

using namespace ektp::chip;

namespace {
std::string hex(const ektp::Result<Bytes>& r) {
  REQUIRE(r.ok());
  return to_hex(*r);
}
}  // namespace

// Encodings as laid out in ISO/IEC 7816-3 §12.1.3 (cases 1, 2S, 3S, 4S, 2E, 3E, 4E).
TEST_CASE("APDU cases 1 to 4, short form") {
  CHECK(hex(encode({0x00, 0x44, 0x00, 0x00, {}, {}})) == "00440000");
  CHECK(hex(encode({0x00, 0x84, 0x00, 0x00, {}, 8})) == "0084000008");
  CHECK(hex(encode({0x00, 0xB0, 0x00, 0x00, {}, 256})) == "00B0000000");
  CHECK(hex(encode({0x00, 0xA4, 0x02, 0x0C, {0x01, 0x1E}, {}})) == "00A4020C02011E");
  CHECK(hex(encode({0x00, 0xA4, 0x04, 0x04, {0xA0, 0x00}, 256})) == "00A4040402A00000");
}

TEST_CASE("APDU extended form") {
  Command read{0x00, 0xB0, 0x00, 0x00, {}, 65536};
  CHECK(hex(encode(read, Length::extended)) == "00B00000000000");
  read.le = 1024;
  CHECK(hex(encode(read, Length::extended)) == "00B00000000400");

  Command update{0x00, 0xD6, 0x00, 0x00, Bytes(300, 0xAB), {}};
  auto e = encode(update, Length::extended);
  REQUIRE(e.ok());
  CHECK(e->size() == 4 + 3 + 300);
  CHECK(to_hex(std::span(*e).first(7)) == "00D6000000012C");

  update.le = 2;
  auto e4 = encode(update, Length::extended);
  REQUIRE(e4.ok());
  CHECK(to_hex(std::span(*e4).last(2)) == "0002");  // Le follows Lc without a leading 00
}

TEST_CASE("APDU too large for its form is refused, not truncated") {
  Command big{0x00, 0xD6, 0x00, 0x00, Bytes(256, 0), {}};
  auto r = encode(big);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "apdu.too_long");
  CHECK(encode_auto(big).ok());
  CHECK(encode_auto(big)->size() == 4 + 3 + 256);

  Command le0{0x00, 0xB0, 0x00, 0x00, {}, 0};
  CHECK_FALSE(encode(le0).ok());
}

TEST_CASE("Responses: data and status word; fewer than two bytes means no card") {
  const Bytes raw{0x01, 0x02, 0x90, 0x00};
  auto r = parse_response(raw);
  REQUIRE(r.ok());
  CHECK(r->ok());
  CHECK(r->data == Bytes{0x01, 0x02});
  CHECK(sw_hex(r->sw) == "9000");

  const Bytes empty;
  auto gone = parse_response(empty);
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "card.no_response");
  CHECK_FALSE(parse_response(Bytes{0x90}).ok());
}

TEST_CASE("Hex round trip and bad input") {
  auto b = from_hex("00 a4 04 0C");
  REQUIRE(b.ok());
  CHECK(to_hex(*b) == "00A4040C");
  CHECK(from_hex("0G").error().code == "hex.bad_digit");
  CHECK(from_hex("ABC").error().code == "hex.odd_length");
}
