// Tears and status-word faults at every point of the sequence: the outcome is
// never "good" unless the card is verified and locked, and a card that was
// interrupted is finished by the next run (or reported locked when the
// interruption came after every file was activated).
#include <doctest/doctest.h>

#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::PersoResult;

namespace {

/// APDUs of an undisturbed run on a fresh card of `config`.
std::size_t clean_run_apdus(const cardsim::CardConfig& config, const chip::PersoJob& job) {
  SimSeam sim(config);
  const auto out = sim.run(job);
  REQUIRE(out.result == PersoResult::good);
  return out.apdus;
}

/// What the loops saw, so that a loop that never reached a case fails.
struct Tally {
  std::size_t resumed_good = 0;   ///< interrupted, then finished by the second run
  std::size_t locked_before = 0;  ///< interrupted after every file was activated
};

/// Run once with `fault` armed, then again undisturbed; check both outcomes
/// against the witness.
void interrupted_then_resumed(Tally& tally, const cardsim::CardConfig& config,
                              const chip::PersoJob& job, const cardsim::Fault& fault) {
  SimSeam sim(config);
  sim.card.arm(fault);
  const auto first = sim.run(job);
  INFO("first: " << std::string(chip::to_string(first.result)) << " " << first.detail.code << " "
                 << first.detail.message);
  const auto before = witness(sim.card, job);
  if (first.result == PersoResult::good) {
    CHECK(sim.tears == 0);
    CHECK_MESSAGE(before.exactly_signed, before.why);
    CHECK(before.all_activated);
    return;
  }
  REQUIRE(sim.tears == 1);
  // A lost card is never spoiled: nothing written (retry) or resumable (interrupted).
  REQUIRE((first.result == PersoResult::retry || first.result == PersoResult::interrupted));
  if (first.result == PersoResult::retry) CHECK(sim.card.counters().files_created == 0);

  sim.card.disarm_all();
  const auto second = sim.run(job);
  INFO("second: " << std::string(chip::to_string(second.result)) << " " << second.detail.message);
  const auto after = witness(sim.card, job);
  CHECK_MESSAGE(after.exactly_signed, after.why);
  CHECK(after.all_activated);
  CHECK(after.application_activated);
  if (before.all_activated) {
    // Every file was locked before the tear: the card is not touched again.
    CHECK(second.result == PersoResult::already_locked);
    ++tally.locked_before;
  } else {
    CHECK(second.result == PersoResult::good);
    CHECK(second.digest == job.digest);
    if (first.result == PersoResult::interrupted && second.resumed) ++tally.resumed_good;
  }
}

}  // namespace

TEST_CASE("Tear at every APDU index (8 KB card)") {
  const auto total = clean_run_apdus(card_8k(), job_8k());
  Tally tally;
  for (std::uint32_t n = 1; n <= total + 1; ++n) {
    CAPTURE(n);
    interrupted_then_resumed(tally, card_8k(), job_8k(), {cardsim::Fault::Kind::tear_at, n});
  }
  CHECK(tally.resumed_good > 30);
  CHECK(tally.locked_before > 0);
}

TEST_CASE("Tear at every APDU index (32 KB extended card)") {
  const auto total = clean_run_apdus(card_32k(), job_32k());
  Tally tally;
  for (std::uint32_t n = 1; n <= total + 1; ++n) {
    CAPTURE(n);
    interrupted_then_resumed(tally, card_32k(), job_32k(), {cardsim::Fault::Kind::tear_at, n});
  }
  CHECK(tally.resumed_good > 30);
  CHECK(tally.locked_before > 0);
}

TEST_CASE("Tear inside each UPDATE BINARY (part of the chunk reaches EEPROM)") {
  for (const auto& [config, job] :
       {std::pair{card_8k(), &job_8k()}, std::pair{card_32k(), &job_32k()}}) {
    SimSeam probe(config);
    REQUIRE(probe.run(*job).result == PersoResult::good);
    const auto updates = probe.card.counters().updates + 1;  // + the lock's refused rewrite
    Tally tally;
    for (std::uint32_t n = 1; n <= updates; ++n) {
      for (std::uint32_t k : {0u, 1u, 100u}) {
        CAPTURE(n);
        CAPTURE(k);
        cardsim::Fault f{cardsim::Fault::Kind::tear_in_write, n};
        f.bytes = k;
        interrupted_then_resumed(tally, config, *job, f);
      }
    }
    CHECK(tally.resumed_good >= 3 * (updates - 1));  // every tear in a data write was finished
  }
}

TEST_CASE("A status word fault at every APDU index: never good unless locked, never a crash") {
  const auto total = clean_run_apdus(card_8k(), job_8k());
  for (std::uint16_t sw : {std::uint16_t{0x6F00}, std::uint16_t{0x6A82}, std::uint16_t{0x6581}}) {
    for (std::uint32_t n = 1; n <= total; ++n) {
      CAPTURE(n);
      CAPTURE(sw);
      SimSeam sim(card_8k());
      cardsim::Fault f{cardsim::Fault::Kind::status_word_at, n};
      f.sw = sw;
      sim.card.arm(f);
      const auto out = sim.run(job_8k());
      INFO(std::string(chip::to_string(out.result)) << " " << out.detail.message);
      const auto w = witness(sim.card, job_8k());
      if (out.result == PersoResult::good) {
        CHECK_MESSAGE(w.exactly_signed, w.why);
        CHECK(w.all_activated);
      } else {
        CHECK(out.result == PersoResult::spoiled);
        CHECK(out.reason != chip::SpoilReason::none);
        CHECK_FALSE(out.detail.message.empty());
      }
    }
  }
}

TEST_CASE("A card that goes mute: interrupted or retry, and finished once it is pulled") {
  const auto total = clean_run_apdus(card_8k(), job_8k());
  for (std::uint32_t n = 1; n <= total; n += 7) {
    CAPTURE(n);
    SimSeam sim(card_8k());
    sim.card.arm({cardsim::Fault::Kind::mute_at, n});
    const auto first = sim.run(job_8k());
    REQUIRE(sim.mutes == 1);
    CHECK((first.result == PersoResult::retry || first.result == PersoResult::interrupted));
    CHECK(first.detail.code == "card.not_responding");
    sim.card.leave_field();  // the operator pulls it and puts it back
    sim.card.power_on();
    const auto second = sim.run(job_8k());
    CHECK((second.result == PersoResult::good || second.result == PersoResult::already_locked));
    CHECK(witness(sim.card, job_8k()).all_activated);
  }
}
