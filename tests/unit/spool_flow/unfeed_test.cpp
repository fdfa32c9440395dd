// "Never fed": a feed was recorded, then the printer reports that nothing moved. The
// unfeed puts the blank back (card path -> hopper), abandons the attempt, re-queues the
// job without counting against its limit, and is audited; refused anywhere else.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "spool/audit.hpp"
#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::spool::test {
namespace {

using A = AttemptState;
using ledger::Bucket;
using outbox::EventType;

TEST_CASE("unfeed: the blank goes back to the hopper, the job is queued, nothing counted") {
  FlowFixture f;
  f.stock(5, 3);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  CHECK(f.balances()[Bucket::in_hopper] == 2);
  CHECK(f.balances()[Bucket::in_card_path] == 1);
  const auto events_before = f.count("SELECT count(*) FROM outbox_event");

  REQUIRE_OK(f.s().unfeed(c.attempt_id, "printer: hopper empty at feed"));
  CHECK(f.attempt_state(c.attempt_id) == A::abandoned);
  CHECK(f.job_state(job) == JobState::queued);
  auto record = f.s().jobs().get(job);
  REQUIRE_OK(record);
  CHECK(record->spoiled_count == 0);  // nothing counts against the attempt limit
  CHECK(f.balances()[Bucket::in_hopper] == 3);
  CHECK(f.balances()[Bucket::in_card_path] == 0);
  CHECK(f.balances()[Bucket::spoiled] == 0);
  auto unfeeds = f.movements("unfeed");
  REQUIRE(unfeeds.size() == 1);
  CHECK(unfeeds[0].from == "in_card_path");
  CHECK(unfeeds[0].to == "in_hopper");
  CHECK(unfeeds[0].count == 1);
  CHECK(unfeeds[0].attempt_id == c.attempt_id);
  CHECK(unfeeds[0].job_id == job);
  CHECK(unfeeds[0].reason == "printer: hopper empty at feed");
  f.require_ledger_ok();

  // Audited by the station, and sent to central with it (one audit_entry event).
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'card.unfeed' AND "
                "operator = 'station' AND target_kind = 'ledger_movement'") == 1);
  auto audits = f.events_of(EventType::audit_entry);
  REQUIRE_FALSE(audits.empty());
  const auto payload = nlohmann::json::parse(audits.back().payload);
  CHECK(payload.dump().find("card.unfeed") != std::string::npos);
  CHECK(f.count("SELECT count(*) FROM outbox_event") == events_before + 1);
  f.require_outbox_without_holes();
  f.require_status_counters_in_step();

  SUBCASE("the job is claimed again and its next card is made normally") {
    const Claim again = f.claim();
    CHECK(again.job.id == job);
    CHECK(again.attempt_id != c.attempt_id);
    f.to_card_out(again.attempt_id);
    REQUIRE_OK(f.s().finish(again.attempt_id));
    CHECK(f.job_state(job) == JobState::done);
    CHECK(f.balances()[Bucket::issued] == 1);
    CHECK(f.balances()[Bucket::in_hopper] == 2);
    f.require_ledger_ok();
  }
  SUBCASE("a second unfeed of the same attempt is refused, nothing changes") {
    auto r = f.s().unfeed(c.attempt_id, "again");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "spool.transition_refused");
    CHECK(f.movements("unfeed").size() == 1);
    CHECK(f.balances()[Bucket::in_hopper] == 3);
  }
}

TEST_CASE("unfeed is refused for an attempt that is not feeding") {
  FlowFixture f;
  f.stock(10, 10);
  for (int i = 0; i < 3; ++i) f.add_job();
  const Claim c = f.claim();
  auto refused_here = [&](std::int64_t attempt) {
    const auto before = f.balances();
    const auto state = f.attempt_state(attempt);
    const auto moves = f.movements().size();
    auto r = f.s().unfeed(attempt, "printer: nothing moved");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == "spool.transition_refused");
    CHECK(f.attempt_state(attempt) == state);
    CHECK(f.balances() == before);
    CHECK(f.movements().size() == moves);
  };
  refused_here(c.attempt_id);  // claimed: nothing was fed (release_attempt is for that)
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::in_encoder));
  refused_here(c.attempt_id);  // the card reached the encoder: it moved
  REQUIRE_OK(f.s().record_chip(c.attempt_id, "SN1", "04AA"));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::chip_writing));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::chip_locked));
  refused_here(c.attempt_id);
  REQUIRE_OK(f.s().spoil(c.attempt_id, {ledger::SpoilReason::jam, ""}));
  refused_here(c.attempt_id);  // spoiled: the blank is counted spoiled for good

  // Interrupted while feeding: recovery flags it to_recover; the pipeline then spoils
  // or resumes it (the printer is asked first), never an unfeed of a flagged attempt.
  const Claim d = f.claim();
  REQUIRE_OK(f.s().start_feeding(d.attempt_id));
  f.reopen();
  CHECK(f.attempt_state(d.attempt_id) == A::to_recover);
  refused_here(d.attempt_id);

  CHECK(f.s().unfeed(424242, "x").error().code == "spool.unknown_attempt");
  const Claim e = f.claim();
  REQUIRE_OK(f.s().start_feeding(e.attempt_id));
  CHECK(f.s().unfeed(e.attempt_id, "").error().code == "spool.no_reason");
  CHECK(f.attempt_state(e.attempt_id) == A::feeding);
  f.require_ledger_ok();
}

TEST_CASE("the database refuses an unfeed without its feed, or twice, whoever writes") {
  FlowFixture f;
  f.stock(5, 3);
  f.add_job();
  f.add_job();
  const Claim c = f.claim();
  // Another attempt's card is in the card path: the refusals below are about the
  // attempt, not an empty card path.
  const Claim other = f.claim();
  REQUIRE_OK(f.s().start_feeding(other.attempt_id));
  // No feed for the attempt yet.
  auto none = ledger::record_unfeed(f.db(), {.attempt_id = c.attempt_id,
                                             .job_id = std::nullopt,
                                             .reason = "test",
                                             .at = f.clock.wall_now()});
  REQUIRE_FALSE(none);
  CHECK(none.error().code == "ledger.nothing_to_unfeed");
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  REQUIRE_OK(ledger::record_unfeed(f.db(), {.attempt_id = c.attempt_id,
                                            .job_id = std::nullopt,
                                            .reason = "t",
                                            .at = f.clock.wall_now()}));
  auto twice = ledger::record_unfeed(f.db(), {.attempt_id = c.attempt_id,
                                              .job_id = std::nullopt,
                                              .reason = "t",
                                              .at = f.clock.wall_now()});
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == "ledger.nothing_to_unfeed");
  // The shape is checked too: an unfeed is one card from the card path to the hopper.
  CHECK_FALSE(f.db()
                  .exec("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, "
                        "attempt_id, at_ms) VALUES ('unfeed', 'in_stock', 'in_hopper', 1, 1, 0)")
                  .ok());
  f.require_ledger_ok();
}

}  // namespace
}  // namespace ektp::spool::test
