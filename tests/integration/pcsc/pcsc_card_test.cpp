// Through real pcscd and the vpcd reader to the card simulator: what the
// station's chip code will rely on (files written and read back on both card
// types, the lock, tears that leave a consistent card, a mute card that does
// not hang the host).
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/support/card_ops.hpp"
#include "tests/support/encoder_slot.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/control_client.hpp"

using namespace ektp;
using namespace std::chrono_literals;
using chip::Bytes;
using test::CardOps;
using test::pattern;

namespace {

using Encoder = test::EncoderSlot;

constexpr std::uint16_t kDf = 0x0A01, kEf = 0x0102;

Bytes content(cardsim::Card& card) {
  auto c = card.file_content({0x3F00, kDf, kEf});
  REQUIRE(c.has_value());
  return *c;
}

Bytes slice(const Bytes& b, std::size_t from, std::size_t to) {
  return Bytes(b.begin() + static_cast<long>(from), b.begin() + static_cast<long>(to));
}

}  // namespace

TEST_CASE("8 KB short-APDU card: 7 KB written, read back, locked") {
  Encoder enc;
  enc.fresh_card("capacity=8192");
  auto rd = enc.connect();
  CardOps card(*rd);
  const Bytes data = pattern(7 * 1024);

  REQUIRE_OK(card.cplc());
  REQUIRE_OK(card.create_df(kDf, test::kLdsAid));
  REQUIRE_OK(card.create_ef(kEf, data.size(), 2));
  REQUIRE_OK(card.write_all(data, 255));
  REQUIRE_OK(card.select_fcp(kEf));
  auto back = card.read_all(data.size(), 256);
  REQUIRE(back.ok());
  CHECK(*back == data);

  // An extended APDU is refused by a short-only card.
  auto ext = card.send({0x00, 0xB0, 0x00, 0x00, {}, 1024});
  REQUIRE(ext.ok());
  CHECK(ext->sw == 0x6700);

  // Lock: operational, an identical rewrite refused, an unauthenticated read refused.
  REQUIRE_OK(card.activate_current());
  auto fcp = card.select_fcp(kEf);
  REQUIRE(fcp.ok());
  const Bytes lcs_operational{0x8A, 0x01, 0x05};
  CHECK(std::search(fcp->begin(), fcp->end(), lcs_operational.begin(), lcs_operational.end()) !=
        fcp->end());
  auto rewrite = card.send({0x00, 0xD6, 0x00, 0x00, slice(data, 0, 255), {}});
  REQUIRE(rewrite.ok());
  CHECK(rewrite->sw == 0x6982);
  auto read = card.send({0x00, 0xB0, 0x00, 0x00, {}, 256});
  REQUIRE(read.ok());
  CHECK(read->sw == 0x6982);
  rd.reset();

  enc.take_out();
  auto witness = enc.image("card-8k.img");
  CHECK(content(witness) == data);
}

TEST_CASE("32 KB extended-length card: 30 KB written and read back in 2 KB APDUs") {
  Encoder enc;
  enc.fresh_card("capacity=32768 ext_max=2048");
  auto rd = enc.connect();
  CardOps card(*rd);
  const Bytes data = pattern(30 * 1024, 7);

  REQUIRE_OK(card.create_df(kDf, test::kLdsAid));
  REQUIRE_OK(card.create_ef(kEf, data.size(), 2));
  REQUIRE_OK(card.write_all(data, 2048));
  REQUIRE_OK(card.select_fcp(kEf));
  auto back = card.read_all(data.size(), 2048);
  REQUIRE(back.ok());
  CHECK(*back == data);

  // Above the card's stated maximum: refused, not truncated.
  auto too_big = card.send({0x00, 0xD6, 0x00, 0x00, slice(data, 0, 2049), {}});
  REQUIRE(too_big.ok());
  CHECK(too_big->sw == 0x6700);
  rd.reset();
  enc.take_out();
  auto witness = enc.image("card-32k.img");
  CHECK(content(witness) == data);
}

