// Every ledger movement and every refusal, through the API and at the SQL level.
#include <doctest/doctest.h>

#include "spool/ledger.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool_ledger/store_fixture.hpp"

namespace ektp::spool::ledger {
namespace {

using namespace std::chrono_literals;
using test::at;

Balances expect(std::int64_t received, std::int64_t stock, std::int64_t hopper, std::int64_t path,
                std::int64_t issued, std::int64_t spoiled, std::int64_t returned) {
  Balances b;
  b.count = {received, stock, hopper, path, issued, spoiled, returned};
  return b;
}

std::string code_of(const Result<std::int64_t>& r) { return r.ok() ? "ok" : r.error().code; }

Balances now(Database& db) {
  auto b = balances(db);
  REQUIRE_OK(b);
  auto report = check(db);
  REQUIRE_OK(report);
  CHECK_MESSAGE(report->ok, report->message);
  return *b;
}

void receive(Database& db, std::int64_t n) {
  REQUIRE_OK(record_receipt(db, {.count = n,
                                 .delivery_ref = "SJ-2026/0042",
                                 .serial_first = {},
                                 .serial_last = {},
                                 .operator_id = "ani",
                                 .note = "",
                                 .at = at(0ms)}));
}

TEST_CASE("a new store has every bucket at zero and balances") {
  test::TempStore store;
  CHECK(now(store.db()) == Balances{});
}

TEST_CASE("a blank's life: receipt, load, feed, issue, spoil, return, each moving its count") {
  test::TempStore store;
  auto& db = store.db();
  REQUIRE_OK(record_receipt(db, {.count = 100,
                                 .delivery_ref = "SJ-2026/0042",
                                 .serial_first = "B000100",
                                 .serial_last = "B000199",
                                 .operator_id = "ani",
                                 .note = "box 1 of 1",
                                 .at = at(1h)}));
  CHECK(now(db) == expect(100, 100, 0, 0, 0, 0, 0));
  REQUIRE_OK(record_load(db, {.count = 30, .operator_id = "ani", .at = at(2h)}));
  CHECK(now(db) == expect(100, 70, 30, 0, 0, 0, 0));
  REQUIRE_OK(record_feed(db, {.job_id = "job-1", .attempt_id = 7, .at = at(3h)}));
  CHECK(now(db) == expect(100, 70, 29, 1, 0, 0, 0));
  auto issued = record_issue(
      db, {.chip_serial = "04A1B2C3", .attempt_id = 7, .job_id = "job-1", .at = at(3h + 1min)});
  REQUIRE_OK(issued);
  CHECK(*issued > 0);
  CHECK(now(db) == expect(100, 70, 29, 0, 1, 0, 0));
  REQUIRE_OK(record_feed(db, {.job_id = "job-2", .attempt_id = 8, .at = at(4h)}));
  REQUIRE_OK(record_spoil(db, {.from = Bucket::in_card_path,
                               .count = 1,
                               .reason = SpoilReason::verify_failed,
                               .serial = "04FFEE01",
                               .job_id = "job-2",
                               .attempt_id = 8,
                               .operator_id = {},
                               .approver = {},
                               .note = "",
                               .at = at(4h + 1min)}));
  CHECK(now(db) == expect(100, 70, 28, 0, 1, 1, 0));
  REQUIRE_OK(record_spoil(db, {.from = Bucket::in_hopper,
                               .count = 3,
                               .reason = SpoilReason::damaged,
                               .serial = {},
                               .job_id = {},
                               .attempt_id = {},
                               .operator_id = "ani",
                               .approver = {},
                               .note = "bent in the box",
                               .at = at(5h)}));
  CHECK(now(db) == expect(100, 70, 25, 0, 1, 4, 0));
  REQUIRE_OK(record_return(
      db, {.count = 10, .reason = "wrong batch", .operator_id = "ani", .note = "", .at = at(6h)}));
  CHECK(now(db) == expect(100, 60, 25, 0, 1, 4, 10));
}

TEST_CASE("a stocktake correction finds or writes off blanks, with two different people") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 50);
  REQUIRE_OK(record_correction(db, {.bucket = Bucket::in_stock,
                                    .delta = -4,
                                    .reason = "stocktake",
                                    .note = "4 missing at count",
                                    .operator_id = "ani",
                                    .approver = "budi",
                                    .at = at(1h)}));
  CHECK(now(db) == expect(46, 46, 0, 0, 0, 0, 0));
  REQUIRE_OK(record_correction(db, {.bucket = Bucket::in_hopper,
                                    .delta = 2,
                                    .reason = "stocktake",
                                    .note = "2 found in the hopper",
                                    .operator_id = "ani",
                                    .approver = "budi",
                                    .at = at(2h)}));
  CHECK(now(db) == expect(48, 46, 2, 0, 0, 0, 0));
}

