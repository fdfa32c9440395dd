// Timing model, counters and parse_config.
#include "tests/unit/cardsim/apdu_builder.hpp"
#include "tools/cardsim/timing.hpp"

using namespace cardsim_test;
using ektp::cardsim::parse_config;
using ektp::cardsim::TimingModel;

namespace {
/// physical_us spent by one APDU on a card with the app and a 2000-byte EF selected.
std::uint64_t cost(CardConfig config, const Bytes& command) {
  Card card = card_with_app(config);
  REQUIRE(sw(card, create(fcp_ef(0x0101, 2000, 1))) == 0x9000);
  auto before = card.counters().physical_us;
  (void)card.transmit(command);
  return card.counters().physical_us - before;
}
}  // namespace

TEST_CASE("physical time grows with bytes and with EEPROM pages written") {
  CardConfig c;
  auto read10 = cost(c, apdu(0x00, 0xB0, 0x00, 0x00, {}, 10));
  auto read200 = cost(c, apdu(0x00, 0xB0, 0x00, 0x00, {}, 200));
  CHECK(read200 > read10);
  // Same byte count, one page vs. two pages (64-byte pages): one page_write_us more.
  auto one_page = cost(c, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(32, 1)));
  auto two_pages = cost(c, apdu(0x00, 0xD6, 0x00, 0x30, Bytes(32, 1)));
  CHECK(two_pages - one_page == c.timing.page_write_us);
  auto pages = [&](std::size_t off, std::size_t len) {
    return ektp::cardsim::pages_touched(c.timing, off, len);
  };
  CHECK(pages(0, 64) == 1);
  CHECK(pages(63, 2) == 2);
  CHECK(pages(0, 255) == 4);
  CHECK(pages(10, 0) == 0);
}

TEST_CASE("848 kbit/s is faster than 106 kbit/s; frames add overhead") {
  CardConfig slow, fast;
  fast.timing.bitrate_kbps = 848;
  auto read = apdu(0x00, 0xB0, 0x00, 0x00, {}, 255);
  CHECK(cost(fast, read) < cost(slow, read));
  // The formula: 9 bits per byte, 3 framing bytes per block, overhead per block.
  TimingModel m;
  m.bitrate_kbps = 106;
  m.frame_size = 256;
  m.frame_overhead_us = 300;
  CHECK(ektp::cardsim::air_time_us(m, 5) == (8 * 9 * 1000 + 105) / 106 + 300);
  // 600 bytes need 3 blocks of 253.
  CHECK(ektp::cardsim::air_time_us(m, 600) == ((600 + 9) * 9 * 1000 + 105) / 106 + 900);
}

TEST_CASE("the delay is applied only with timing on; physical_us is always counted") {
  CardConfig on;
  on.timing.apply_delay = true;
  Card card(on);
  card.power_on();
  auto r = card.transmit(hx("0084000008"));
  CHECK(r.delay.count() > 0);
  CHECK(static_cast<std::uint64_t>(r.delay.count()) == card.counters().physical_us);
  Card off(CardConfig{});
  off.power_on();
  CHECK(off.transmit(hx("0084000008")).delay.count() == 0);
  CHECK(off.counters().physical_us > 0);
}

TEST_CASE("counters tell what happened, as one line of key=value") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 100, 1, kProtected))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(100, 7))) == 0x9000);
  REQUIRE(sw(card, hx("00440000")) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(1, 7))) == 0x6982);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 4)) == 0x6982);
  const auto& c = card.counters();
  CHECK(c.sessions == 1);
  CHECK(c.apdus == 6);
  CHECK(c.errors == 2);
  CHECK(c.files_created == 2);
  CHECK(c.files_activated == 1);
  CHECK(c.updates == 1);
  CHECK(c.bytes_written == 100);
  CHECK(c.pages_written == 1 + 1 + 2 + 1);  // two headers, 100 bytes, one life-cycle byte
  CHECK(c.refused_writes == 1);
  CHECK(c.refused_reads == 1);
  auto text = c.to_text();
  CHECK(text.find("apdus=6 ") != std::string::npos);
  CHECK(text.find("bytes_written=100 ") != std::string::npos);
  CHECK(text.find('\n') == std::string::npos);
  card.reset_counters();
  CHECK(card.counters().apdus == 0);
}

TEST_CASE("parse_config: key=value settings over a base, errors name the key") {
  auto c = parse_config({"capacity=32K", "ext_max=1024", "serial=4790500112345678",
                         "uid_mode=random", "timing=on", "bitrate=848", "frame_size=128",
                         "page_size=32", "page_write_us=3000", "frame_overhead_us=200",
                         "uid=04112233445566", "atr=3B8180018080"});
  REQUIRE(c.ok());
  CHECK(c->capacity == 32768);
  CHECK(c->max_ext_length == 1024);
  CHECK(c->serial == hx("4790500112345678"));
  CHECK(c->uid_mode == CardConfig::UidMode::random);
  CHECK(c->timing.apply_delay);
  CHECK(c->timing.bitrate_kbps == 848);
  CHECK(c->timing.frame_size == 128);
  CHECK(c->timing.page_size == 32);
  CHECK(c->timing.page_write_us == 3000);
  CHECK(c->timing.frame_overhead_us == 200);
  CHECK(c->uid == hx("04112233445566"));
  CHECK(c->atr == hx("3B8180018080"));
  CHECK(parse_config({}).value().capacity == 8192);

  for (const std::string bad :
       {"capacity=lots", "ext_max=100", "bitrate=100", "serial=12", "uid=010203",
        "uid_mode=sometimes", "timing=maybe", "frame_size=2", "atr=00"}) {
    CAPTURE(bad);
    auto r = parse_config({bad});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(bad.substr(0, bad.find('='))) != std::string::npos);
  }
  auto unknown = parse_config({"colour=blue"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message.find("colour") != std::string::npos);
  CHECK_FALSE(parse_config({"capacity"}).ok());
  CHECK_FALSE(parse_config({"capacity=1K", "ext_max=2048"}).ok());
}
