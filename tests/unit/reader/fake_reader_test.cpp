// The fake reader behaves like the contract says a reader does, so that
// pipeline tests written against it mean something.
#include <doctest/doctest.h>

#include "drivers/reader/fake_reader.hpp"
#include "tests/support/require_ok.hpp"

using namespace std::chrono_literals;
using ektp::reader::Bytes;
using ektp::reader::Disposition;
using ektp::reader::FakeReader;
using ektp::reader::Reader;

namespace {
const Bytes kSelect{0x00, 0xA4, 0x04, 0x00, 0x02, 0xA0, 0x00};
}

TEST_CASE("a card inserted: connect gives its ATR; APDUs are recorded and answered in order") {
  FakeReader fake("Encoder");
  Reader& r = fake;
  fake.insert({0x3B, 0x01}, {0x04, 0xAA});
  REQUIRE_OK(r.wait_card(1s));
  auto info = r.connect(1s);
  REQUIRE_OK(info);
  CHECK(info->atr == Bytes{0x3B, 0x01});
  CHECK(info->reader == "Encoder");

  fake.push_response(Bytes{0x90, 0x00});
  fake.push_response(ektp::fail("card.removed", "gone"));
  auto a = r.transmit(kSelect, 1s);
  REQUIRE_OK(a);
  CHECK(*a == Bytes{0x90, 0x00});
  auto b = r.transmit(Bytes{0x00, 0xB0, 0x00, 0x00, 0x10}, 1s);
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().code == "card.removed");
  auto c = r.transmit(kSelect, 1s);  // queue empty: the responder (6D00)
  REQUIRE_OK(c);
  CHECK(*c == Bytes{0x6D, 0x00});
  CHECK(fake.sent() == std::vector<Bytes>{kSelect, Bytes{0x00, 0xB0, 0x00, 0x00, 0x10}, kSelect});

  auto uid = r.uid(1s);
  REQUIRE_OK(uid);
  CHECK(*uid == Bytes{0x04, 0xAA});
  REQUIRE_OK(r.disconnect(Disposition::reset));
  CHECK(fake.calls() == std::vector<std::string>{"wait_card", "connect", "transmit", "transmit",
                                                 "transmit", "uid", "disconnect:reset"});
}

TEST_CASE("no card: the wait ends with card.absent; a card left in: card.still_present") {
  FakeReader fake("Encoder");
  auto w = fake.wait_card(100ms);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == "card.absent");
  CHECK(fake.connect(100ms).error().code == "card.absent");
  fake.insert();
  CHECK(fake.wait_card_absent(100ms).error().code == "card.still_present");
  fake.remove();
  CHECK_OK(fake.wait_card_absent(100ms));
}

TEST_CASE("the configured reader absent: reader.absent, naming the readers that are there") {
  FakeReader fake("Encoder");
  fake.set_readers({"Other 00 00", "SAM 00 00"});
  auto r = ektp::reader::require_present(fake);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "reader.absent");
  CHECK(r.error().message.find("Encoder") != std::string::npos);
  CHECK(r.error().message.find("Other 00 00") != std::string::npos);
  CHECK(r.error().message.find("SAM 00 00") != std::string::npos);
  CHECK(fake.wait_card(1s).error().code == "reader.absent");
  fake.plug_in();
  CHECK_OK(ektp::reader::require_present(fake));
}

TEST_CASE("a reader unplugged under a connected card: reader.gone, distinct from card.removed") {
  FakeReader fake("Encoder");
  fake.insert();
  REQUIRE_OK(fake.connect(1s));
  fake.unplug();
  auto t = fake.transmit(kSelect, 1s);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().code == "reader.gone");
  CHECK(fake.connect(1s).error().code == "reader.absent");
}

TEST_CASE(
    "a card pulled mid-session: card.removed; pcscd stopped: pcsc.no_service, then a new card "
    "works") {
  FakeReader fake("Encoder");
  fake.insert();
  REQUIRE_OK(fake.connect(1s));
  fake.remove();
  CHECK(fake.transmit(kSelect, 1s).error().code == "card.removed");

  fake.insert();
  REQUIRE_OK(fake.connect(1s));
  fake.stop_service();
  CHECK(fake.transmit(kSelect, 1s).error().code == "pcsc.no_service");
  CHECK(fake.list_readers().error().code == "pcsc.no_service");
  fake.start_service();
  // The card connected before is lost; connecting again works.
  CHECK(fake.transmit(kSelect, 1s).error().code == "card.not_connected");
  REQUIRE_OK(fake.connect(1s));
  CHECK_OK(fake.transmit(kSelect, 1s));
}
