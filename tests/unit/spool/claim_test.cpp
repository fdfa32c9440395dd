// Claim-next order: nearest pickup date, then higher priority, then oldest; held,
// blocked, cancelled and other non-queued jobs skipped; the index is used.
#include <doctest/doctest.h>

#include "spool/store.hpp"
#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;
using ektp::spool::test::job_id;
using ektp::spool::test::new_job;

namespace {

std::string claim_id(Fixture& f) {
  auto c = f.jobs.claim_next();
  REQUIRE_OK(c);
  REQUIRE(c->has_value());
  return (*c)->job.id;
}

}  // namespace

TEST_CASE("claim-next takes the nearest pickup date, then priority, then age") {
  Fixture f;
  // Accepted in this order; received times one second apart.
  REQUIRE_OK(f.jobs.accept(new_job(1, "2024-05-02", 0)));
  f.clock.advance(std::chrono::seconds(1));
  REQUIRE_OK(f.jobs.accept(new_job(2, "2024-05-01", 0)));
  f.clock.advance(std::chrono::seconds(1));
  REQUIRE_OK(f.jobs.accept(new_job(3, "2024-05-01", 5)));
  f.clock.advance(std::chrono::seconds(1));
  REQUIRE_OK(f.jobs.accept(new_job(4, "2024-05-01", 5)));
  f.clock.advance(std::chrono::seconds(1));
  REQUIRE_OK(f.jobs.accept(new_job(5, "2023-12-31", -1)));  // overdue: first
  CHECK(claim_id(f) == job_id(5));
  CHECK(claim_id(f) == job_id(3));  // same date, higher priority, older than 4
  CHECK(claim_id(f) == job_id(4));
  CHECK(claim_id(f) == job_id(2));
  CHECK(claim_id(f) == job_id(1));
  auto none = f.jobs.claim_next();
  REQUIRE_OK(none);
  CHECK_FALSE(none->has_value());
}

TEST_CASE("claim-next skips held, blocked and cancelled jobs") {
  Fixture f;
  auto blocked = f.reach(AttemptState::in_doubt);
  REQUIRE(f.job_state(blocked.job) == JobState::blocked);
  CHECK_FALSE(f.jobs.release(blocked.job, "op").ok());  // only an operator's decision unblocks
  const int base = f.next_job;
  REQUIRE_OK(f.jobs.accept(new_job(base, "2024-01-01")));
  REQUIRE_OK(f.jobs.hold(job_id(base), "op-a", "citizen asked"));
  REQUIRE_OK(f.jobs.accept(new_job(base + 1, "2024-01-02")));
  REQUIRE_OK(f.jobs.cancel_by_central(job_id(base + 1), "withdrawn"));
  REQUIRE_OK(f.jobs.accept(new_job(base + 2, "2024-12-31")));
  CHECK(claim_id(f) == job_id(base + 2));
  auto none = f.jobs.claim_next();
  REQUIRE_OK(none);
  CHECK_FALSE(none->has_value());
  REQUIRE_OK(f.jobs.release(job_id(base), "op-a"));
  CHECK(claim_id(f) == job_id(base));
}

TEST_CASE("claim-next is refused on a restored store until the stocktake") {
  Fixture f;
  REQUIRE_OK(f.jobs.accept(new_job(1)));
  REQUIRE_OK(mark_restored(f.db));
  auto c = f.jobs.claim_next();
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == "spool.restored_store");
  CHECK(f.job_state(job_id(1)) == JobState::queued);
  REQUIRE_OK(clear_restored(f.db));
  CHECK(claim_id(f) == job_id(1));
}

TEST_CASE("claim-next reads the queue through its index, without a sort") {
  Fixture f;
  auto q = f.db.prepare("EXPLAIN QUERY PLAN SELECT * " + std::string(Jobs::claim_query()));
  REQUIRE_OK(q);
  std::string plan;
  for (;;) {
    auto row = q->step();
    REQUIRE_OK(row);
    if (!*row) break;
    plan += q->column_text(3) + "\n";
  }
  CAPTURE(plan);
  CHECK(plan.find("jobs_claim_order") != std::string::npos);
  CHECK(plan.find("TEMP B-TREE") == std::string::npos);
}