TEST_CASE("a stocktake turns each counted difference into a correction, all or none") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 100);
  REQUIRE_OK(record_load(db, {.count = 40, .operator_id = "ani", .at = at(1h)}));
  REQUIRE_OK(record_feed(db, {.job_id = {}, .attempt_id = 1, .at = at(1h)}));
  // Ledger: stock 60, hopper 39, card path 1. Counted: 57, 41, 1.
  Stocktake count{.in_stock = 57,
                  .in_hopper = 41,
                  .in_card_path = 1,
                  .note = "monthly",
                  .operator_id = "ani",
                  .approver = "ani",
                  .at = at(2h)};
  auto alone = record_stocktake(db, count);
  REQUIRE_FALSE(alone.ok());
  CHECK(alone.error().message.find("two different people") != std::string::npos);
  count.approver = "budi";
  auto ids = record_stocktake(db, count);
  REQUIRE_OK(ids);
  CHECK(ids->size() == 2);
  CHECK(now(db) == expect(99, 57, 41, 1, 0, 0, 0));
  auto same = record_stocktake(db, count);  // counts agree now: nothing to correct
  REQUIRE_OK(same);
  CHECK(same->empty());
  count.in_stock = -1;
  CHECK_FALSE(record_stocktake(db, count).ok());
  CHECK(now(db) == expect(99, 57, 41, 1, 0, 0, 0));
}

TEST_CASE("an attempt gets one good card, never two") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 5);
  REQUIRE_OK(record_load(db, {.count = 5, .operator_id = "ani", .at = at(1h)}));
  REQUIRE_OK(record_feed(db, {.job_id = "job-1", .attempt_id = 1, .at = at(2h)}));
  REQUIRE_OK(
      record_issue(db, {.chip_serial = "04AA", .attempt_id = 1, .job_id = "job-1", .at = at(2h)}));
  REQUIRE_OK(record_feed(db, {.job_id = "job-1", .attempt_id = 1, .at = at(3h)}));
  auto second =
      record_issue(db, {.chip_serial = "04BB", .attempt_id = 1, .job_id = "job-1", .at = at(3h)});
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == "ledger.second_card");
  CHECK(second.error().message.find("already has its good card") != std::string::npos);
  CHECK(now(db) == expect(5, 0, 3, 1, 1, 0, 0));
}

TEST_CASE("voiding an issued card spoils it, with two different people") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 5);
  REQUIRE_OK(record_load(db, {.count = 5, .operator_id = "ani", .at = at(1h)}));
  REQUIRE_OK(record_feed(db, {.job_id = "job-1", .attempt_id = 1, .at = at(2h)}));
  REQUIRE_OK(
      record_issue(db, {.chip_serial = "04AA", .attempt_id = 1, .job_id = "job-1", .at = at(2h)}));
  Spoil v{.from = Bucket::issued,
          .count = 1,
          .reason = SpoilReason::voided,
          .serial = "04AA",
          .job_id = "job-1",
          .attempt_id = 1,
          .operator_id = "ani",
          .approver = "ani",
          .note = "face misprinted",
          .at = at(3h)};
  auto same = record_spoil(db, v);
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().code == "ledger.needs_two_people");
  CHECK(same.error().message.find("two different people") != std::string::npos);
  v.approver = "budi";
  REQUIRE_OK(record_spoil(db, v));
  CHECK(now(db) == expect(5, 0, 4, 0, 0, 1, 0));
  v.reason = SpoilReason::jam;  // only a void takes a card back from issued
  CHECK_FALSE(record_spoil(db, v).ok());
}

