// Fault injection by countdown, and parse_fault.
#include <sstream>

#include "tests/unit/cardsim/apdu_builder.hpp"
#include "tools/cardsim/faults.hpp"

using namespace cardsim_test;
using ektp::cardsim::Fault;
using ektp::cardsim::parse_fault;
using ektp::cardsim::Reaction;

namespace {
Fault fault(const std::vector<std::string>& words) {
  auto f = parse_fault(words);
  REQUIRE(f.ok());
  return *f;
}
}  // namespace

TEST_CASE("tear inside UPDATE BINARY: exactly K bytes reach EEPROM, the rest unchanged") {
  for (std::uint32_t k : {0u, 1u, 100u, 199u}) {
    CAPTURE(k);
    Card card = card_with_app();
    REQUIRE(sw(card, create(fcp_ef(0x0101, 400, 1))) == 0x9000);
    REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(200, 0x11))) == 0x9000);
    card.arm(fault({"tear_in_write", "2", std::to_string(k)}));
    REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0xC8, Bytes(200, 0x22))) == 0x9000);  // 1st update
    REQUIRE(sw(card, hx("0084000008")) == 0x9000);  // not an UPDATE: not counted
    auto torn = card.transmit(apdu(0x00, 0xD6, 0x00, 0x00, Bytes(200, 0x33)));
    CHECK(torn.kind == Reaction::Kind::tear);
    CHECK(torn.response.empty());
    auto content = *card.file_content({0x3F00, 0x7F0A, 0x0101});
    Bytes expected(k, 0x33);
    expected.resize(200, 0x11);
    expected.resize(400, 0x22);
    CHECK(content == expected);
    CHECK(card.counters().tears == 1);
    CHECK(card.counters().bytes_written == 400 + k);
    // One-shot: after re-insertion the next UPDATE works.
    card.power_on();
    REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
    CHECK(sw(card, apdu(0x00, 0xD6, 0x81, 0x00, Bytes(200, 0x44))) == 0x9000);
  }
}

TEST_CASE("tear_in_write counts refused UPDATEs too, and tears on them without writing") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 10, 1))) == 0x9000);
  card.arm(fault({"tear_in_write", "2", "5"}));
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x0A, hx("01"))) == 0x6B00);  // 1st: refused
  auto r = card.transmit(apdu(0x00, 0xD6, 0x00, 0x0A, hx("01")));     // 2nd: refused, tears
  CHECK(r.kind == Reaction::Kind::tear);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101}).value() == Bytes(10, 0x00));
}

TEST_CASE("tear_at N: the Nth APDU from arming tears, nothing executed, session reset") {
  Card card = card_with_app();
  card.arm(fault({"tear_at", "2"}));
  CHECK(sw(card, create(fcp_ef(0x0101, 10))) == 0x9000);
  auto r = card.transmit(create(fcp_ef(0x0102, 10)));
  CHECK(r.kind == Reaction::Kind::tear);
  CHECK(card.files().size() == 3);  // MF, DF, 0101: 0102 never created
  CHECK(card.counters().tears == 1);
  CHECK(sw(card, hx("00B0000001")) == 0x6986);  // the selection was lost with the field
}

TEST_CASE("status_word_at N answers the given SW without executing") {
  Card card = card_with_app();
  card.arm(fault({"sw", "1", "6A82"}));
  CHECK(sw(card, create(fcp_ef(0x0101, 10))) == 0x6A82);
  CHECK(card.files().size() == 2);
  CHECK(sw(card, create(fcp_ef(0x0101, 10))) == 0x9000);  // one-shot
  CHECK(card.counters().errors == 1);
}

TEST_CASE("mute_at N: no answer from that APDU on, through power cycles, until out of the field") {
  Card card = card_with_app();
  card.arm(fault({"mute_at", "3"}));
  CHECK(sw(card, hx("0084000008")) == 0x9000);
  CHECK(sw(card, hx("0084000008")) == 0x9000);
  CHECK_FALSE(card.muted());
  CHECK(card.transmit(hx("0084000008")).kind == Reaction::Kind::mute);
  CHECK(card.transmit(create(fcp_ef(0x0101, 10))).kind == Reaction::Kind::mute);
  CHECK(card.files().size() == 2);
  CHECK(card.muted());
  // The reader's power off/on (and reset = off + on) does not revive it.
  card.power_off();
  card.power_on();
  CHECK(card.muted());
  CHECK(card.transmit(hx("0084000008")).kind == Reaction::Kind::mute);
  // Taken out of the field and put back: it answers again.
  card.leave_field();
  CHECK_FALSE(card.muted());
  card.power_on();
  CHECK(sw(card, hx("0084000008")) == 0x9000);
}

