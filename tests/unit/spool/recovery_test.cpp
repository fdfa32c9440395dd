// Recovery after a "crash" (close without finishing, reopen): interrupted attempts
// are flagged; in-doubt jobs stay blocked until an operator decides.
#include <doctest/doctest.h>

#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;
using A = AttemptState;

TEST_CASE("after a crash every attempt left between feeding and card out is flagged") {
  Fixture f;
  auto claimed = f.reach(A::claimed);
  auto feeding = f.reach(A::feeding);
  auto writing = f.reach(A::chip_writing);
  auto locked = f.reach(A::chip_locked);
  auto issued = f.reach(A::permit_issued);
  auto used = f.reach(A::permit_used);
  REQUIRE_OK(f.attempts.record_chip(used.attempt, "SN-77", "04FF"));
  auto out = f.reach(A::card_out);
  auto done = f.reach(A::done);
  auto spoiled = f.reach(A::spoiled);

  auto report = f.reopen();  // the "crash": nothing was finished before the close
  CHECK(report.abandoned == 1);
  CHECK(report.to_recover == 3);
  CHECK(report.in_doubt == 3);

  CHECK(f.attempt_state(claimed.attempt) == A::abandoned);
  CHECK(f.job_state(claimed.job) == JobState::queued);
  for (const auto* r : {&feeding, &writing, &locked}) {
    CHECK(f.attempt_state(r->attempt) == A::to_recover);
    CHECK(f.job_state(r->job) == JobState::printing);
  }
  for (const auto* r : {&issued, &used, &out}) {
    CHECK(f.attempt_state(r->attempt) == A::in_doubt);
    CHECK(f.job_state(r->job) == JobState::blocked);
  }
  CHECK(f.attempt_state(done.attempt) == A::done);
  CHECK(f.attempt_state(spoiled.attempt) == A::spoiled);

  auto list = list_interrupted(f.db);
  REQUIRE_OK(list);
  REQUIRE(list->size() == 6);
  for (const auto& item : *list) {
    if (item.attempt.id == used.attempt) {
      CHECK(item.interrupted_in == A::permit_used);
      CHECK(item.attempt.permit_issued);
      CHECK(item.attempt.permit_used);
      CHECK(item.attempt.chip_serial == "SN-77");
      CHECK(item.job_state == JobState::blocked);
    }
    if (item.attempt.id == issued.attempt) {
      CHECK(item.interrupted_in == A::permit_issued);
      CHECK(item.attempt.permit_issued);
      CHECK_FALSE(item.attempt.permit_used);
    }
    if (item.attempt.id == writing.attempt) {
      CHECK(item.interrupted_in == A::chip_writing);
      CHECK_FALSE(item.attempt.permit_issued);
    }
  }

  // A second open finds nothing new and the spool never re-queues an in-doubt job.
  auto again = f.reopen();
  CHECK(again.abandoned + again.to_recover + again.in_doubt == 0);
  CHECK(f.job_state(issued.job) == JobState::blocked);
  auto next = f.jobs.claim_next();
  REQUIRE_OK(next);
  REQUIRE(next->has_value());
  CHECK((*next)->job.id == claimed.job);  // the only queued job
}

TEST_CASE("an operator settles an attempt in doubt; the decision is recorded") {
  Fixture f;
  auto good = f.reach(A::permit_used);
  auto bad = f.reach(A::card_out);
  f.reopen();
  CHECK(resolve_in_doubt(f.db, f.clock, f.config, good.attempt, DoubtDecision::card_good, "", "x")
            .error()
            .code == "spool.no_operator");
  auto g = resolve_in_doubt(f.db, f.clock, f.config, good.attempt, DoubtDecision::card_good, "op-a",
                            "card scanned, chip and face match");
  REQUIRE_OK(g);
  CHECK(*g == JobState::done);
  CHECK(f.attempt_state(good.attempt) == A::done);
  auto b = resolve_in_doubt(f.db, f.clock, f.config, bad.attempt, DoubtDecision::card_spoiled,
                            "op-b", "face missing");
  REQUIRE_OK(b);
  CHECK(*b == JobState::queued);
  CHECK(f.attempt_state(bad.attempt) == A::spoiled);
  // Deciding twice is refused.
  CHECK(resolve_in_doubt(f.db, f.clock, f.config, bad.attempt, DoubtDecision::card_good, "op-b", "")
            .error()
            .code == "spool.not_in_doubt");
  auto q = f.db.prepare(
      "SELECT found_state, decision, operator_id, note, decided_at_ms FROM recovery_decisions "
      "ORDER BY id");
  REQUIRE_OK(q);
  REQUIRE(*q->step());
  CHECK(q->column_text(0) == "in_doubt");
  CHECK(q->column_text(1) == "card_good");
  CHECK(q->column_text(2) == "op-a");
  CHECK(q->column_text(3) == "card scanned, chip and face match");
  CHECK(q->column_int(4) > 0);
  REQUIRE(*q->step());
  CHECK(q->column_text(1) == "card_spoiled");
  CHECK(q->column_text(2) == "op-b");
  CHECK_FALSE(*q->step());
}

TEST_CASE("the pipeline settles an attempt to recover: resume or spoil") {
  Fixture f;
  auto locked = f.reach(A::chip_locked);
  auto writing = f.reach(A::chip_writing);
  auto feeding = f.reach(A::feeding);
  f.reopen();
  REQUIRE_OK(resume(f.db, f.clock, locked.attempt, A::chip_locked, "chip verified on re-read"));
  REQUIRE_OK(f.attempts.issue_permit(locked.attempt));
  REQUIRE_OK(resume(f.db, f.clock, writing.attempt, A::in_encoder, "card still in encoder"));
  REQUIRE_OK(f.attempts.advance(writing.attempt, A::chip_writing));
  auto s = f.attempts.spoil(feeding.attempt, "jam");
  REQUIRE_OK(s);
  CHECK(s->job_state == JobState::queued);
  CHECK_FALSE(resume(f.db, f.clock, feeding.attempt, A::in_encoder, "").ok());
  // An in-doubt attempt cannot be resumed or spoiled by the pipeline.
  auto doubt = f.reach(A::permit_issued);
  f.reopen();
  CHECK_FALSE(resume(f.db, f.clock, doubt.attempt, A::chip_locked, "").ok());
  CHECK(f.attempts.spoil(doubt.attempt, "jam").error().code == "spool.in_doubt");
  CHECK(f.attempt_state(doubt.attempt) == A::in_doubt);
}
