// A card's life through the Spool facade: each step commits its state change together
// with its ledger movement and outbox event, or nothing at all.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::spool::test {
namespace {

using A = AttemptState;
using ledger::Bucket;
using outbox::EventType;

TEST_CASE("intake: accepted and rejected jobs are reported once") {
  FlowFixture f;
  const std::string job = f.add_job();
  REQUIRE_OK(f.s().accept(new_job(1)));  // the same bundle again: already queued
  auto accepted = f.events_of(EventType::job_accepted);
  REQUIRE(accepted.size() == 1);
  CHECK(accepted[0].job_id == job);
  CHECK(nlohmann::json::parse(accepted[0].payload)["status"] == "Proses");

  const std::vector<std::uint8_t> hash(32, 9);
  REQUIRE_OK(f.s().reject(job_id(50), hash, "bad_signature", "The signature does not verify."));
  // A bad copy of a job already here: the job keeps its story, nothing is reported.
  REQUIRE_OK(f.s().reject(job, hash, "bad_signature", "The signature does not verify."));
  auto rejected = f.events_of(EventType::job_rejected);
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].job_id == job_id(50));
  auto payload = nlohmann::json::parse(rejected[0].payload);
  CHECK(payload["status"] == "Ditolak");
  CHECK(payload["reason"] == "bad_signature");
  CHECK(f.job_state(job) == JobState::queued);
  CHECK(f.job_state(job_id(50)) == JobState::rejected);
}

TEST_CASE("a good card: one feed, one issue, card_good, job done with its tombstone") {
  FlowFixture f;
  f.stock(10, 5);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  f.to_card_out(c.attempt_id);
  REQUIRE_OK(f.s().finish(c.attempt_id));

  auto feeds = f.movements("feed");
  auto issues = f.movements("issue");
  REQUIRE(feeds.size() == 1);
  REQUIRE(issues.size() == 1);
  CHECK(feeds[0].attempt_id == c.attempt_id);
  CHECK(feeds[0].job_id == job);
  CHECK(issues[0].attempt_id == c.attempt_id);
  CHECK(issues[0].serial == FlowFixture::serial_of(c.attempt_id));
  CHECK(f.movements("spoil").empty());

  auto good = f.events_of(EventType::card_good);
  REQUIRE(good.size() == 1);
  auto payload = nlohmann::json::parse(good[0].payload);
  CHECK(payload["status"] == "Selesai");
  CHECK(payload["chip_serial"] == FlowFixture::serial_of(c.attempt_id));
  CHECK(payload["chip_uid"] == "04A1B2C3D4E5F6");
  CHECK(f.events_of(EventType::job_printing).size() == 1);

  const auto b = f.balances();
  CHECK(b[Bucket::received] == 10);
  CHECK(b[Bucket::in_stock] == 5);
  CHECK(b[Bucket::in_hopper] == 4);
  CHECK(b[Bucket::in_card_path] == 0);
  CHECK(b[Bucket::issued] == 1);
  CHECK(b[Bucket::spoiled] == 0);
  f.require_ledger_ok();
  CHECK(f.job_state(job) == JobState::done);
  CHECK(f.count("SELECT count(*) FROM tombstones WHERE outcome = 'done'") == 1);
  f.require_outbox_without_holes();
}

