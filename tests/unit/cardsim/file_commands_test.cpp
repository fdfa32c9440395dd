// SELECT, CREATE FILE, ACTIVATE FILE and the file-system status words.
#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;

TEST_CASE("a blank card has the MF and nothing else (8 KB, short APDUs)") {
  Card card(CardConfig{});
  auto files = card.files();
  REQUIRE(files.size() == 1);
  CHECK(files[0].path == std::vector<std::uint16_t>{0x3F00});
  CHECK(files[0].is_df);
  card.power_on();
  CHECK(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, hx("00A4000C01 3F")) == 0x6700);  // a 1-byte FID
  CHECK(sw(card, hx("00A4000C")) == 0x9000);       // case 1: the MF
}

TEST_CASE("an extended-length blank announces its maximum in EF.ATR/INFO 2F01") {
  Card card(card32k(2048));
  card.power_on();
  CHECK(sw(card, hx("00A4020C02 2F01")) == 0x9000);
  auto r = run(card, hx("00B0000000"));
  CHECK(r.sw == 0x6282);  // the file is shorter than 256
  CHECK(r.data == hx("7F66 08 0202 0800 0202 0800"));
  CHECK(sw(card, hx("00D6000001 00")) == 0x6982);     // EF.ATR cannot be changed
  CHECK(run(card, hx("00B0810000")).data == r.data);  // by its SFI 01
}

TEST_CASE("CREATE FILE makes the new file current, SELECT finds it every way") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x011E, 64, 0x1E, kProtected))) == 0x9000);
  // The new EF is current: UPDATE without SELECT goes to it.
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, hx("60 03 5F0100"))) == 0x9000);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x011E})->at(0) == 0x60);

  auto files = card.files();
  REQUIRE(files.size() == 3);
  CHECK(files[1].path == std::vector<std::uint16_t>{0x3F00, 0x7F0A});
  CHECK(files[1].aid == kAid);
  CHECK(files[2].path == std::vector<std::uint16_t>{0x3F00, 0x7F0A, 0x011E});
  CHECK(files[2].size == 64);
  CHECK(files[2].sfi == 0x1E);
  CHECK(files[2].life_cycle == 0x03);
  CHECK(files[2].security == kProtected);

  CHECK(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, hx("00A4020C02 011E")) == 0x6A82);  // not in the MF
  CHECK(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  CHECK(sw(card, hx("00A4020C02 011E")) == 0x9000);
  CHECK(sw(card, hx("00A4010C02 011E")) == 0x6A82);      // P1 01 wants a DF
  CHECK(sw(card, hx("00A4000C02 7F0A")) == 0x9000);      // the current DF by its FID
  CHECK(sw(card, hx("00A4080C04 7F0A011E")) == 0x9000);  // by path
  CHECK(sw(card, hx("00A4080C04 7F0A011F")) == 0x6A82);
  CHECK(sw(card, hx("00A4030C")) == 0x9000);  // parent: the MF
  CHECK(sw(card, hx("00A4040C07 A0000002471002")) == 0x6A82);
  CHECK(sw(card, hx("00A4000C02 0102")) == 0x6A82);
}

TEST_CASE("SELECT returns the FCP (P2 04), the FCI (P2 00) or nothing (P2 0C)") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 0x0123, 1, kProtected))) == 0x9000);
  auto fcp = run(card, hx("00A4020402 0101 00"));
  CHECK(fcp.sw == 0x9000);
  CHECK(fcp.data == hx("6216 80020123 820101 83020101 880108 8A0103 8C0303FF90"));
  auto fci = run(card, hx("00A4020002 0101 00"));
  CHECK(fci.sw == 0x9000);
  CHECK(fci.data[0] == 0x6F);
  CHECK(Bytes(fci.data.begin() + 1, fci.data.end()) == Bytes(fcp.data.begin() + 1, fcp.data.end()));
  auto none = run(card, hx("00A4020C02 0101"));
  CHECK(none.sw == 0x9000);
  CHECK(none.data.empty());
  auto df = run(card, apdu(0x00, 0xA4, 0x04, 0x04, kAid, 256));
  CHECK(df.data == hx("6213 820138 83027F0A 8407A0000002471001 8A0103"));
}

TEST_CASE("SELECT without Le: 61xx, then GET RESPONSE in pieces") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 100, 1))) == 0x9000);
  auto r = run(card, hx("00A4020402 0101"));
  CHECK(r.data.empty());
  CHECK(r.sw == 0x6113);
  auto part = run(card, hx("00C0000010"));
  CHECK(part.sw == 0x6103);
  CHECK(part.data.size() == 0x10);
  auto rest = run(card, hx("00C0000003"));
  CHECK(rest.sw == 0x9000);
  Bytes whole = part.data;
  whole.insert(whole.end(), rest.data.begin(), rest.data.end());
  CHECK(whole == run(card, hx("00A4020402 0101 00")).data);
  CHECK(sw(card, hx("00C0000003")) == 0x6985);  // nothing left
  // Another command discards what was waiting.
  CHECK(run(card, hx("00A4020402 0101")).sw == 0x6113);
  CHECK(sw(card, hx("00A4020C02 0101")) == 0x9000);
  CHECK(sw(card, hx("00C0000015")) == 0x6985);
}