TEST_CASE("refusals: nothing negative, feed and issue need a card, with messages for people") {
  test::TempStore store;
  auto& db = store.db();

  auto feed = record_feed(db, {.job_id = {}, .attempt_id = {}, .at = at(0ms)});
  REQUIRE_FALSE(feed.ok());
  CHECK(feed.error().code == "ledger.hopper_empty");
  CHECK(feed.error().message.find("hopper has no cards") != std::string::npos);
  CHECK(feed.error().message.find("Load cards") != std::string::npos);
  CHECK(feed.error().message.find("(Now in the hopper: 0.)") != std::string::npos);

  auto issue =
      record_issue(db, {.chip_serial = "04AA", .attempt_id = 1, .job_id = {}, .at = at(0ms)});
  REQUIRE_FALSE(issue.ok());
  CHECK(issue.error().code == "ledger.card_path_empty");
  CHECK(issue.error().message.find("No card is in the card path") != std::string::npos);

  receive(db, 10);
  auto load = record_load(db, {.count = 11, .operator_id = "ani", .at = at(1h)});
  REQUIRE_FALSE(load.ok());
  CHECK(load.error().code == "ledger.stock_short");
  CHECK(load.error().message.find("Not enough blank cards in stock") != std::string::npos);
  CHECK(load.error().message.find("(Now in the stock: 10.)") != std::string::npos);

  CHECK(code_of(record_return(
            db, {.count = 11, .reason = "", .operator_id = "ani", .note = "", .at = at(1h)})) ==
        "ledger.stock_short");
  Spoil spoil{.from = Bucket::in_hopper,
              .count = 1,
              .reason = SpoilReason::damaged,
              .serial = {},
              .job_id = {},
              .attempt_id = {},
              .operator_id = "ani",
              .approver = {},
              .note = "",
              .at = at(1h)};
  CHECK(code_of(record_spoil(db, spoil)) == "ledger.hopper_short");
  spoil.from = Bucket::in_card_path;
  CHECK(code_of(record_spoil(db, spoil)) == "ledger.card_path_empty");
  spoil.from = Bucket::issued;
  spoil.reason = SpoilReason::voided;
  spoil.approver = "budi";
  CHECK(code_of(record_spoil(db, spoil)) == "ledger.nothing_to_void");
  spoil.from = Bucket::in_stock;  // stock is not where cards spoil
  CHECK(code_of(record_spoil(db, spoil)) == "ledger.incomplete");
  CHECK(code_of(record_correction(db, {.bucket = Bucket::in_stock,
                                       .delta = -11,
                                       .reason = "stocktake",
                                       .note = "",
                                       .operator_id = "ani",
                                       .approver = "budi",
                                       .at = at(1h)})) == "ledger.correction_too_large");
  CHECK(code_of(record_load(db, {.count = 0, .operator_id = "ani", .at = at(1h)})) ==
        "ledger.incomplete");
  CHECK(code_of(record_load(db, {.count = -5, .operator_id = "ani", .at = at(1h)})) ==
        "ledger.incomplete");
  CHECK(now(db) == expect(10, 10, 0, 0, 0, 0, 0));  // nothing moved
}

TEST_CASE("refusals: a correction needs a reason and two different people") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 10);
  Correction c{.bucket = Bucket::in_stock,
               .delta = -1,
               .reason = "stocktake",
               .note = "",
               .operator_id = "ani",
               .approver = "",
               .at = at(1h)};
  auto one = record_correction(db, c);
  REQUIRE_FALSE(one.ok());
  CHECK(one.error().message.find("two different people") != std::string::npos);
  c.approver = "ani";
  CHECK_FALSE(record_correction(db, c).ok());
  c.approver = "budi";
  c.reason = "";
  auto no_reason = record_correction(db, c);
  REQUIRE_FALSE(no_reason.ok());
  CHECK(no_reason.error().code == "ledger.needs_reason");
  CHECK(no_reason.error().message.find("reason") != std::string::npos);
  c.reason = "stocktake";
  c.delta = 0;
  CHECK_FALSE(record_correction(db, c).ok());
  c.delta = -1;
  c.bucket = Bucket::received;
  CHECK_FALSE(record_correction(db, c).ok());
  CHECK(now(db) == expect(10, 10, 0, 0, 0, 0, 0));
}

