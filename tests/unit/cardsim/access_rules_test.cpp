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
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x01, hx("540100"), 32)) == 0x6982);
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

TEST_CASE("a locked application refuses new files: CREATE FILE follows the DF's 8C") {
  // DF 8C: AM 06 = b3 CREATE FILE (DF creation) + b2 CREATE FILE (EF creation), both never.
  Card card(CardConfig{});
  card.power_on();
  REQUIRE(sw(card, create(fcp_df(0x7F0A, kAid, hx("06FFFF")))) == 0x9000);
  // In initialisation the personalization creates files freely.
  REQUIRE(sw(card, create(fcp_ef(0x0101, 8, 1, kProtected))) == 0x9000);
  REQUIRE(sw(card, hx("00440000")) == 0x9000);  // the EF
  REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  REQUIRE(sw(card, hx("00440000")) == 0x9000);  // the application DF
  card.set_session_authenticated(true);         // "never" stays never
  auto before = card.counters();
  CHECK(sw(card, create(fcp_ef(0x0102, 8, 2))) == 0x6982);
  CHECK(sw(card, create(fcp_df(0x7F0B, hx("A0000002471002")))) == 0x6982);
  // Even a file that exists gets 6982, not 6A89: nothing is told to a refused host.
  CHECK(sw(card, create(fcp_ef(0x0101, 8, 1))) == 0x6982);
  CHECK(card.files().size() == 3);  // MF, DF, 0101
  CHECK(card.counters().refused_writes == before.refused_writes + 3);
  CHECK(card.counters().files_created == before.files_created);
  CHECK(card.counters().pages_written == before.pages_written);
  // The MF (no 8C) still takes new files.
  REQUIRE(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x011C, 8, 0x1C))) == 0x9000);
}

TEST_CASE("CREATE FILE in an operational DF: b2 for EFs, b3 for DFs, SC bytes b3 then b2") {
  Card card(CardConfig{});
  card.power_on();
  // AM 06: b3 (DF creation) always, b2 (EF creation) in an authenticated session;
  // created operational (8A 05) at once.
  REQUIRE(sw(card, create(fcp_df(0x7F0A, kAid, hx("060090"), 0x05))) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x0101, 8, 1))) == 0x6982);
  CHECK(sw(card, create(fcp_df(0x7F0B, hx("A0000002471002")))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  card.set_session_authenticated(true);
  CHECK(sw(card, create(fcp_ef(0x0101, 8, 1))) == 0x9000);

  // An operational DF without 8C is free; one whose AM lacks the bit never allows it.
  REQUIRE(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  REQUIRE(sw(card, create(fcp_df(0x7F0C, hx("A0000002471003"), {}, 0x05))) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x0101, 8, 1))) == 0x9000);
  REQUIRE(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  REQUIRE(sw(card, create(fcp_df(0x7F0D, hx("A0000002471004"), hx("0400"), 0x05))) == 0x9000);
  CHECK(sw(card, create(fcp_df(0x7F0E, hx("A0000002471005")))) == 0x9000);  // b3: always
  REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, hx("A0000002471004"))) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x0101, 8, 1))) == 0x6982);  // b2 not granted
}
