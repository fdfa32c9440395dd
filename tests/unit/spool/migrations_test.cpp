// Migrations: a store made at every earlier schema version upgrades to the latest,
// keeping its data; the embedded list is numbered without gaps.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "spool/cursor.hpp"
#include "spool/migrations.hpp"
#include "spool/outbox.hpp"
#include "spool/store.hpp"
#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::job_id;
using ektp::spool::test::new_job;
using ektp::spool::test::open_store;
using ektp::spool::test::TempDir;

TEST_CASE("the embedded migrations are numbered 1, 2, 3... without gaps") {
  const auto& all = detail::embedded_migrations();
  REQUIRE_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].version == static_cast<int>(i + 1));
    CHECK_FALSE(all[i].sql.empty());
  }
  CHECK(Database::latest_schema_version() == all.back().version);
}

TEST_CASE("a store at every earlier version upgrades to the latest and keeps its data") {
  const int latest = Database::latest_schema_version();
  for (int k = 1; k <= latest; ++k) {
    CAPTURE(k);
    TempDir dir;
    ektp::ManualClock clock;
    std::string store_id;
    {
      Database db = open_store(dir, k);
      REQUIRE(db.schema_version() == k);
      store_id = load_identity(db)->store_id;
      Jobs jobs(db, clock);
      REQUIRE_OK(jobs.accept(new_job(1)));
      REQUIRE_OK(jobs.accept(new_job(2, "2024-01-15", 3)));
      auto claim = jobs.claim_next();
      REQUIRE_OK(claim);
      REQUIRE(claim->has_value());
      Attempts attempts(db, clock);
      REQUIRE_OK(attempts.advance((*claim)->attempt_id, AttemptState::feeding));
      REQUIRE_OK(attempts.spoil((*claim)->attempt_id, "jam"));
      REQUIRE_OK(store_cursor(db, "cursor-at-" + std::to_string(k), clock));
    }
    Database db = open_store(dir);  // all migrations
    CHECK(db.schema_version() == latest);
    CHECK(load_identity(db)->store_id == store_id);
    Jobs jobs(db, clock);
    auto one = jobs.get(job_id(1));
    REQUIRE_OK(one);
    CHECK(one->state == JobState::queued);
    auto two = jobs.get(job_id(2));
    REQUIRE_OK(two);
    CHECK(two->state == JobState::queued);
    CHECK(two->spoiled_count == 1);
    CHECK(two->priority == 3);
    CHECK(**load_cursor(db) == "cursor-at-" + std::to_string(k));
    auto q = db.prepare("PRAGMA foreign_key_check");
    REQUIRE_OK(q);
    CHECK_FALSE(*q->step());
    // Schema 4's counters start from the rows the store already had.
    auto counts = jobs.count_by_state();
    REQUIRE_OK(counts);
    CHECK(counts->at(static_cast<std::size_t>(JobState::queued)).second == 2);
    auto backlog = outbox::backlog(db, clock.wall_now());
    REQUIRE_OK(backlog);
    auto direct = db.prepare("SELECT count(*) FROM outbox_event WHERE acked_ms IS NULL");
    REQUIRE_OK(direct);
    REQUIRE(*direct->step());
    CHECK(backlog->count == direct->column_int(0));
  }
}

TEST_CASE("opening with a lower max_version never downgrades a newer store") {
  TempDir dir;
  { open_store(dir); }
  Database db = open_store(dir, 1);
  CHECK(db.schema_version() == Database::latest_schema_version());
}

TEST_CASE("a migration that fails leaves the store at its previous version, nothing half-done") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  {
    // Our application id, schema 0, and a table in the way of migration 1's last part.
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string sql = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                            "; CREATE TABLE recovery_decisions (x INTEGER);";
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  OpenOptions options;
  options.path = path;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().message.find("0001_jobs") != std::string::npos);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw,
                             "SELECT (SELECT count(*) FROM sqlite_schema WHERE name IN "
                             "('store_meta', 'jobs', 'attempts')), (SELECT user_version FROM "
                             "pragma_user_version)",
                             -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  CHECK(sqlite3_column_int(q, 0) == 0);  // the tables made before the failure are gone
  CHECK(sqlite3_column_int(q, 1) == 0);
  sqlite3_finalize(q);
  sqlite3_close(raw);
}
