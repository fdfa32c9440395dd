// The outbox: ids without holes, events commit with their state change, idempotent ack.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "spool/ledger.hpp"
#include "spool/outbox.hpp"
#include "spool/store.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool_ledger/store_fixture.hpp"

namespace ektp::spool::outbox {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::at;

std::vector<std::int64_t> seqs(Database& db) {
  auto batch = take_batch(db, 1000);
  REQUIRE_OK(batch);
  std::vector<std::int64_t> out;
  for (const auto& e : *batch) out.push_back(e.id.seq);
  return out;
}

TEST_CASE("sequence numbers run 1, 2, 3... with no hole left by a rolled-back transaction") {
  test::TempStore store;
  auto& db = store.db();
  auto identity = load_identity(db);
  REQUIRE_OK(identity);

  auto first = append(db, events::job_accepted("job-1"), at(0ms));  // on its own
  REQUIRE_OK(first);
  CHECK(first->seq == 1);
  CHECK(first->store_id == identity->store_id);

  auto committed0 = db.transaction([&]() -> Result<void> {
    for (int i = 0; i < 3; ++i) REQUIRE_OK(append(db, events::job_accepted("job-x"), at(1s)));
    return ok();
  });
  REQUIRE_OK(committed0);
  // A transaction that appends and then fails takes its numbers back.
  auto failed = db.transaction([&]() -> Result<void> {
    REQUIRE_OK(append(db, events::job_printing("job-2", 1), at(2s)));
    REQUIRE_OK(append(db, events::job_printing("job-2", 1), at(2s)));
    return fail("test.abort", "the physical step could not be announced");
  });
  CHECK_FALSE(failed.ok());
  auto next = append(db, events::handed_over("job-1"), at(3s));
  REQUIRE_OK(next);
  CHECK(next->seq == 5);
  CHECK(seqs(db) == std::vector<std::int64_t>{1, 2, 3, 4, 5});
}

TEST_CASE("an event commits with the state change it reports, or not at all") {
  test::TempStore store;
  auto& db = store.db();
  ledger::Spoil spoil{.from = ledger::Bucket::in_card_path,
                      .count = 1,
                      .reason = ledger::SpoilReason::lock_failed,
                      .serial = "04AB",
                      .job_id = "job-1",
                      .attempt_id = 3,
                      .operator_id = {},
                      .approver = {},
                      .note = "",
                      .at = at(0ms)};
  auto spoil_and_report = [&]() {
    return db.transaction([&]() -> Result<void> {
      auto moved = ledger::record_spoil(db, spoil);
      if (!moved) return moved.error();
      auto sent = append(db, events::blank_spoiled(*moved, spoil), spoil.at);
      if (!sent) return sent.error();
      return ok();
    });
  };
  CHECK_FALSE(spoil_and_report().ok());  // the card path is empty: refused, so no event
  CHECK(seqs(db).empty());

  REQUIRE_OK(ledger::record_receipt(db, {.count = 1,
                                         .delivery_ref = "SJ-1",
                                         .serial_first = {},
                                         .serial_last = {},
                                         .operator_id = "ani",
                                         .note = "",
                                         .at = at(0ms)}));
  REQUIRE_OK(ledger::record_load(db, {.count = 1, .operator_id = "ani", .at = at(0ms)}));
  REQUIRE_OK(ledger::record_feed(db, {.job_id = "job-1", .attempt_id = 3, .at = at(0ms)}));
  REQUIRE_OK(spoil_and_report());
  auto batch = take_batch(db, 10);
  REQUIRE_OK(batch);
  REQUIRE(batch->size() == 1);
  CHECK((*batch)[0].id.seq == 1);  // the refused try left no hole
  CHECK((*batch)[0].type == EventType::blank_spoiled);
  CHECK((*batch)[0].job_id == "job-1");
  auto payload = json::parse((*batch)[0].payload);
  CHECK(payload["reason"] == "lock_failed");
  CHECK(payload["serial"] == "04AB");
  CHECK(payload["count"] == 1);
}

TEST_CASE("take a batch oldest first; acknowledge is idempotent; backlog count and age") {
  test::TempStore store;
  auto& db = store.db();
  for (int i = 0; i < 5; ++i)
    REQUIRE_OK(
        append(db, events::job_accepted("job-" + std::to_string(i)), at(std::chrono::minutes(i))));
  auto empty_age = backlog(db, at(10min));
  REQUIRE_OK(empty_age);
  CHECK(empty_age->count == 5);
  CHECK(empty_age->oldest_age == std::chrono::milliseconds(10min));

  auto batch = take_batch(db, 3);
  REQUIRE_OK(batch);
  REQUIRE(batch->size() == 3);
  CHECK((*batch)[0].job_id == "job-0");
  CHECK((*batch)[2].job_id == "job-2");
  CHECK((*batch)[1].created == at(1min));

  std::vector<EventId> ids{(*batch)[0].id, (*batch)[1].id};
  auto marked = acknowledge(db, ids, at(11min));
  REQUIRE_OK(marked);
  CHECK(*marked == 2);
  auto again = acknowledge(db, ids, at(12min));  // central answered twice
  REQUIRE_OK(again);
  CHECK(*again == 0);
  std::vector<EventId> unknown{{"not-this-store", 1}, {(*batch)[0].id.store_id, 999}};
  auto none = acknowledge(db, unknown, at(12min));
  REQUIRE_OK(none);
  CHECK(*none == 0);

  CHECK(seqs(db) == std::vector<std::int64_t>{3, 4, 5});
  auto left = backlog(db, at(12min));
  REQUIRE_OK(left);
  CHECK(left->count == 3);
  CHECK(left->oldest_age == std::chrono::milliseconds(10min));

  auto rest = take_batch(db, 100);
  REQUIRE_OK(rest);
  std::vector<EventId> rest_ids;
  for (const auto& e : *rest) rest_ids.push_back(e.id);
  REQUIRE_OK(acknowledge(db, rest_ids, at(13min)));
  auto done = backlog(db, at(14min));
  REQUIRE_OK(done);
  CHECK(done->count == 0);
  CHECK_FALSE(done->oldest_age.has_value());
}

TEST_CASE("a restored store numbers its new events under its new store id from 1") {
  test::TempStore store;
  auto& db = store.db();
  auto old_id = append(db, events::job_accepted("job-1"), at(0ms));
  REQUIRE_OK(old_id);
  REQUIRE_OK(append(db, events::job_accepted("job-2"), at(0ms)));
  REQUIRE_OK(mark_restored(db));
  auto new_id = append(db, events::job_accepted("job-3"), at(1s));
  REQUIRE_OK(new_id);
  CHECK(new_id->store_id != old_id->store_id);
  CHECK(new_id->seq == 1);
  auto batch = take_batch(db, 10);
  REQUIRE_OK(batch);
  REQUIRE(batch->size() == 3);
  CHECK((*batch)[0].id == *old_id);  // an older event keeps the id central may have seen
}

TEST_CASE("the database keeps the outbox honest, whoever writes the SQL") {
  test::TempStore store;
  auto& db = store.db();
  auto id = append(db, events::job_accepted("job-1"), at(0ms));
  REQUIRE_OK(id);
  const std::string store_id = id->store_id;
  auto insert = [&](int seq) {
    return db.exec("INSERT INTO outbox_event (store_id, seq, type, payload, created_ms) VALUES ('" +
                   store_id + "', " + std::to_string(seq) + ", 'heartbeat', '{}', 0)");
  };
  CHECK_FALSE(insert(3).ok());  // a hole
  CHECK_FALSE(insert(1).ok());  // a number used again
  CHECK_FALSE(db.exec("UPDATE outbox_event SET payload = '{\"x\":1}'").ok());
  CHECK_FALSE(db.exec("DELETE FROM outbox_event").ok());  // not acknowledged yet
  CHECK_FALSE(db.exec("UPDATE outbox_counter SET last_seq = 10").ok());
  CHECK_FALSE(db.exec("INSERT INTO outbox_event (store_id, seq, type, payload, created_ms) "
                      "SELECT store_id, 2, 'heartbeat', 'not json', 0 FROM outbox_counter")
                  .ok());
  REQUIRE_OK(insert(2));

  // Acknowledged events may be pruned; their numbers are never handed out again.
  std::vector<EventId> both{{store_id, 1}, {store_id, 2}};
  REQUIRE_OK(acknowledge(db, both, at(1s)));
  CHECK_FALSE(db.exec("UPDATE outbox_event SET acked_ms = 5").ok());  // acknowledged once
  REQUIRE_OK(db.exec("DELETE FROM outbox_event"));
  auto next = append(db, events::heartbeat("{\"queue\":0}"), at(2s));
  REQUIRE_OK(next);
  CHECK(next->seq == 3);
}

TEST_CASE("events carry ids, codes and counts, never personal data; the wire form") {
  auto rejected = events::job_rejected("5b0c2a3e-0000-4000-8000-000000000001", "intake.bad_sig",
                                       "The job's signature does not verify.");
  CHECK(rejected.type == EventType::job_rejected);
  auto p = json::parse(rejected.payload);
  CHECK(p["status"] == "Ditolak");
  CHECK(p["reason"] == "intake.bad_sig");
  CHECK(json::parse(events::job_failed("j", "attempts.exhausted", "x").payload)["status"] ==
        "Gagal");
  CHECK(json::parse(events::handed_over("j").payload)["status"] == "Diambil");
  auto good = json::parse(events::card_good("j", 2, "04AABB", "04112233445566").payload);
  CHECK(good["status"] == "Selesai");
  CHECK(good["chip_serial"] == "04AABB");
  CHECK(good["chip_uid"] == "04112233445566");
  CHECK(good.size() == 4);  // status, attempt, serial, UID: nothing else

  ledger::Balances b;
  b[ledger::Bucket::received] = 10;
  b[ledger::Bucket::in_stock] = 6;
  b[ledger::Bucket::in_hopper] = 4;
  auto stock = json::parse(events::stock_report(b, 12.5).payload);
  CHECK(stock["stock"] == 10);
  CHECK(stock["buckets"]["in_hopper"] == 4);
  CHECK(stock["days_left"] == 12.5);
  CHECK(json::parse(events::heartbeat("not json").payload)["status"]["invalid"] == true);

  Event e{.id = {"store-1", 7},
          .type = EventType::job_accepted,
          .job_id = "job-1",
          .payload = "{\"status\":\"Proses\"}",
          .created = at(0ms)};
  auto wire = json::parse(wire_json(e, "station-09"));
  CHECK(wire["id"]["station"] == "station-09");
  CHECK(wire["id"]["store"] == "store-1");
  CHECK(wire["id"]["seq"] == 7);
  CHECK(wire["type"] == "job_accepted");
  CHECK(wire["payload"]["status"] == "Proses");
  for (int t = 0; t <= static_cast<int>(EventType::heartbeat); ++t)
    CHECK(event_type_from_string(to_string(static_cast<EventType>(t))) ==
          static_cast<EventType>(t));
}

}  // namespace
}  // namespace ektp::spool::outbox
