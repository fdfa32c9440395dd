// The personalizer through real pcscd and the vpcd reader to the card
// simulator: one good 8 KB short-APDU card and one 32 KB extended card, end
// to end; the simulator's saved image is the witness.
#include <doctest/doctest.h>

#include <filesystem>

#include "drivers/reader/pcsc_session.hpp"
#include "tests/support/encoder_slot.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"
#include "tools/cardsim/control_client.hpp"

using namespace ektp;
using namespace ektp::test;
using namespace std::chrono_literals;
using chip::PersoResult;

namespace {

struct Encoder : EncoderSlot {
  /// Personalize the card in the encoder, as the station will: the seam bound
  /// to PcscSession::transmit with a deadline, the ATR passed on.
  chip::PersoOutcome personalize(const chip::PersoJob& job) {
    auto session = reader::PcscSession::connect(reader, 5s);
    REQUIRE_MESSAGE(session.ok(), (session.ok() ? "" : session.error().message));
    auto& s = **session;
    const chip::Transmit transmit = [&s](const chip::Bytes& apdu) { return s.transmit(apdu, 5s); };
    chip::PersoOptions options;
    options.atr = s.atr();
    return chip::personalize(job, transmit, options);
  }
};

void check_good_card(Encoder& enc, const chip::PersoJob& job, const std::string& image_name) {
  const auto out = enc.personalize(job);
  INFO(chip::to_string(out.result) << " " << out.detail.code << ": " << out.detail.message);
  REQUIRE(out.result == PersoResult::good);
  CHECK(out.serial == "479012345678");
  CHECK(out.digest == job.digest);
  enc.take_out();
  const auto card = enc.image(image_name);
  const auto w = witness(card, job);
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);

  // Fed again: locked, never rewritten.
  enc.cmd("insert");
  const auto again = enc.personalize(job);
  CHECK(again.result == PersoResult::already_locked);
}

}  // namespace

TEST_CASE("8 KB short-APDU card personalized end to end through pcscd") {
  Encoder enc;
  enc.fresh_card("capacity=8192 serial=4790500112345678");
  check_good_card(enc, job_8k(), "perso-8k.img");
}

TEST_CASE("32 KB extended card (ext_max 1024) personalized end to end through pcscd") {
  Encoder enc;
  enc.fresh_card("capacity=32768 ext_max=1024 serial=4790500112345678");
  check_good_card(enc, job_32k(), "perso-32k.img");
}
