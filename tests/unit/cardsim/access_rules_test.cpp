// Life cycle and 8C compact security attributes: the lock of a personalized card.
#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;

namespace {
/// The app with DG1 (protected, SFI 1) and EF.CardAccess-like 011C (public, SFI 1C), both written.
Card personalized() {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 32, 0x01, kProtected))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(32))) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x011C, 16, 0x1C, kPublic))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, pattern(16, 100))) == 0x9000);
  return card;
}
}  // namespace

TEST_CASE("in initialisation (03) read and update are allowed, whatever 8C says") {
  Card card = personalized();
  CHECK(run(card, apdu(0x00, 0xB0, 0x81, 0x00, {}, 32)).data == pattern(32));
  CHECK(sw(card, apdu(0x00, 0xD6, 0x81, 0x00, pattern(32))) == 0x9000);
  CHECK(card.counters().refused_reads == 0);
  CHECK(card.counters().refused_writes == 0);
}

TEST_CASE("after ACTIVATE: UPDATE refused (6982), content unchanged") {
  Card card = personalized();
  REQUIRE(sw(card, hx("0044000002 0101")) == 0x9000);
  REQUIRE(sw(card, hx("0044000002 011C")) == 0x9000);
  // Rewriting the same bytes is refused too: the lock test that cannot damage a card.
  CHECK(sw(card, apdu(0x00, 0xD6, 0x81, 0x00, pattern(32))) == 0x6982);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x9C, 0x00, hx("00"))) == 0x6982);
  card.set_session_authenticated(true);  // UPDATE is "never": a session does not help
  CHECK(sw(card, apdu(0x00, 0xD6, 0x81, 0x00, hx("FF"))) == 0x6982);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101}).value() == pattern(32));
  CHECK(card.counters().refused_writes == 3);
}

TEST_CASE("after ACTIVATE: READ of a protected file needs the authenticated session") {
  Card card = personalized();
  REQUIRE(sw(card, hx("0044000002 0101")) == 0x9000);
  REQUIRE(sw(card, hx("0044000002 011C")) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x81, 0x00, {}, 32)) == 0x6982);
  CHECK(sw(card, apdu(0x00, 0xB1, 0x81, 0x00, hx("540100"), 32)) == 0x6982);
  CHECK(card.counters().refused_reads == 2);
  // A readable file is unaffected.
  auto pub = run(card, apdu(0x00, 0xB0, 0x9C, 0x00, {}, 16));
  CHECK(pub.sw == 0x9000);
  CHECK(pub.data == pattern(16, 100));
  // With the session (the SAM/PACE seam) the protected file reads.
  card.set_session_authenticated(true);
  auto r = run(card, apdu(0x00, 0xB0, 0x81, 0x00, {}, 32));
  CHECK(r.sw == 0x9000);
  CHECK(r.data == pattern(32));
  // A new session (power cycle) starts unauthenticated.
  card.power_off();
  card.power_on();
  REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x81, 0x00, {}, 32)) == 0x6982);
}

TEST_CASE("8C encoding: SC bytes from b7 down to b1; clear AM bits mean never") {
  Card card = card_with_app();
  // AM 01: only READ listed (always); UPDATE not listed -> never once operational.
  REQUIRE(sw(card, create(fcp_ef(0x0103, 4, 3, hx("0100")))) == 0x9000);
  // AM 03 with UPDATE always (00) and READ never (FF).
  REQUIRE(sw(card, create(fcp_ef(0x0104, 4, 4, hx("0300FF")))) == 0x9000);
  // No 8C at all: an operational file without rules is free.
  REQUIRE(sw(card, create(fcp_ef(0x0105, 4, 5))) == 0x9000);
  for (auto fid : {"0103", "0104", "0105"})
    REQUIRE(sw(card, hx(std::string("0044000002") + fid)) == 0x9000);
  card.set_session_authenticated(true);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x83, 0x00, {}, 4)) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x83, 0x00, hx("01"))) == 0x6982);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x84, 0x00, {}, 4)) == 0x6982);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x84, 0x00, hx("01"))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x85, 0x00, {}, 4)) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x85, 0x00, hx("01"))) == 0x9000);
}

TEST_CASE("a file created operational (8A 05) is locked from the start") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 8, 1, kProtected, 0x05))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, hx("01"))) == 0x6982);
  CHECK(sw(card, hx("00440000")) == 0x6985);
}
