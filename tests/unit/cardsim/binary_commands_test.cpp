// READ BINARY / UPDATE BINARY: current EF, SFI, odd INS with tag 54, the ends of files.
#include <algorithm>

#include "tests/unit/cardsim/apdu_builder.hpp"

using namespace cardsim_test;

namespace {
/// 54 offset data object (3 bytes when above 65535).
Bytes offset_do(std::size_t offset) {
  if (offset > 0xFFFF)
    return {0x54, 0x03, static_cast<std::uint8_t>(offset >> 16),
            static_cast<std::uint8_t>(offset >> 8), static_cast<std::uint8_t>(offset)};
  return {0x54, 0x02, static_cast<std::uint8_t>(offset >> 8), static_cast<std::uint8_t>(offset)};
}
Bytes odd_update_data(std::size_t offset, const Bytes& bytes) {
  Bytes d = offset_do(offset);
  d.push_back(0x53);
  if (bytes.size() > 255) {
    d.insert(d.end(), {0x82, static_cast<std::uint8_t>(bytes.size() >> 8),
                       static_cast<std::uint8_t>(bytes.size())});
  } else {
    if (bytes.size() > 127) d.push_back(0x81);
    d.push_back(static_cast<std::uint8_t>(bytes.size()));
  }
  d.insert(d.end(), bytes.begin(), bytes.end());
  return d;
}
}  // namespace

TEST_CASE("no current EF: 6986; a DF is not a transparent EF: 6981") {
  Card card = card_with_app();
  CHECK(sw(card, hx("00B0000010")) == 0x6986);
  CHECK(sw(card, hx("00D6000001 AA")) == 0x6986);
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x00, offset_do(0), 16)) == 0x6986);
  CHECK(sw(card, hx("00A4000C02 3F00")) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xB1, 0x7F, 0x0A, offset_do(0), 16)) == 0x6981);  // by FID: a DF
  CHECK(sw(card, apdu(0x00, 0xB1, 0x01, 0x01, offset_do(0), 16)) == 0x6A82);
}

TEST_CASE("UPDATE then READ at any offset of the current EF, and the ends of the file") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x0101, 1000, 1))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x01, 0xF4, pattern(200, 3))) == 0x9000);  // offset 500
  auto r = run(card, apdu(0x00, 0xB0, 0x01, 0xF4, {}, 200));
  CHECK(r.sw == 0x9000);
  CHECK(r.data == pattern(200, 3));
  auto content = *card.file_content({0x3F00, 0x7F0A, 0x0101});
  CHECK(Bytes(content.begin(), content.begin() + 500) == Bytes(500, 0x00));
  CHECK(Bytes(content.begin() + 500, content.begin() + 700) == pattern(200, 3));

  // Le past the end: the bytes there are, with 6282.
  auto tail = run(card, apdu(0x00, 0xB0, 0x03, 0xD4, {}, 100));  // offset 980
  CHECK(tail.sw == 0x6282);
  CHECK(tail.data.size() == 20);
  // Offset at or beyond the end: 6B00.
  CHECK(sw(card, apdu(0x00, 0xB0, 0x03, 0xE8, {}, 1)) == 0x6B00);  // 1000
  CHECK(sw(card, apdu(0x00, 0xB0, 0x7F, 0xFF, {}, 1)) == 0x6B00);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x03, 0xE8, hx("AA"))) == 0x6B00);
  // An UPDATE that would run past the end: 6700, nothing written.
  CHECK(sw(card, apdu(0x00, 0xD6, 0x03, 0xE0, Bytes(9, 0xAA))) == 0x6700);  // 992 + 9
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101})->at(992) == 0x00);
  CHECK(sw(card, apdu(0x00, 0xD6, 0x03, 0xE0, Bytes(8, 0xAA))) == 0x9000);  // exactly to the end
  // READ without Le and UPDATE with Le: wrong length.
  CHECK(sw(card, hx("00B00000")) == 0x6700);
  CHECK(sw(card, hx("00D6000001AA01")) == 0x6700);
  CHECK(sw(card, hx("00B0000002 AAAA 10")) == 0x6700);

  auto c = card.counters();
  CHECK(c.updates == 2);
  CHECK(c.bytes_written == 208);
  CHECK(c.bytes_read == 220);
}