TEST_CASE("errors counts error status words only (SW1 64 to 6F), not 61xx, 62xx, 63xx") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 10, 1))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, 20)) == 0x6282);  // end of file: a warning
  CHECK((sw(card, hx("00A4020402 0101")) & 0xFF00) == 0x6100);      // more data waiting
  for (const char* warning : {"6283", "6300", "63C2"}) {
    card.arm(fault({"sw", "1", warning}));
    CHECK(sw(card, hx("0084000008")) != 0x9000);
  }
  CHECK(card.counters().errors == 0);
  CHECK(sw(card, hx("00A4020C02 0999")) == 0x6A82);
  for (const char* error : {"6400", "6581", "6F00"}) {
    card.arm(fault({"sw", "1", error}));
    CHECK(sw(card, hx("0084000008")) != 0x9000);
  }
  CHECK(card.counters().errors == 4);
}

TEST_CASE("broken_write: every UPDATE and CREATE fails with 6581, nothing written") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 10, 1))) == 0x9000);
  card.arm(fault({"broken_write"}));
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, hx("0102"))) == 0x6581);
  CHECK(sw(card, create(fcp_ef(0x0102, 10))) == 0x6581);
  CHECK(run(card, apdu(0x00, 0xB0, 0x81, 0x00, {}, 10)).data == Bytes(10, 0x00));  // reads work
  CHECK(sw(card, hx("0044000002 0101")) == 0x6581);  // ACTIVATE writes EEPROM too
  CHECK(card.files().size() == 3);
  CHECK(card.files()[2].life_cycle == 0x03);
  CHECK(card.counters().bytes_written == 0);
  card.disarm_all();
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, hx("0102"))) == 0x9000);
}

TEST_CASE("delay_per_apdu adds to the reaction's delay") {
  Card card(CardConfig{});
  card.power_on();
  CHECK(card.transmit(hx("0084000008")).delay.count() == 0);  // timing model off
  card.arm(fault({"delay", "2500"}));
  CHECK(card.transmit(hx("0084000008")).delay.count() == 2500);
  CHECK(card.transmit(hx("0084000008")).delay.count() == 2500);
  card.disarm_all();
  CHECK(card.transmit(hx("0084000008")).delay.count() == 0);
}

TEST_CASE("parse_fault: word forms and clear errors") {
  CHECK(fault({"tear_at", "5"}).kind == Fault::Kind::tear_at);
  auto w = fault({"tear_in_write", "3", "17"});
  CHECK(w.at == 3);
  CHECK(w.bytes == 17);
  CHECK(fault({"sw", "2", "6a82"}).sw == 0x6A82);
  CHECK(fault({"delay", "100"}).delay.count() == 100);
  CHECK(fault({"mute_at", "1"}).kind == Fault::Kind::mute_at);
  CHECK(fault({"broken_write"}).kind == Fault::Kind::broken_write);
  for (const auto& bad : std::vector<std::vector<std::string>>{{},
                                                               {"tear_at"},
                                                               {"tear_at", "0"},
                                                               {"tear_at", "x"},
                                                               {"sw", "1", "6A"},
                                                               {"tear_in_write", "1"},
                                                               {"broken_write", "1"},
                                                               {"explode"}}) {
    auto f = parse_fault(bad);
    CHECK_FALSE(f.ok());
    if (!f.ok()) CHECK(f.error().code == "cardsim.bad_fault");
  }
  CHECK(parse_fault({"explode"}).error().message.find("explode") != std::string::npos);
}

TEST_CASE("trace: one line per command and per response, hex") {
  Card card(CardConfig{});
  std::ostringstream trace;
  card.set_trace(&trace);
  card.power_on();
  (void)card.transmit(hx("00A4000C023F00"));
  (void)card.transmit(hx("00B0000001"));
  card.arm(fault({"tear_at", "1"}));
  (void)card.transmit(hx("00B0000001"));
  CHECK(trace.str() ==
        "* power on\n> 00A4000C023F00\n< 9000\n> 00B0000001\n< 6986\n> 00B0000001\n! tear\n");
  card.leave_field();
  CHECK(trace.str().ends_with("! tear\n* out of field\n"));
}