TEST_CASE("A tear at APDU N gives the host a clean error and leaves a consistent image") {
  const Bytes data = pattern(2000, 3);
  // APDUs from arming: 1 CREATE DF, 2 CREATE EF, 3.. UPDATE BINARY chunks of 255.
  for (std::uint32_t n = 1; n <= 6; ++n) {
    CAPTURE(n);
    Encoder enc;
    enc.fresh_card("capacity=8192");
    auto rd = enc.connect();
    CardOps card(*rd);
    enc.cmd("fault tear_at " + std::to_string(n));
    Result<void> run = [&]() -> Result<void> {
      if (auto r = card.create_df(kDf, test::kLdsAid); !r) return r.error();
      if (auto r = card.create_ef(kEf, data.size(), 2); !r) return r.error();
      return card.write_all(data, 255);
    }();
    REQUIRE_FALSE(run.ok());
    const auto& code = run.error().code;
    // pcscd answers a torn card with 0 bytes (card.no_response); a removal it
    // noticed first gives card.removed. Both mean "the card left the field".
    CHECK_MESSAGE((code == "card.no_response" || code == "card.removed"),
                  code << ": " << run.error().message);
    rd.reset();

    auto witness = enc.image("card-tear.img");
    if (n <= 2) {
      CHECK_FALSE(witness.file_content({0x3F00, kDf, kEf}).has_value());
    } else {
      const std::size_t written = (n - 3) * 255;  // chunks completed before the tear
      const Bytes c = content(witness);
      REQUIRE(c.size() == data.size());
      CHECK(slice(c, 0, written) == slice(data, 0, written));
      CHECK(slice(c, written, written + 255) != slice(data, written, written + 255));
    }
  }
}

TEST_CASE("A tear inside UPDATE BINARY: only the bytes that reached EEPROM are there") {
  Encoder enc;
  enc.fresh_card("capacity=8192");
  auto rd = enc.connect();
  CardOps card(*rd);
  const Bytes data = pattern(1000, 5);
  REQUIRE_OK(card.create_df(kDf, test::kLdsAid));
  REQUIRE_OK(card.create_ef(kEf, data.size(), 2));
  enc.cmd("fault tear_in_write 2 100");  // the 2nd UPDATE writes 100 of its 255 bytes
  auto run = card.write_all(data, 255);
  REQUIRE_FALSE(run.ok());
  rd.reset();
  auto witness = enc.image("card-tear-write.img");
  const Bytes c = content(witness);
  CHECK(slice(c, 0, 355) == slice(data, 0, 355));
  CHECK(slice(c, 355, 510) != slice(data, 355, 510));

  // Put back in the field: the host talks to it again.
  REQUIRE_OK(enc.watcher.wait_card_absent(5s));
  enc.cmd("insert");
  auto again = enc.connect();
  CHECK(CardOps(*again).cplc().ok());
}

TEST_CASE("A mute card does not hang the host: its own deadline fires") {
  Encoder enc;
  enc.fresh_card("capacity=8192");
  auto rd = enc.connect();
  enc.cmd("fault mute_at 1");
  const Bytes challenge{0x00, 0x84, 0x00, 0x00, 0x08};
  auto r = rd->transmit(challenge, 300ms);
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(r.error().code == "card.not_responding", r.error().message);
  // While the stuck call is pending, further calls fail at once instead of piling up.
  auto r2 = rd->transmit(challenge, 300ms);
  REQUIRE_FALSE(r2.ok());
  CHECK(r2.error().code == "card.not_responding");

  // Pulling the card ends the stuck call; the next card works in the same process.
  enc.take_out();
  rd.reset();
  enc.cmd("clear_faults");
  enc.cmd("insert");
  auto next = enc.connect();
  auto ok = next->transmit(challenge, 2s);
  REQUIRE(ok.ok());
  CHECK(ok->size() == 10);
}

TEST_CASE("A Reader on a mute card can be dropped while the card is still in the field") {
  Encoder enc;
  enc.fresh_card("capacity=8192");
  auto rd = enc.connect();
  enc.cmd("fault mute_at 1");
  const Bytes challenge{0x00, 0x84, 0x00, 0x00, 0x08};
  auto r = rd->transmit(challenge, 200ms);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "card.not_responding");
  rd.reset();  // must return although SCardTransmit is still blocked in pcscd
  // Pulling the card ends the stuck call; the reader is usable again.
  enc.take_out();
  enc.cmd("clear_faults");
  enc.cmd("insert");
  auto next = enc.connect();
  CHECK_OK(next->transmit(challenge, 2s));
}
