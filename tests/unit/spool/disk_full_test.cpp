// Disk full, simulated with PRAGMA max_page_count: the failing operation says so
// plainly, nothing is half-written, and the store works again once space is back.
// (A size-limited tmpfs and a read-only bind mount need root: integration tier, later.)
#include <doctest/doctest.h>

#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;
using ektp::spool::test::job_id;
using ektp::spool::test::new_job;

namespace {

std::int64_t one_int(Database& db, const char* sql) {
  auto q = db.prepare(sql);
  REQUIRE_OK(q);
  auto row = q->step();
  REQUIRE_OK(row);
  REQUIRE(*row);
  return q->column_int(0);
}

}  // namespace

TEST_CASE("a full disk fails the operation cleanly and the store stays usable") {
  Fixture f;
  const std::int64_t pages = one_int(f.db, "PRAGMA page_count");
  REQUIRE_OK(f.db.exec("PRAGMA max_page_count = " + std::to_string(pages + 8)));

  int accepted = 0;
  ektp::Error full;
  for (int n = 1; n < 1000; ++n) {
    auto job = new_job(n);
    job.bundle_ref = std::string(1500, 'r') + std::to_string(n);  // fill pages quickly
    auto r = f.jobs.accept(job);
    if (!r.ok()) {
      full = r.error();
      break;
    }
    ++accepted;
  }
  REQUIRE(accepted > 0);
  CHECK(full.code == "spool.disk_full");
  CHECK(full.message.find("disk is full") != std::string::npos);
  CHECK(full.message.find("Free space") != std::string::npos);

  // Nothing half-written: exactly the accepted jobs, the store intact.
  CHECK(one_int(f.db, "SELECT count(*) FROM jobs") == accepted);
  CHECK_FALSE(f.db.in_transaction());
  auto check = f.db.prepare("PRAGMA quick_check");
  REQUIRE_OK(check);
  REQUIRE(*check->step());
  CHECK(check->column_text(0) == "ok");
  CHECK(f.jobs.get(job_id(accepted + 1)).error().code == "spool.unknown_job");

  // Reads still work while full; after space is freed, writes work again.
  REQUIRE_OK(f.jobs.get(job_id(1)));
  REQUIRE_OK(f.db.exec("PRAGMA max_page_count = 1000000"));
  REQUIRE_OK(f.jobs.accept(new_job(accepted + 1)));
  auto claim = f.jobs.claim_next();
  REQUIRE_OK(claim);
  CHECK(claim->has_value());

  // And after a reopen.
  f.reopen();
  CHECK(one_int(f.db, "SELECT count(*) FROM jobs") == accepted + 1);
}

TEST_CASE("transitions that hit a full disk never leave a job without its attempt") {
  Fixture f;
  const std::int64_t pages = one_int(f.db, "PRAGMA page_count");
  REQUIRE_OK(f.db.exec("PRAGMA max_page_count = " + std::to_string(pages + 6)));
  for (int n = 1; n < 1000; ++n)
    if (!f.jobs.accept(new_job(n)).ok()) break;
  // Claim, feed and spoil until the disk refuses; after every refusal, each job the
  // pipeline holds has exactly one live attempt, and the refused step changed nothing.
  int refusals = 0;
  for (int i = 0; i < 200 && refusals < 5; ++i) {
    auto claim = f.jobs.claim_next();
    if (!claim.ok()) {
      CHECK(claim.error().code == "spool.disk_full");
      ++refusals;
    } else if (claim->has_value()) {
      const auto id = (*claim)->attempt_id;
      if (!f.attempts.advance(id, AttemptState::feeding).ok()) {
        ++refusals;
        CHECK(f.attempt_state(id) == AttemptState::claimed);
        CHECK(f.job_state((*claim)->job.id) == JobState::claimed);
      } else if (!f.attempts.spoil(id, "jam").ok()) {
        ++refusals;
        CHECK(f.attempt_state(id) == AttemptState::feeding);
        CHECK(f.job_state((*claim)->job.id) == JobState::printing);
      }
    }
    CHECK(one_int(f.db, "SELECT count(*) FROM jobs WHERE state IN ('claimed', 'printing')") ==
          one_int(f.db, "SELECT count(*) FROM attempts WHERE state IN ('claimed', 'feeding')"));
    CHECK(one_int(f.db,
                  "SELECT count(*) FROM jobs j WHERE state IN ('claimed', 'printing') "
                  "AND (SELECT count(*) FROM attempts a WHERE a.job_id = j.id AND a.state "
                  "IN ('claimed', 'feeding')) <> 1") == 0);
  }
  CHECK(refusals > 0);
  REQUIRE_OK(f.db.exec("PRAGMA max_page_count = 1000000"));
  f.reopen();
  auto check = f.db.prepare("PRAGMA quick_check");
  REQUIRE_OK(check);
  REQUIRE(*check->step());
  CHECK(check->column_text(0) == "ok");
}
