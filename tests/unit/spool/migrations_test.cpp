// Migrations: a store made at every earlier schema version upgrades to the latest,
// keeping its data; the embedded list is numbered without gaps.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>

#include "spool/cursor.hpp"
#include "spool/ledger.hpp"
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

TEST_CASE("schema 6 rebuilds the ledger table: a store at 5 keeps every movement and guard") {
  TempDir dir;
  ektp::ManualClock clock;
  const auto t = clock.wall_now();
  // The names of the ledger's indexes and triggers at schema 5.
  auto guards = [](Database& db) {
    std::set<std::string> names;
    auto q = db.prepare(
        "SELECT type || ' ' || name FROM sqlite_schema WHERE tbl_name = 'ledger_movement' "
        "AND type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_autoindex%'");
    REQUIRE_OK(q);
    while (*q->step()) names.insert(q->column_text(0));
    return names;
  };
  std::set<std::string> before;
  std::int64_t feed_id = 0;
  {
    Database db = open_store(dir, 5);
    REQUIRE(db.schema_version() == 5);
    using ledger::Bucket;
    REQUIRE_OK(ledger::record_receipt(db, {.count = 20,
                                           .delivery_ref = "SJ-5",
                                           .serial_first = "A0001",
                                           .serial_last = "A0020",
                                           .operator_id = "op-a",
                                           .note = "",
                                           .at = t}));
    REQUIRE_OK(ledger::record_load(db, {.count = 8, .operator_id = "op-a", .at = t}));
    auto feed = ledger::record_feed(db, {.job_id = "j1", .attempt_id = 1, .at = t});
    REQUIRE_OK(feed);
    feed_id = *feed;
    REQUIRE_OK(
        ledger::record_issue(db, {.chip_serial = "SN1", .attempt_id = 1, .job_id = "j1", .at = t}));
    REQUIRE_OK(ledger::record_feed(db, {.job_id = "j2", .attempt_id = 2, .at = t}));
    REQUIRE_OK(ledger::record_spoil(db, {.from = Bucket::in_card_path,
                                         .count = 1,
                                         .reason = ledger::SpoilReason::jam,
                                         .serial = std::nullopt,
                                         .job_id = "j2",
                                         .attempt_id = 2,
                                         .operator_id = std::nullopt,
                                         .approver = std::nullopt,
                                         .note = "",
                                         .at = t}));
    REQUIRE_OK(ledger::record_return(
        db, {.count = 2, .reason = "damaged box", .operator_id = "op-a", .note = "", .at = t}));
    REQUIRE_OK(ledger::record_correction(db, {.bucket = Bucket::in_stock,
                                              .delta = -1,
                                              .reason = "stocktake",
                                              .note = "",
                                              .operator_id = "op-a",
                                              .approver = "sup-b",
                                              .at = t}));
    REQUIRE_OK(ledger::record_feed(db, {.job_id = "j3", .attempt_id = 3, .at = t}));
    before = guards(db);
    REQUIRE(before.size() >= 12);
    // An unfeed does not exist yet at schema 5.
    CHECK_FALSE(
        ledger::record_unfeed(db, {.attempt_id = 3, .job_id = "j3", .reason = "x", .at = t}));
  }
  Database db = open_store(dir);  // 0006 and later
  CHECK(db.schema_version() == Database::latest_schema_version());
  // Every row kept, with its id; the balances cache still the sum of the movements.
  auto report = ledger::check(db);
  REQUIRE_OK(report);
  CHECK_MESSAGE(report->ok, report->message);
  auto b = ledger::balances(db);
  REQUIRE_OK(b);
  CHECK((*b)[ledger::Bucket::received] == 19);
  CHECK((*b)[ledger::Bucket::in_stock] == 9);
  CHECK((*b)[ledger::Bucket::in_hopper] == 5);
  CHECK((*b)[ledger::Bucket::in_card_path] == 1);
  CHECK((*b)[ledger::Bucket::issued] == 1);
  CHECK((*b)[ledger::Bucket::spoiled] == 1);
  CHECK((*b)[ledger::Bucket::returned] == 2);
  auto q = db.prepare("SELECT count(*), min(id), max(id) FROM ledger_movement");
  REQUIRE_OK(q);
  REQUIRE(*q->step());
  CHECK(q->column_int(0) == 9);
  CHECK(q->column_int(1) == 1);
  CHECK(q->column_int(2) == 9);
  auto serials =
      db.prepare("SELECT serial_first, serial_last FROM ledger_movement WHERE kind = 'receipt'");
  REQUIRE_OK(serials);
  REQUIRE(*serials->step());
  CHECK(serials->column_text(0) == "A0001");
  CHECK(serials->column_text(1) == "A0020");
  // Every index and trigger is there again, plus the unfeed's own.
  auto after = guards(db);
  for (const auto& name : before) CHECK_MESSAGE(after.count(name) == 1, name);
  CHECK(after.count("index ledger_one_unfeed_per_attempt") == 1);
  CHECK(after.count("trigger ledger_refuse_unfeed_without_feed") == 1);
  // ... and they still work: no change, no delete, no second card, no negative bucket.
  CHECK_FALSE(
      db.exec("UPDATE ledger_movement SET count = 2 WHERE id = " + std::to_string(feed_id)).ok());
  CHECK_FALSE(db.exec("DELETE FROM ledger_movement").ok());
  CHECK(ledger::record_issue(db, {.chip_serial = "SN9", .attempt_id = 1, .job_id = "j1", .at = t})
            .error()
            .code == "ledger.second_card");
  CHECK(ledger::record_load(db, {.count = 100, .operator_id = "op-a", .at = t}).error().code ==
        "ledger.stock_short");
  // The unfeed works now, moves the card back, and balances.
  REQUIRE_OK(ledger::record_unfeed(db, {.attempt_id = 3, .job_id = "j3", .reason = "x", .at = t}));
  b = ledger::balances(db);
  REQUIRE_OK(b);
  CHECK((*b)[ledger::Bucket::in_hopper] == 6);
  CHECK((*b)[ledger::Bucket::in_card_path] == 0);
  report = ledger::check(db);
  REQUIRE_OK(report);
  CHECK(report->ok);
  auto fk = db.prepare("PRAGMA foreign_key_check");
  REQUIRE_OK(fk);
  CHECK_FALSE(*fk->step());
  auto integrity = db.prepare("PRAGMA integrity_check");
  REQUIRE_OK(integrity);
  REQUIRE(*integrity->step());
  CHECK(integrity->column_text(0) == "ok");
}