TEST_CASE("SFI addressing: even INS offsets 0 to 255, the file becomes current") {
  Card card = card_with_app();
  REQUIRE(sw(card, create(fcp_ef(0x011E, 600, 0x1E))) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x0101, 600, 0x01))) == 0x9000);             // current: 0101
  CHECK(sw(card, apdu(0x00, 0xD6, 0x9E, 0x10, hx("0102030405"))) == 0x9000);  // SFI 1E, offset 16
  // 011E is now current: an even-INS UPDATE by current EF goes to it.
  CHECK(sw(card, apdu(0x00, 0xD6, 0x00, 0xFF, hx("FE"))) == 0x9000);
  auto r = run(card, apdu(0x00, 0xB0, 0x9E, 0x10, {}, 5));
  CHECK(r.data == hx("0102030405"));
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x011E})->at(255) == 0xFE);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101}).value() == Bytes(600, 0x00));
  CHECK(sw(card, apdu(0x00, 0xB0, 0x9D, 0x00, {}, 5)) == 0x6A82);  // no SFI 1D
  CHECK(sw(card, apdu(0x00, 0xB0, 0xC1, 0x00, {}, 5)) == 0x6A86);  // P1 = 110xxxxx
  CHECK(sw(card, apdu(0x00, 0xB0, 0x80, 0x00, {}, 5)) == 0x6A86);  // SFI 0
  CHECK(sw(card, apdu(0x00, 0xB0, 0x9F, 0x00, {}, 5)) == 0x6A86);  // 31 is not an SFI
  // Offsets above 255 by SFI need the odd INS: P1-P2 = 00 0sssss, 54 offset, answer in 53.
  REQUIRE(sw(card, apdu(0x00, 0xD7, 0x00, 0x01, odd_update_data(300, hx("A1A2A3")))) == 0x9000);
  auto odd = run(card, apdu(0x00, 0xB1, 0x00, 0x01, offset_do(300), 256));
  CHECK(odd.sw == 0x9000);  // 300 bytes left; 53 81 FD + 253 bytes fill Le 256
  REQUIRE(odd.data.size() == 256);
  CHECK(odd.data[0] == 0x53);
  CHECK(odd.data[1] == 0x81);
  CHECK(odd.data[2] == 0xFD);
  CHECK(Bytes(odd.data.begin() + 3, odd.data.begin() + 6) == hx("A1A2A3"));
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101})->at(300) == 0xA1);
}

TEST_CASE("odd INS: P1-P2 is the current EF (0000), an SFI (00 0sssss) or else a FID") {
  Card card = card_with_app();
  // 0101 with SFI 01; 0021 (b5-b1 = 01 too) and 001F without SFIs.
  REQUIRE(sw(card, create(fcp_ef(0x0101, 16, 0x01))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(16, 0x11))) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x0021, 16, kNoSfi))) == 0x9000);
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(16, 0x21))) == 0x9000);
  REQUIRE(sw(card, create(fcp_ef(0x001F, 16))) == 0x9000);  // b5-b1 = 11111: no SFI
  REQUIRE(sw(card, apdu(0x00, 0xD6, 0x00, 0x00, Bytes(16, 0x1F))) == 0x9000);

  auto first_byte = [&](std::uint8_t p1, std::uint8_t p2) {
    auto r = run(card, apdu(0x00, 0xB1, p1, p2, offset_do(0), 3));
    REQUIRE(r.sw == 0x9000);
    REQUIRE(r.data.size() == 3);  // 53 01 xx
    return r.data[2];
  };
  CHECK(first_byte(0x00, 0x01) == 0x11);  // SFI 01: 0101, not the FID 0001
  CHECK(first_byte(0x00, 0x00) == 0x11);  // the SFI made 0101 current
  CHECK(first_byte(0x00, 0x21) == 0x21);  // the 11 high bits are not 0: FID 0021
  CHECK(first_byte(0x00, 0x1F) == 0x1F);  // b5-b1 all 1: FID 001F, not an SFI
  CHECK(first_byte(0x00, 0x00) == 0x1F);  // addressing by FID made it current
  CHECK(first_byte(0x01, 0x01) == 0x11);  // FID 0101
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x02, offset_do(0), 3)) == 0x6A82);  // no SFI 02
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x41, offset_do(0), 3)) == 0x6A82);  // no FID 0041
  CHECK(sw(card, apdu(0x00, 0xB1, 0x81, 0x00, offset_do(0), 3)) == 0x6A82);  // no FID 8100

  // UPDATE the same way: by SFI, then by FID.
  CHECK(sw(card, apdu(0x00, 0xD7, 0x00, 0x01, odd_update_data(15, hx("AA")))) == 0x9000);
  CHECK(sw(card, apdu(0x00, 0xD7, 0x00, 0x21, odd_update_data(15, hx("BB")))) == 0x9000);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0101})->at(15) == 0xAA);
  CHECK(card.file_content({0x3F00, 0x7F0A, 0x0021})->at(15) == 0xBB);
}

