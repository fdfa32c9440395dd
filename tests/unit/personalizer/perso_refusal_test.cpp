// Cards that cannot (or must not) be personalized, and jobs refused before
// any card is touched: each a distinct outcome with a plain message.
#include <doctest/doctest.h>

#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::PersoResult;
using chip::SpoilReason;

TEST_CASE("A chip that refuses writes is spoiled as write_failed, serial known") {
  SimSeam sim(card_8k());
  sim.card.arm({cardsim::Fault::Kind::broken_write});
  const auto out = sim.run(job_8k());
  CHECK(out.result == PersoResult::spoiled);
  CHECK(out.reason == SpoilReason::write_failed);
  CHECK(out.serial == "479012345678");
  CHECK(has(out.detail.message, "6581"));
  CHECK(sim.card.counters().files_created == 0);
}

TEST_CASE("A chip whose serial cannot be read is spoiled as chip_unreadable, nothing written") {
  SimSeam sim(card_8k());
  cardsim::Fault f{cardsim::Fault::Kind::status_word_at, 1};
  f.sw = 0x6A88;
  sim.card.arm(f);
  const auto out = sim.run(job_8k());
  CHECK(out.result == PersoResult::spoiled);
  CHECK(out.reason == SpoilReason::chip_unreadable);
  CHECK(out.serial.empty());
  CHECK(out.apdus == 1);
}

TEST_CASE("A card too small for the data set: spoiled write_failed, card_too_small") {
  cardsim::CardConfig small;
  small.capacity = 4096;
  SimSeam sim(small);
  const auto out = sim.run(job_8k());
  CHECK(out.result == PersoResult::spoiled);
  CHECK(out.reason == SpoilReason::write_failed);
  CHECK(out.detail.code == "perso.card_too_small");
  CHECK(has(out.detail.message, "does not fit"));
  CHECK_FALSE(witness(sim.card, job_8k()).all_activated);
}

TEST_CASE("No card at all: retry, nothing spent") {
  const chip::Transmit absent = [](const chip::Bytes&) -> Result<chip::Bytes> {
    return fail("card.absent", "No card in the encoder.");
  };
  const auto out = chip::personalize(job_8k(), absent);
  CHECK(out.result == PersoResult::retry);
  CHECK(out.detail.code == "card.absent");
  CHECK(has(out.detail.message, "Nothing was written"));
}

TEST_CASE("A personalized card fed again is reported already_locked and never written") {
  SimSeam sim(card_8k());
  REQUIRE(sim.run(job_8k()).result == PersoResult::good);
  sim.card.reset_counters();

  SUBCASE("same job, unauthenticated: the data cannot be compared") {
    const auto out = sim.run(job_8k());
    CHECK(out.result == PersoResult::already_locked);
    CHECK_FALSE(out.same_job.has_value());
    CHECK(out.serial == "479012345678");
  }
  SUBCASE("same job, EF.SOD readable (authenticated session): reported as this job's") {
    sim.card.set_session_authenticated(true);
    const auto out = sim.run(job_8k());
    CHECK(out.result == PersoResult::already_locked);
    CHECK(out.same_job == true);
    CHECK(out.digest == job_8k().digest);
    CHECK(has(out.detail.message, "already holds this job"));
  }
  SUBCASE("another job") {
    sim.card.set_session_authenticated(true);
    const auto out = sim.run(job_32k());
    CHECK(out.result == PersoResult::already_locked);
    CHECK(out.same_job == false);
  }
  CHECK(sim.card.counters().files_created == 0);
  CHECK(sim.card.counters().updates == 0);
  CHECK(sim.card.counters().files_activated == 0);
  const auto w = witness(sim.card, job_8k());
  CHECK(w.exactly_signed);
  CHECK(w.all_activated);
}

TEST_CASE("An unlocked card left by another job with other file sizes is spoiled, not mixed") {
  SimSeam sim(card_32k());
  sim.card.arm({cardsim::Fault::Kind::tear_at, 30});
  REQUIRE(sim.run(job_32k()).result == PersoResult::interrupted);
  const auto out = sim.run(job_8k());
  CHECK(out.result == PersoResult::spoiled);
  CHECK(out.detail.code == "perso.layout_mismatch");
}

TEST_CASE("Jobs refused before any card is touched") {
  auto d = signed_dataset(3500);
  SUBCASE("a data group changed after signing") {
    d.files[2].content.back() ^= 0x01;
    auto job = chip::prepare_job(chip::ktp_open_v1(), d);
    REQUIRE_FALSE(job.ok());
    CHECK(job.error().code == "perso.job_invalid");
    CHECK(has(job.error().message, "does not match"));
  }
  SUBCASE("EF.SOD missing") {
    d.files.pop_back();
    auto job = chip::prepare_job(chip::ktp_open_v1(), d);
    REQUIRE_FALSE(job.ok());
    CHECK(has(job.error().message, "EF.SOD is missing"));
  }
}

TEST_CASE("KTP-OPEN v1 FCP: the encoding of the profile") {
  const auto& p = chip::ktp_open_v1();
  REQUIRE(p.files().size() == 9);
  CHECK(p.files().front().name == "EF.COM");
  CHECK(p.files().back().name == "EF.SOD");
  const chip::Bytes fcp = p.ef_fcp(p.files().front(), 0x1234);
  CHECK(fcp == chip::Bytes{0x62, 0x16, 0x80, 0x02, 0x12, 0x34, 0x82, 0x01, 0x01, 0x83, 0x02, 0x01,
                           0x1E, 0x88, 0x01, 0xF0, 0x8A, 0x01, 0x03, 0x8C, 0x03, 0x03, 0xFF, 0x90});
}

TEST_CASE("An application DF that claims to be activated but is not: spoiled lock_failed") {
  SimSeam sim(card_8k());
  // ACTIVATE FILE of the DF (FID 0A01 in the data) answered 9000 without reaching the card.
  sim.intercept = [](const chip::Bytes& apdu) -> std::optional<chip::Bytes> {
    if (apdu.size() == 7 && apdu[1] == 0x44 && apdu[5] == 0x0A && apdu[6] == 0x01) {
      return chip::Bytes{0x90, 0x00};
    }
    return std::nullopt;
  };
  const auto out = sim.run(job_8k());
  CHECK(out.result == PersoResult::spoiled);
  CHECK(out.reason == SpoilReason::lock_failed);
  CHECK(out.detail.code == "perso.application_not_locked");
  CHECK_FALSE(witness(sim.card, job_8k()).application_activated);
}
