// Reader and card faults met by the personalizer through real pcscd: pcscd
// killed and restarted mid-card, a card that goes mute, a card too small, a
// chip that refuses writes, a chip whose serial cannot be read. Each ends in
// its own outcome with a plain message, and the same process (and Reader)
// personalizes the next card. (A personalized card fed again: perso_rig_test;
// the configured reader absent at start: tests/integration/reader; a reader
// that disappears: tests/unit/personalizer with the fake reader.)
#include <doctest/doctest.h>

#include <cstdlib>
#include <set>

#include "tests/integration/personalizer/perso_rig_fixture.hpp"
#include "tests/support/paths.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using namespace std::chrono_literals;
using chip::PersoResult;
using chip::SpoilReason;

namespace {

/// The card in the encoder holds exactly the signed files, all locked.
void check_card_good(PersoEncoder& enc, const chip::PersoJob& job, const std::string& name) {
  enc.take_out();
  const auto w = witness(enc.image(name), job);
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);
  CHECK(w.application_activated);
}

/// A fresh blank is personalized good by the same Reader.
void next_card_good(PersoEncoder& enc) {
  enc.fresh_card("capacity=8192");
  const auto out = enc.personalize(job_8k());
  INFO(out.detail.code << ": " << out.detail.message);
  CHECK(out.result == PersoResult::good);
  check_card_good(enc, job_8k(), "next-card.img");
}

}  // namespace

TEST_CASE(
    "pcscd killed and restarted mid-card: interrupted; the same card is finished, then the "
    "next") {
  PersoEncoder enc;
  enc.fresh_card("capacity=8192");
  const std::string restart = source_dir() + "/tools/rig/restart-pcscd >/dev/null";
  enc.before_apdu = [&](std::size_t n) {
    if (n == 30) REQUIRE(std::system(restart.c_str()) == 0);  // while writing DG2
  };
  const auto cut = enc.personalize(job_8k());
  enc.before_apdu = nullptr;
  INFO(cut.detail.code << ": " << cut.detail.message);
  CHECK(cut.result == PersoResult::interrupted);
  CHECK((cut.detail.code == "pcsc.no_service" || cut.detail.code == "card.removed" ||
         cut.detail.code == "reader.gone" || cut.detail.code == "card.no_response"));

  // The card lost its link with the old pcscd: present it again.
  enc.cmd("remove");
  enc.put_back();
  const auto again = enc.personalize(job_8k());
  INFO(again.detail.code << ": " << again.detail.message);
  CHECK(again.result == PersoResult::good);
  CHECK(again.resumed);
  check_card_good(enc, job_8k(), "pcscd-restart.img");
  next_card_good(enc);
}

TEST_CASE(
    "a card that goes mute mid-write: card not responding at the deadline; pulled, it is "
    "finished, then the next card works") {
  PersoEncoder enc;
  enc.fresh_card("capacity=8192");
  enc.cmd("fault mute_at 20");
  const auto mute = enc.personalize(job_8k(), nullptr, 500ms);
  INFO(mute.detail.code << ": " << mute.detail.message);
  CHECK(mute.result == PersoResult::interrupted);
  CHECK(mute.detail.code == "card.not_responding");
  CHECK_FALSE(mute.detail.message.empty());

  // Pulled: the stuck call ends; the same card put back is finished.
  enc.cmd("remove");
  enc.put_back();
  const auto again = enc.personalize(job_8k());
  INFO(again.detail.code << ": " << again.detail.message);
  CHECK(again.result == PersoResult::good);
  check_card_good(enc, job_8k(), "mute.img");
  next_card_good(enc);
}

TEST_CASE("refusing chips through pcscd: each a distinct outcome with a plain message") {
  PersoEncoder enc;
  std::set<std::string> codes;
  auto run = [&](const std::string& settings, const std::string& fault) {
    enc.fresh_card(settings);
    if (!fault.empty()) enc.cmd("fault " + fault);
    auto out = enc.personalize(job_8k());
    INFO(std::string(chip::to_string(out.result))
         << " " << out.detail.code << ": " << out.detail.message);
    CHECK(out.result == PersoResult::spoiled);
    CHECK_FALSE(out.detail.message.empty());
    codes.insert(out.detail.code);
    return out;
  };

  const auto small = run("capacity=4096", "");
  CHECK(small.reason == SpoilReason::write_failed);
  CHECK(small.detail.code == "perso.card_too_small");
  CHECK(small.serial == "479012345678");

  const auto broken = run("capacity=8192", "broken_write");
  CHECK(broken.reason == SpoilReason::write_failed);
  CHECK(broken.detail.code == "perso.sw_6581");

  const auto no_serial = run("capacity=8192", "sw 1 6A88");
  CHECK(no_serial.reason == SpoilReason::chip_unreadable);
  CHECK(no_serial.serial.empty());
  enc.take_out();
  CHECK(witness(enc.image("no-serial.img"), job_8k()).app_files == 0);

  CHECK(codes.size() == 3);
  enc.cmd("clear_faults");
  next_card_good(enc);
}