TEST_CASE("32 KB card: SFI beyond offset 255 only with the odd INS, extended length") {
  Card card = card_with_app(card32k(1024));
  REQUIRE(sw(card, create(fcp_ef(0x0102, 30000, 2))) == 0x9000);
  REQUIRE(sw(card, hx("00A4030C")) == 0x9000);  // back to the MF: no current EF
  REQUIRE(sw(card, apdu(0x00, 0xA4, 0x04, 0x0C, kAid)) == 0x9000);
  auto data = pattern(1000, 9);
  CHECK(sw(card, apdu(0x00, 0xD7, 0x00, 0x02, odd_update_data(29000, data), std::nullopt, true)) ==
        0x9000);
  auto r = run(card, apdu(0x00, 0xB1, 0x00, 0x02, offset_do(29000), 1004, true));
  CHECK(r.sw == 0x9000);
  Bytes wrapped = {0x53, 0x82, 0x03, 0xE8};
  wrapped.insert(wrapped.end(), data.begin(), data.end());
  CHECK(r.data == wrapped);
  // The even INS by SFI reaches 255 at most; by current EF 15 bits.
  auto low = run(card, apdu(0x00, 0xB0, 0x82, 0xFF, {}, 1));
  CHECK(low.sw == 0x9000);
  auto last = run(card, apdu(0x00, 0xB0, 0x75, 0x2F, {}, 256));  // 29999, 0102 is current
  CHECK(last.sw == 0x6282);
  CHECK(last.data == Bytes{data.back()});
  // Near the end by SFI with the odd INS: what is there, with 6282.
  auto tail = run(card, apdu(0x00, 0xB1, 0x00, 0x02, offset_do(29990), 1024, true));
  CHECK(tail.sw == 0x6282);
  CHECK(tail.data.size() == 2 + 10);
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x00, offset_do(30000), 16, true)) == 0x6B00);
  // Malformed offset objects: 6A80; no data at all: 6700.
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x00, hx("5300"), 16)) == 0x6A80);
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x00, hx("540401020304"), 16)) == 0x6A80);
  CHECK(sw(card, apdu(0x00, 0xD7, 0x00, 0x00, offset_do(0))) == 0x6A80);  // no 53
  CHECK(sw(card, apdu(0x00, 0xB1, 0x00, 0x00, {}, 16)) == 0x6700);
}