TEST_CASE("the database itself refuses, whoever writes the SQL") {
  test::TempStore store;
  auto& db = store.db();
  auto raw = [&](std::string_view sql) { return db.exec(sql); };

  auto feed =
      raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, at_ms) "
          "VALUES ('feed', 'in_hopper', 'in_card_path', 1, 0)");
  REQUIRE_FALSE(feed.ok());
  CHECK(feed.error().message.find("The hopper has no cards; cannot feed.") != std::string::npos);

  REQUIRE_OK(
      raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, "
          "delivery_ref, operator, at_ms) VALUES ('receipt', 'received', 'in_stock', 5, "
          "'SJ-1', 'ani', 0)"));
  // A load bigger than the stock, an unknown reason, one person correcting alone,
  // an issue with no chip serial, a movement the kinds do not allow.
  CHECK_FALSE(raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, operator, "
                  "at_ms) VALUES ('load', 'in_stock', 'in_hopper', 6, 'ani', 0)")
                  .ok());
  auto reason =
      raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, reason, "
          "at_ms) VALUES ('spoil', 'in_stock', 'spoiled', 1, 'lost_in_mail', 0)");
  REQUIRE_FALSE(reason.ok());
  CHECK(reason.error().message.find("Unknown reason for a spoiled card") != std::string::npos);
  CHECK_FALSE(raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, reason, "
                  "operator, approver, at_ms) VALUES ('correction', 'in_stock', 'received', 1, "
                  "'x', 'ani', 'ani', 0)")
                  .ok());
  CHECK_FALSE(raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, at_ms) "
                  "VALUES ('issue', 'in_card_path', 'issued', 1, 0)")
                  .ok());
  CHECK_FALSE(raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, operator, "
                  "at_ms) VALUES ('load', 'in_stock', 'issued', 1, 'ani', 0)")
                  .ok());
  CHECK_FALSE(raw("INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, at_ms) "
                  "VALUES ('teleport', 'in_stock', 'issued', 1, 0)")
                  .ok());
  // Movements are never changed or deleted; buckets never deleted or negative.
  CHECK_FALSE(raw("UPDATE ledger_movement SET count = 500").ok());
  CHECK_FALSE(raw("DELETE FROM ledger_movement").ok());
  CHECK_FALSE(raw("DELETE FROM ledger_balance WHERE bucket = 'issued'").ok());
  CHECK_FALSE(raw("UPDATE ledger_balance SET balance = -1 WHERE bucket = 'issued'").ok());
  CHECK(now(db) == expect(5, 5, 0, 0, 0, 0, 0));
}

TEST_CASE("check() finds a balances cache that no longer matches the movements") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 20);
  // Someone edits the cache by hand (the database cannot tell this from its own trigger).
  REQUIRE_OK(db.exec("UPDATE ledger_balance SET balance = 25 WHERE bucket = 'in_stock'"));
  auto report = check(db);
  REQUIRE_OK(report);
  CHECK_FALSE(report->ok);
  CHECK(report->recomputed == expect(20, 20, 0, 0, 0, 0, 0));
  CHECK(report->cached[Bucket::in_stock] == 25);
  CHECK(report->message.find("in_stock: shown 25, movements say 20") != std::string::npos);
}

TEST_CASE("bucket and reason codes round-trip") {
  for (auto b : kAllBuckets) CHECK(bucket_from_string(to_string(b)) == b);
  for (auto r : kAllSpoilReasons) CHECK(spoil_reason_from_string(to_string(r)) == r);
  CHECK(to_string(SpoilReason::operator_decision) == "operator");
  CHECK_FALSE(bucket_from_string("floor").has_value());
  CHECK_FALSE(spoil_reason_from_string("lost").has_value());
}

}  // namespace
}  // namespace ektp::spool::ledger
