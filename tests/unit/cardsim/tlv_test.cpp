// BER-TLV parsing: the length forms the card accepts and the ones it refuses.
#include "tools/cardsim/tlv.hpp"
#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;
using ektp::cardsim::parse_tlvs;

TEST_CASE("TLV lengths: 1 byte, 81 xx, 82 xx xx, 83 xx xx xx") {
  Bytes long_value(300, 0xAB);
  for (const Bytes& header : {hx("5302"), hx("538102"), hx("53820002"), hx("5383000002")}) {
    CAPTURE(ektp::cardsim::to_hex(header));
    Bytes encoded = header;
    encoded.insert(encoded.end(), {0x01, 0x02});
    auto tlvs = parse_tlvs(encoded);
    REQUIRE(tlvs.has_value());
    REQUIRE(tlvs->size() == 1);
    CHECK((*tlvs)[0].tag == 0x53);
    CHECK(Bytes((*tlvs)[0].value.begin(), (*tlvs)[0].value.end()) == hx("0102"));
  }
  Bytes big = hx("53 82 01 2C");
  big.insert(big.end(), long_value.begin(), long_value.end());
  auto parsed = parse_tlvs(big);
  REQUIRE(parsed.has_value());
  CHECK((*parsed)[0].value.size() == 300);
}

TEST_CASE("TLV: the indefinite length 80 and 84+ are refused, not read as lengths") {
  Bytes indefinite = hx("5380");  // 80 = indefinite (BER), not 128
  indefinite.resize(2 + 130, 0x00);
  CHECK_FALSE(parse_tlvs(indefinite).has_value());
  CHECK_FALSE(parse_tlvs(hx("5384 00000001 AA")).has_value());
  CHECK_FALSE(parse_tlvs(hx("53FF AA")).has_value());
  CHECK_FALSE(parse_tlvs(hx("538102 AA")).has_value());  // runs past the end

  // Through the card: a CREATE FILE whose FCP uses 80 is malformed (6A80).
  Card card(CardConfig{});
  card.power_on();
  Bytes fcp = hx("6280 80020010 820101 83020101 0000");
  CHECK(sw(card, create(fcp)) == 0x6A80);
  CHECK(card.files().size() == 1);
}
