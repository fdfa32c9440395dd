// GET CHALLENGE, CPLC, UID, ATR.
#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;

TEST_CASE("GET CHALLENGE: 8 random bytes; another Le gets 6C08") {
  Card card(CardConfig{});
  card.power_on();
  auto a = run(card, hx("0084000008"));
  auto b = run(card, hx("0084000008"));
  CHECK(a.sw == 0x9000);
  CHECK(a.data.size() == 8);
  CHECK(a.data != b.data);
  CHECK(sw(card, hx("0084000010")) == 0x6C08);
  CHECK(sw(card, hx("0084000004")) == 0x6C08);
}

TEST_CASE("GET DATA CPLC carries the fixed serial") {
  CardConfig config;
  config.serial = hx("4790 5001 CAFEBABE");
  Card card(config);
  card.power_on();
  auto r = run(card, hx("80CA9F7F00"));
  CHECK(r.sw == 0x9000);
  REQUIRE(r.data.size() == 3 + 42);
  CHECK(Bytes(r.data.begin(), r.data.begin() + 3) == hx("9F7F2A"));
  CHECK(Bytes(r.data.begin() + 3, r.data.begin() + 7) == hx("47905001"));    // fabricator, type
  CHECK(Bytes(r.data.begin() + 15, r.data.begin() + 19) == hx("CAFEBABE"));  // IC serial
  CHECK(run(card, hx("80CA9F7F2D")).data == r.data);
  CHECK(sw(card, hx("80CA9F7F10")) == 0x6C2D);
  card.power_off();
  card.power_on();
  CHECK(run(card, hx("80CA9F7F00")).data == r.data);  // the same every session
}

TEST_CASE("UID: fixed, or random per session starting 08") {
  Card fixed(CardConfig{});
  fixed.power_on();
  auto u = run(fixed, hx("FFCA000000"));
  CHECK(u.sw == 0x9000);
  CHECK(u.data == CardConfig{}.uid);
  CHECK(sw(fixed, hx("FFCA000004")) == 0x6C07);

  CardConfig config;
  config.uid_mode = CardConfig::UidMode::random;
  Card random(config);
  std::vector<Bytes> seen;
  for (int i = 0; i < 4; ++i) {
    random.power_on();
    auto r = run(random, hx("FFCA000000"));
    REQUIRE(r.data.size() == 4);
    CHECK(r.data[0] == 0x08);
    CHECK(run(random, hx("FFCA000000")).data == r.data);  // stable within the session
    seen.push_back(r.data);
    random.power_off();
  }
  // Four random 3-byte tails all equal would be a 1 in 2^48 event.
  CHECK(!(seen[0] == seen[1] && seen[1] == seen[2] && seen[2] == seen[3]));
}

TEST_CASE("ATR: contactless form, extended length announced, correct TCK") {
  auto check_tck = [](const Bytes& atr) {
    std::uint8_t x = 0;
    for (std::size_t i = 1; i < atr.size(); ++i) x ^= atr[i];
    return x == 0;
  };
  Card short_card(CardConfig{});
  auto a = short_card.atr();
  CHECK(Bytes(a.begin(), a.begin() + 4) == hx("3B888001"));
  CHECK(check_tck(a));
  // Historical bytes: 80, card capabilities 73 B4 01 xx, status 82 90 00.
  CHECK(a == hx("3B888001 80 73B40100 829000 5D"));
  CHECK(short_card.atr() == a);

  Card ext_card(card32k(1024));
  auto e = ext_card.atr();
  CHECK(e == hx("3B888001 80 73B40160 829000 3D"));  // b7 (and b6: EF.ATR/INFO) set
  CHECK(check_tck(e));

  CardConfig own;
  own.atr = hx("3B8F8001 804F0CA000000306030001000000006A");
  CHECK(Card(own).atr() == own.atr);
}
