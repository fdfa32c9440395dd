// An unused print permit withdrawn (its print job ended before the face was sent) and
// issued afresh; a used one never; an attempt put in doubt while the station runs.
#include <doctest/doctest.h>

#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::spool::test {
namespace {

using A = AttemptState;

/// A claimed job's attempt driven to chip_locked.
std::int64_t locked(FlowFixture& f) {
  f.add_job();
  const auto attempt = f.claim().attempt_id;
  REQUIRE_OK(f.s().start_feeding(attempt));
  REQUIRE_OK(f.s().advance(attempt, A::in_encoder));
  REQUIRE_OK(f.s().advance(attempt, A::chip_writing));
  REQUIRE_OK(f.s().record_chip(attempt, FlowFixture::serial_of(attempt), "04A1B2"));
  REQUIRE_OK(f.s().advance(attempt, A::chip_locked));
  return attempt;
}

TEST_CASE("an unused permit is withdrawn: its token is refused, a fresh one prints") {
  FlowFixture f;
  f.stock(5, 5);
  const auto attempt = locked(f);
  auto first = f.s().issue_permit(attempt);
  REQUIRE_OK(first);
  REQUIRE_OK(f.s().withdraw_permit(attempt));
  CHECK(f.attempt_state(attempt) == A::chip_locked);
  auto record = f.s().attempts().get(attempt);
  REQUIRE_OK(record);
  CHECK_FALSE(record->permit_issued);
  CHECK(record->permits_withdrawn == 1);

  auto second = f.s().issue_permit(attempt);
  REQUIRE_OK(second);
  auto stale = f.s().use_permit(attempt, *first, 7);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == "spool.permit_refused");
  REQUIRE_OK(f.s().use_permit(attempt, *second, 8));
  REQUIRE_OK(f.s().advance(attempt, A::card_out));
  REQUIRE_OK(f.s().finish(attempt));
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'permit.withdraw'") == 1);
  f.require_ledger_ok();
}

TEST_CASE("a used permit is never withdrawn, by the API or by SQL") {
  FlowFixture f;
  f.stock(5, 5);
  const auto attempt = locked(f);
  auto token = f.s().issue_permit(attempt);
  REQUIRE_OK(token);
  REQUIRE_OK(f.s().use_permit(attempt, *token, 9));
  auto refused = f.s().withdraw_permit(attempt);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "spool.permit_used");
  CHECK(f.attempt_state(attempt) == A::permit_used);
  // The database refuses it whatever the C++ does.
  auto sql =
      f.db().exec("UPDATE attempts SET state = 'chip_locked', permit_hash = NULL WHERE id = " +
                  std::to_string(attempt));
  CHECK_FALSE(sql.ok());
  CHECK(f.attempt_state(attempt) == A::permit_used);
}

TEST_CASE("withdraw is refused from any state but permit_issued") {
  FlowFixture f;
  f.stock(5, 5);
  const auto attempt = locked(f);
  auto refused = f.s().withdraw_permit(attempt);
  REQUIRE_FALSE(refused.ok());
  CHECK(f.attempt_state(attempt) == A::chip_locked);
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'permit.withdraw'") == 0);
}

TEST_CASE(
    "an attempt put in doubt while running: the job is blocked until an operator "
    "settles it, and never claimed again by itself") {
  FlowFixture f;
  f.stock(5, 5);
  const auto attempt = locked(f);
  auto token = f.s().issue_permit(attempt);
  REQUIRE_OK(token);
  REQUIRE_OK(f.s().use_permit(attempt, *token, 11));
  REQUIRE_OK(f.s().hold_in_doubt(attempt, "job_ended_without_card"));
  CHECK(f.attempt_state(attempt) == A::in_doubt);
  auto record = f.s().attempts().get(attempt);
  REQUIRE_OK(record);
  CHECK(f.job_state(record->job_id) == JobState::blocked);
  CHECK(record->reason == "job_ended_without_card");
  auto next = f.s().claim_next();
  REQUIRE_OK(next);
  CHECK_FALSE(next->has_value());
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'attempt.doubt'") == 1);
  auto settled = f.s().resolve_in_doubt(attempt, DoubtDecision::card_good, "op-a", "checked");
  REQUIRE_OK(settled);
  CHECK(*settled == JobState::done);
  f.require_ledger_ok();
  // Before the permit nothing is in doubt: refused.
  const auto early = locked(f);
  CHECK_FALSE(f.s().hold_in_doubt(early, "x").ok());
  CHECK(f.attempt_state(early) == A::chip_locked);
}

}  // namespace
}  // namespace ektp::spool::test