TEST_CASE("CREATE FILE refusals: file exists, name exists, bad FCP") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 10, 1))) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x0101, 10))) == 0x6A89);     // same FID in the DF
  CHECK(sw(card, create(fcp_ef(0x0102, 10, 1))) == 0x6A89);  // same SFI in the DF
  CHECK(sw(card, create(fcp_ef(0x7F0A, 10))) == 0x6A89);     // the DF's own FID
  CHECK(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, create(fcp_df(0x7F0B, kAid))) == 0x6A8A);  // AID already used
  CHECK(sw(card, create(fcp_ef(0x0101, 10))) == 0x9000);    // same FID, other DF: fine

  CHECK(sw(card, create(hx("6203 820101"))) == 0x6A80);                           // no FID, no size
  CHECK(sw(card, create(hx("6207 820101 83020201"))) == 0x6A80);                  // EF without size
  CHECK(sw(card, create(hx("620B 80020010 820104 83020201"))) == 0x6A80);         // record EF
  CHECK(sw(card, create(hx("620B 80020010 820101 83023F00"))) == 0x6A80);         // reserved FID
  CHECK(sw(card, create(hx("620E 80020010 820101 83020201 880109"))) == 0x6A80);  // SFI bits
  CHECK(sw(card, create(hx("620E 80020010 820101 83020201 8A0107"))) == 0x6A80);  // LCS 07
  CHECK(sw(card, create(hx("620F 80020010 820101 83020201 8C0203FF"))) == 0x6A80);  // 8C short
  CHECK(sw(card, create(hx("620E 80020010 820101 83020201 A50100"))) == 0x6A80);    // unknown tag
  CHECK(sw(card, create(hx("620C 80020010 820101 83020201"))) == 0x6A80);  // length runs over
  CHECK(sw(card, create(hx("6F0B 80020010 820101 83020201"))) == 0x6A80);  // not 62
  CHECK(card.files().size() == 4);
}

TEST_CASE("memory full: 6A84, counting sizes plus 32 bytes per file") {
  Card card(CardConfig{});  // 8192 bytes
  card.power_on();
  // MF costs nothing; one EF of 8192 - 32 fills the card exactly.
  CHECK(sw(card, create(fcp_ef(0x0101, 8192 - 32 + 1))) == 0x6A84);
  CHECK(sw(card, create(fcp_ef(0x0101, 8192 - 32))) == 0x9000);
  CHECK(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, create(fcp_ef(0x0102, 0))) == 0x6A84);  // even an empty file costs its header
  CHECK(card.files().size() == 2);
}

TEST_CASE("ACTIVATE FILE: 03 to 05, by current file or by FID; twice is 6985") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 10, 1, kProtected))) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x0102, 10, 2, kProtected))) == 0x9000);
  CHECK(sw(card, hx("00440000")) == 0x9000);  // current: 0102
  CHECK(sw(card, hx("00440000")) == 0x6985);
  CHECK(sw(card, hx("0044000002 0101")) == 0x9000);
  CHECK(sw(card, hx("0044000002 0103")) == 0x6A82);
  auto fcp = run(card, hx("00A4020402 0101 00"));
  CHECK(fcp.data == hx("6216 8002000A 820101 83020101 880108 8A0105 8C0303FF90"));
  CHECK(card.counters().files_activated == 2);
  for (const auto& f : card.files())
    if (!f.is_df) CHECK(f.life_cycle == 0x05);
}

TEST_CASE("tag 88: absent = SFI from the FID's b5-b1, empty = no SFI, one byte = b8-b4") {
  Card card = card_with_app();
  auto sfi_of = [&](std::uint16_t fid) -> int {
    for (const auto& f : card.files())
      if (f.path.back() == fid) return f.sfi;
    FAIL("no file " << fid);
    return -1;
  };
  REQUIRE(sw(card, create(fcp_ef(0x0102, 8))) == 0x9000);  // no 88: SFI 02
  CHECK(sfi_of(0x0102) == 0x02);
  CHECK(run(card, hx("00A4020402 0102 00")).data ==
        hx("6211 80020008 820101 83020102 880110 8A0103"));
  REQUIRE(sw(card, create(fcp_ef(0x0103, 8, kNoSfi))) == 0x9000);  // 88 00: none
  CHECK(sfi_of(0x0103) == 0);
  CHECK(run(card, hx("00A4020402 0103 00")).data ==  // the FCP says "none" explicitly
        hx("6210 80020008 820101 83020103 8800 8A0103"));
  CHECK(sw(card, apdu(0x00, 0xB0, 0x83, 0x00, {}, 1)) == 0x6A82);
  REQUIRE(sw(card, create(fcp_ef(0x0104, 8, 0x1E))) == 0x9000);  // 88 01 F0: SFI 1E
  CHECK(sfi_of(0x0104) == 0x1E);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x84, 0x00, {}, 1)) == 0x6A82);
  CHECK(sw(card, apdu(0x00, 0xB0, 0x9E, 0x00, {}, 1)) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x011F, 8))) == 0x9000);  // b5-b1 11111: none
  CHECK(sfi_of(0x011F) == 0);
  REQUIRE(sw(card, create(fcp_ef(0x0140, 8))) == 0x9000);  // b5-b1 00000: none
  CHECK(sfi_of(0x0140) == 0);

  // An implicit SFI collides like an explicit one; an empty 88 avoids it.
  CHECK(sw(card, create(fcp_ef(0x0122, 8))) == 0x6A89);  // 02 belongs to 0102
  CHECK(sw(card, create(fcp_ef(0x0122, 8, kNoSfi))) == 0x9000);
  CHECK(sw(card, create(hx("620E 80020010 820101 83020201 880100"))) == 0x6A80);  // SFI 0
  CHECK(sw(card, hx("00A4030C")) == 0x9000);  // to the MF: DFs take no SFI, an empty 88 is fine
  CHECK(sw(card, create(hx("620A 820138 83027F0B 880108"))) == 0x6A80);
  CHECK(sw(card, create(hx("6209 820138 83027F0B 8800"))) == 0x9000);
}
