// The personalizer driven through the Reader contract with the fake reader
// (its card answered by the in-process simulator): a reader that disappears
// before or during the writing, and a configured reader absent at start,
// each end in their own outcome with a plain message.
#include <doctest/doctest.h>

#include "drivers/reader/fake_reader.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using namespace std::chrono_literals;
using chip::PersoResult;

namespace {

/// A fake encoder whose card is `sim`; `unplug_at` > 0 unplugs the reader
/// before that APDU.
struct FakeEncoder {
  reader::FakeReader fake{"Encoder"};
  SimSeam sim{card_8k()};
  std::size_t sent = 0;
  std::size_t unplug_at = 0;

  FakeEncoder() {
    fake.set_readers({"Encoder", "Other"});
    fake.set_responder([this](const chip::Bytes& apdu) { return sim.transmit()(apdu); });
    fake.insert();
  }

  chip::PersoOutcome run() {
    auto info = fake.connect(1s);
    REQUIRE_OK(info);
    const chip::Transmit transmit = [this](const chip::Bytes& apdu) {
      if (++sent == unplug_at) fake.unplug();
      return fake.transmit(apdu, 1s);
    };
    return chip::personalize(job_8k(), transmit, {.atr = info->atr});
  }
};

}  // namespace

TEST_CASE("the reader unplugged before anything is written: retry, nothing spent") {
  FakeEncoder enc;
  enc.unplug_at = 2;
  const auto out = enc.run();
  CHECK(out.result == PersoResult::retry);
  CHECK(out.detail.code == "reader.gone");
  CHECK(out.detail.message.find("Nothing was written") != std::string::npos);
  CHECK(enc.sim.card.counters().files_created == 0);
}

TEST_CASE("the reader unplugged while writing: interrupted; plugged back, the card is finished") {
  FakeEncoder enc;
  enc.unplug_at = 20;
  const auto out = enc.run();
  CHECK(out.result == PersoResult::interrupted);
  CHECK(out.detail.code == "reader.gone");
  CHECK(out.detail.message.find("SAME card") != std::string::npos);

  enc.fake.plug_in();
  enc.fake.insert();  // the same card, presented again
  enc.unplug_at = 0;
  const auto again = enc.run();
  CHECK(again.result == PersoResult::good);
  CHECK(again.resumed);
  const auto w = witness(enc.sim.card, job_8k());
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);
  CHECK(w.application_activated);
}

TEST_CASE("the configured reader absent at start: reader.absent, naming the readers present") {
  reader::FakeReader fake("Encoder");
  fake.set_readers({"Other 00 00"});
  auto present = reader::require_present(fake);
  REQUIRE_FALSE(present.ok());
  CHECK(present.error().code == "reader.absent");
  CHECK(present.error().message.find("Other 00 00") != std::string::npos);
  CHECK(fake.connect(100ms).error().code == "reader.absent");
}