TEST_CASE("a spoiled card: feed and spoil movements, blank_spoiled, job queued again") {
  FlowFixture f;
  f.stock(10, 5);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::in_encoder));
  REQUIRE_OK(f.s().record_chip(c.attempt_id, "SN77", "04FF"));
  auto spoiled = f.s().spoil(c.attempt_id, {ledger::SpoilReason::write_failed, "no answer"});
  REQUIRE_OK(spoiled);
  CHECK(spoiled->job_state == JobState::queued);

  auto spoils = f.movements("spoil");
  REQUIRE(f.movements("feed").size() == 1);
  REQUIRE(spoils.size() == 1);
  CHECK(spoils[0].from == "in_card_path");
  CHECK(spoils[0].reason == "write_failed");
  CHECK(spoils[0].serial == "SN77");
  CHECK(spoils[0].attempt_id == c.attempt_id);
  auto events = f.events_of(EventType::blank_spoiled);
  REQUIRE(events.size() == 1);
  CHECK(nlohmann::json::parse(events[0].payload)["reason"] == "write_failed");
  CHECK(f.events_of(EventType::job_failed).empty());
  CHECK(f.balances()[Bucket::spoiled] == 1);
  CHECK(f.balances()[Bucket::in_card_path] == 0);
  CHECK(f.job_state(job) == JobState::queued);
  f.require_ledger_ok();

  SUBCASE("the next try of the same job is not a second 'printing'") {
    const Claim again = f.claim();
    REQUIRE_OK(f.s().start_feeding(again.attempt_id));
    CHECK(f.events_of(EventType::job_printing).size() == 1);
  }
  SUBCASE("at the attempt limit the job fails and Gagal is reported") {
    for (int i = 0; i < 2; ++i) {
      const Claim again = f.claim();
      REQUIRE_OK(f.s().start_feeding(again.attempt_id));
      auto r = f.s().spoil(again.attempt_id, {ledger::SpoilReason::jam, ""});
      REQUIRE_OK(r);
      CHECK(r->job_state == (i == 0 ? JobState::queued : JobState::failed));
    }
    auto failed = f.events_of(EventType::job_failed);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].job_id == job);
    CHECK(nlohmann::json::parse(failed[0].payload)["status"] == "Gagal");
    CHECK(f.balances()[Bucket::spoiled] == 3);
  }
}

TEST_CASE("a try that never fed a card moves nothing") {
  FlowFixture f;
  f.stock(3, 3);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  REQUIRE_OK(f.s().release_attempt(c.attempt_id, "card absent"));
  CHECK(f.attempt_state(c.attempt_id) == A::abandoned);
  CHECK(f.job_state(job) == JobState::queued);
  CHECK(f.movements("feed").empty());
  CHECK(f.balances()[Bucket::in_hopper] == 3);
  CHECK(f.events_of(EventType::job_printing).empty());
  // Feeding goes only through start_feeding, which moves the blank.
  const Claim again = f.claim();
  CHECK(f.s().advance(again.attempt_id, A::feeding).error().code == "spool.transition_refused");
}

TEST_CASE("the ledger refusing rolls the state change back: hopper empty") {
  FlowFixture f;
  f.stock(5, 0);  // nothing in the hopper
  const std::string job = f.add_job();
  const Claim c = f.claim();
  const auto events_before = f.count("SELECT count(*) FROM outbox_event");
  auto r = f.s().start_feeding(c.attempt_id);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "ledger.hopper_empty");
  CHECK(f.attempt_state(c.attempt_id) == A::claimed);
  CHECK(f.job_state(job) == JobState::claimed);
  CHECK(f.count("SELECT count(*) FROM outbox_event") == events_before);
  CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'feed'") == 0);
  // After loading, the same attempt feeds.
  REQUIRE_OK(f.s().load_hopper({.count = 1, .operator_id = "op-a", .at = {}}));
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  CHECK(f.attempt_state(c.attempt_id) == A::feeding);
  f.require_outbox_without_holes();
}

TEST_CASE("a good card without its chip serial is refused whole: still card out, no Selesai") {
  FlowFixture f;
  f.stock(5, 5);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  f.to_card_out(c.attempt_id);
  REQUIRE_OK(f.s().record_chip(c.attempt_id, "", ""));  // serial lost
  auto r = f.s().finish(c.attempt_id);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == "ledger.incomplete");
  CHECK(f.attempt_state(c.attempt_id) == A::card_out);
  CHECK(f.job_state(job) == JobState::printing);
  CHECK(f.events_of(EventType::card_good).empty());
  CHECK(f.count("SELECT count(*) FROM tombstones") == 0);
  CHECK(f.balances()[Bucket::in_card_path] == 1);
}

TEST_CASE("recovery: a blank interrupted before the permit is spoiled from the card path") {
  FlowFixture f;
  f.stock(5, 5);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::in_encoder));
  CHECK(f.reopen().to_recover == 1);
  CHECK(f.attempt_state(c.attempt_id) == A::to_recover);
  REQUIRE_OK(f.s().spoil(c.attempt_id, {ledger::SpoilReason::chip_unreadable, "recovery"}));
  CHECK(f.movements("spoil").size() == 1);
  CHECK(f.balances()[Bucket::in_card_path] == 0);
  CHECK(f.job_state(job) == JobState::queued);
  f.require_ledger_ok();
}

}  // namespace
}  // namespace ektp::spool::test
