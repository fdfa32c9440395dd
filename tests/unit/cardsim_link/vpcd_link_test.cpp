// VpcdLink against a fake vpcd and a fake card: framing, control codes,
// tear, mute, stop during a delay, and reconnecting when vpcd comes back.

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>

#include "tests/unit/cardsim_link/fake_vpcd.hpp"
#include "tools/cardsim/vpcd_link.hpp"

namespace ektp::cardsim {
namespace {

using test::eventually;
using test::FakeVpcd;
using namespace std::chrono_literals;

const Bytes kAtr = {0x3B, 0x80, 0x80, 0x01, 0x01};

/// INS EE: tear; INS DD: mute (until `mute` is cleared); INS CC: answer
/// after an hour; INS BB: 70,000 bytes; else echo data + 9000.
class FakeCard : public FieldCard {
 public:
  Bytes field_atr() override { return kAtr; }
  void field_power_on() override { ++powered_on; }
  void field_power_off() override { ++powered_off; }
  Reaction field_transmit(std::span<const std::uint8_t> apdu) override {
    ++apdus;
    Reaction reaction;
    if (apdu[1] == 0xEE) reaction.kind = Reaction::Kind::tear;
    if (apdu[1] == 0xDD) mute = true;
    if (mute) reaction.kind = Reaction::Kind::mute;
    if (apdu[1] == 0xCC) reaction.delay = std::chrono::hours(1);
    if (apdu[1] == 0xBB) reaction.response.resize(70'000);  // more than vpcd can carry
    if (reaction.response.empty()) {
      reaction.response.assign(apdu.begin() + 4, apdu.end());
      reaction.response.push_back(0x90);
      reaction.response.push_back(0x00);
    }
    return reaction;
  }
  std::atomic<int> powered_on{0};
  std::atomic<int> powered_off{0};
  std::atomic<int> apdus{0};
  std::atomic<bool> mute{false};  ///< the card, not the link, keeps the mute state
};

const Bytes kEcho = {0x00, 0x10, 0x00, 0x00, 0xAB, 0xCD};

TEST_CASE("the link answers ATR requests, power codes and APDUs in vpcd's framing") {
  FakeVpcd vpcd;
  FakeCard card;
  VpcdLink link(vpcd.endpoint(), card);
  link.start();
  REQUIRE(vpcd.accept());
  CHECK(eventually([&] { return link.connected(); }));

  auto atr = vpcd.exchange({0x04});
  REQUIRE(atr.status == io::Io::ok);
  CHECK(atr.payload == kAtr);

  // Power on and reset get no reply: the next message back answers the ATR request.
  vpcd.send({0x01});
  vpcd.send({0x02});
  atr = vpcd.exchange({0x04});
  REQUIRE(atr.status == io::Io::ok);
  CHECK(atr.payload == kAtr);
  CHECK(card.powered_on == 2);  // on, then reset = off + on
  CHECK(card.powered_off == 1);

  auto answer = vpcd.exchange(kEcho);
  REQUIRE(answer.status == io::Io::ok);
  CHECK(answer.payload == Bytes{0xAB, 0xCD, 0x90, 0x00});

  link.stop();
  CHECK_FALSE(link.running());
  CHECK(vpcd.receive().status == io::Io::closed);  // stopping = card removed
}

TEST_CASE("messages up to vpcd's 65,535-byte limit pass whole") {
  FakeVpcd vpcd;
  FakeCard card;
  VpcdLink link(vpcd.endpoint(), card);
  link.start();
  REQUIRE(vpcd.accept());
  Bytes apdu(65'535, 0x5A);  // the largest message vpcd can send
  apdu[0] = 0x00;
  apdu[1] = 0x10;
  auto answer = vpcd.exchange(apdu);
  REQUIRE(answer.status == io::Io::ok);
  REQUIRE(answer.payload.size() == 65'535 - 4 + 2);
  CHECK(answer.payload[65'530] == 0x5A);
  CHECK(answer.payload[65'531] == 0x90);

  Bytes too_long(65'535, 0x5A);  // INS BB: the card answers 70,000 bytes
  too_long[1] = 0xBB;
  answer = vpcd.exchange(too_long);
  REQUIRE(answer.status == io::Io::ok);
  CHECK(answer.payload == Bytes{0x6F, 0x00});
  CHECK(link.last_problem().find("65,535") != std::string::npos);
}

TEST_CASE("a tear closes the connection and the link does not come back by itself") {
  FakeVpcd vpcd;
  FakeCard card;
  VpcdLink link(vpcd.endpoint(), card);
  link.start();
  REQUIRE(vpcd.accept());
  auto answer = vpcd.exchange({0x00, 0xEE, 0x00, 0x00});
  CHECK(answer.status == io::Io::closed);
  CHECK(eventually([&] { return !link.running(); }));
  CHECK_FALSE(link.connected());
  CHECK(card.powered_off >= 1);  // the field is gone
  CHECK(link.connects() == 1);   // the thread ended without connecting again

  link.start();  // put back on the reader
  REQUIRE(vpcd.accept());
  CHECK(vpcd.exchange(kEcho).status == io::Io::ok);
  CHECK(link.connects() == 2);
}

TEST_CASE("a mute card never answers APDUs but keeps the connection") {
  FakeVpcd vpcd;
  FakeCard card;
  VpcdLink link(vpcd.endpoint(), card);
  link.start();
  REQUIRE(vpcd.accept());
  vpcd.send({0x00, 0xDD, 0x00, 0x00});
  vpcd.send(kEcho);  // still mute: the link passes it on
  REQUIRE(eventually([&] { return card.apdus == 2; }));
  CHECK(link.connected());
  // The reader still sees a card present, and the ATR is the first message
  // back: neither APDU was answered.
  auto atr = vpcd.exchange({0x04});
  REQUIRE(atr.status == io::Io::ok);
  CHECK(atr.payload == kAtr);

  // How long mute lasts is the card's business: the link keeps no state of its own.
  card.mute = false;
  auto answer = vpcd.exchange(kEcho);
  REQUIRE(answer.status == io::Io::ok);
  CHECK(answer.payload == Bytes{0xAB, 0xCD, 0x90, 0x00});

  link.stop();  // removing the card ends it
  CHECK(vpcd.receive().status == io::Io::closed);
}

TEST_CASE("stopping the link does not wait for an injected delay") {
  FakeVpcd vpcd;
  FakeCard card;
  VpcdLink link(vpcd.endpoint(), card);
  link.start();
  REQUIRE(vpcd.accept());
  vpcd.send({0x00, 0xCC, 0x00, 0x00});  // answered after an hour
  REQUIRE(eventually([&] { return card.apdus == 1; }));
  link.stop();  // would hang the test (CTest timeout) if the delay were not interruptible
  CHECK(vpcd.receive().status == io::Io::closed);
}

TEST_CASE("the link connects once vpcd starts listening, and again after vpcd restarts") {
  std::uint16_t port = 0;
  {
    FakeVpcd probe;  // find a free port, then free it
    port = probe.port();
  }
  FakeCard card;
  VpcdLink link({"127.0.0.1", port}, card);
  link.start();  // nothing listens yet: the link keeps trying
  CHECK(eventually([&] { return !link.last_problem().empty(); }));
  CHECK_FALSE(link.connected());

  {
    FakeVpcd vpcd(port);
    REQUIRE(vpcd.accept());
    CHECK(vpcd.exchange(kEcho).status == io::Io::ok);
    CHECK(link.connects() == 1);
    vpcd.send({0x01});
    REQUIRE(vpcd.exchange({0x04}).status == io::Io::ok);
    vpcd.close_listener();  // pcscd stops: its port closes, then the card's connection
    vpcd.drop_connection();
  }

  CHECK(eventually([&] { return card.powered_off >= 1; }));  // the field went down with it
  FakeVpcd restarted(port);
  REQUIRE(restarted.accept());
  auto answer = restarted.exchange(kEcho);
  REQUIRE(answer.status == io::Io::ok);
  CHECK(answer.payload == Bytes{0xAB, 0xCD, 0x90, 0x00});
  CHECK(link.connects() == 2);
  CHECK(link.running());
}

TEST_CASE("frame_message prefixes the big-endian length") {
  CHECK(frame_message(Bytes{0x04}) == Bytes{0x00, 0x01, 0x04});
  Bytes big(0x1234, 0x00);
  Bytes framed = frame_message(big);
  CHECK(framed.size() == 0x1236);
  CHECK(framed[0] == 0x12);
  CHECK(framed[1] == 0x34);
}

}  // namespace
}  // namespace ektp::cardsim