TEST_CASE("64 KB card: offsets above 32767 with the odd INS") {
  auto config = card32k(2048);
  config.capacity = 65536;
  Card card = card_with_app(config);
  REQUIRE(sw(card, create(fcp_ef(0x0102, 60000, 2))) == 0x9000);
  auto data = pattern(2000, 5);
  CHECK(sw(card, apdu(0x00, 0xD7, 0x00, 0x00, odd_update_data(58000, data), std::nullopt, true)) ==
        0x9000);
  auto r = run(card, apdu(0x00, 0xB1, 0x01, 0x02, offset_do(58000), 2004, true));  // by FID
  CHECK(r.sw == 0x9000);
  CHECK(Bytes(r.data.begin() + 4, r.data.end()) == data);
  auto content = *card.file_content({0x3F00, 0x7F0A, 0x0102});
  CHECK(Bytes(content.begin() + 58000, content.end()) == data);
  CHECK(std::all_of(content.begin(), content.begin() + 58000, [](auto b) { return b == 0; }));
}

TEST_CASE("7 KB written in 255-byte chunks on the 8 KB card and read back") {
  Card card = card_with_app();
  auto data = pattern(7 * 1024, 1);
  REQUIRE(sw(card, create(fcp_ef(0x0102, data.size(), 2))) == 0x9000);
  for (std::size_t off = 0; off < data.size(); off += 255) {
    std::size_t n = std::min<std::size_t>(255, data.size() - off);
    Bytes chunk(data.begin() + off, data.begin() + off + n);
    REQUIRE(sw(card, apdu(0x00, 0xD6, off >> 8, off & 0xFF, chunk)) == 0x9000);
  }
  Bytes back;
  for (std::size_t off = 0; off < data.size(); off += 256) {
    auto r = run(card, apdu(0x00, 0xB0, off >> 8, off & 0xFF, {}, 256));
    REQUIRE((r.sw == 0x9000 || r.sw == 0x6282));
    back.insert(back.end(), r.data.begin(), r.data.end());
  }
  CHECK(back == data);
}

TEST_CASE("ext_max 65535: a response carries at most 65,533 data bytes (vpcd's message limit)") {
  auto config = card32k(65535);
  config.capacity = 128 * 1024;
  Card card = card_with_app(config);
  REQUIRE(sw(card, create(fcp_ef(0x0102, 65535, 2))) == 0x9000);
  auto data = pattern(65535, 4);
  for (std::size_t off = 0; off < data.size(); off += 32768) {
    std::size_t n = std::min<std::size_t>(32768, data.size() - off);
    Bytes chunk(data.begin() + off, data.begin() + off + n);
    REQUIRE(sw(card, apdu(0x00, 0xD7, 0x00, 0x00, odd_update_data(off, chunk), std::nullopt,
                          true)) == 0x9000);
  }
  for (std::size_t le : {std::size_t{0}, std::size_t{65535}}) {  // Le 0000 and FFFF
    CAPTURE(le);
    auto r = card.transmit(apdu(0x00, 0xB0, 0x00, 0x00, {}, le, true));
    REQUIRE(r.kind == ektp::cardsim::Reaction::Kind::respond);
    CHECK(r.response.size() == 65535);  // data + SW fit one vpcd message
    auto rsp = run(card, apdu(0x00, 0xB0, 0x00, 0x00, {}, le, true));
    CHECK(rsp.sw == 0x9000);  // the file goes on: no end-of-file warning
    CHECK(rsp.data == Bytes(data.begin(), data.begin() + 65533));
  }
  // 65,534 bytes left: 65,533 of them, 9000; exactly 65,533 left: all, 9000.
  CHECK(run(card, apdu(0x00, 0xB0, 0x00, 0x01, {}, 0, true)).data.size() == 65533);
  auto rest = run(card, apdu(0x00, 0xB0, 0x00, 0x02, {}, 0, true));
  CHECK(rest.sw == 0x9000);
  CHECK(rest.data == Bytes(data.begin() + 2, data.end()));
  // Odd INS: the 53 header counts too (53 82 FF F9 + 65,529 bytes).
  auto odd = run(card, apdu(0x00, 0xB1, 0x00, 0x02, offset_do(0), 0, true));
  CHECK(odd.sw == 0x9000);
  REQUIRE(odd.data.size() == 65533);
  CHECK(Bytes(odd.data.begin(), odd.data.begin() + 4) == hx("5382FFF9"));
}
