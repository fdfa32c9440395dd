// 61xx / 6Cxx handling and status-word meanings.
#include <doctest/doctest.h>

#include <deque>

#include "chip/apdu.hpp"
#include "support/require_ok.hpp"

using namespace ektp::chip;

namespace {

/// A scripted card: answers each command with the next response, records commands.
struct ScriptedCard {
  std::deque<std::string> responses;  // hex
  std::vector<std::string> commands;  // hex
  Transmit transmit() {
    return [this](const Bytes& apdu) -> ektp::Result<Bytes> {
      commands.push_back(to_hex(apdu));
      if (responses.empty()) return Bytes{};
      auto r = from_hex(responses.front());
      responses.pop_front();
      return r;
    };
  }
};

Command read_binary(std::uint32_t le) {
  Command c;
  c.ins = 0xB0;
  c.le = le;
  return c;
}

}  // namespace

TEST_CASE("followup reads 61xx and 6Cxx, 00 meaning 256") {
  CHECK(followup(0x9000).next == Next::done);
  CHECK(followup(0x6A82).next == Next::done);
  CHECK(followup(0x6110).next == Next::get_response);
  CHECK(followup(0x6110).le == 0x10);
  CHECK(followup(0x6100).le == 256);
  CHECK(followup(0x6C05).next == Next::resend_with_le);
  CHECK(followup(0x6C05).le == 5);
  CHECK(to_hex(encode(get_response(0x10, 0x0C)).value()) == "00C0000010");
}

TEST_CASE("61xx responses are collected with GET RESPONSE") {
  ScriptedCard card;
  card.responses = {"AABB6103", "CCDDEE9000"};
  auto r = exchange(read_binary(256), card.transmit());
  REQUIRE_OK(r);
  CHECK(r->sw == 0x9000);
  CHECK(to_hex(r->data) == "AABBCCDDEE");
  CHECK(card.commands == std::vector<std::string>{"00B0000000", "00C0000003"});
}

TEST_CASE("6Cxx resends the same command once with the exact Le") {
  ScriptedCard card;
  card.responses = {"6C02", "01029000"};
  auto r = exchange(read_binary(256), card.transmit());
  REQUIRE_OK(r);
  CHECK(to_hex(r->data) == "0102");
  CHECK(card.commands == std::vector<std::string>{"00B0000000", "00B0000002"});

  ScriptedCard looping;
  looping.responses = {"6C02", "6C03"};
  auto bad = exchange(read_binary(256), looping.transmit());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "card.bad_length_loop");
}

TEST_CASE("a card that never stops asking is bounded") {
  ScriptedCard card;
  for (int i = 0; i < 100; ++i)
    card.responses.push_back(
        "00"
        "6101");
  auto r = exchange(read_binary(256), card.transmit(), 10);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "card.too_many_rounds");
  CHECK(card.commands.size() == 10);

  ScriptedCard flood;
  for (int i = 0; i < 100; ++i) flood.responses.push_back(std::string(200, 'A') + "6100");
  auto big = exchange(read_binary(256), flood.transmit(), 64, 500);
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().code == "card.response_too_long");
}

TEST_CASE("a final error status ends the exchange with its status word") {
  ScriptedCard card;
  card.responses = {"6982"};
  auto r = exchange(read_binary(256), card.transmit());
  REQUIRE_OK(r);
  CHECK(r->sw == 0x6982);
  ScriptedCard mute;
  auto gone = exchange(read_binary(256), mute.transmit());
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "card.no_response");
}

TEST_CASE("status words have a meaning for people") {
  CHECK(sw_meaning(0x9000) == "success (9000)");
  CHECK(sw_meaning(0x6A82) == "file or application not found (6A82)");
  CHECK(sw_meaning(0x6982) == "security status not satisfied (access refused) (6982)");
  CHECK(sw_meaning(0x6110) == "16 more bytes available (6110)");
  CHECK(sw_meaning(0x6C00) == "wrong expected length; exactly 256 bytes available (6C00)");
  CHECK(sw_meaning(0x63C2) == "verification failed, 2 tries left (63C2)");
  CHECK(sw_meaning(0x6A90) == "checking error (6A90)");
  CHECK(sw_meaning(0x1234) == "unknown status (1234)");
}
