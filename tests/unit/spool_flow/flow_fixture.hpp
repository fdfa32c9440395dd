#pragma once
/// A Spool over a temporary store with a manual clock, blanks in the hopper, and
/// read-outs of what the store holds (movements, events, audit rows) for the flow tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "drivers/common/clock.hpp"
#include "spool/ledger.hpp"
#include "spool/outbox.hpp"
#include "spool/spool.hpp"
#include "tests/unit/spool/fixture.hpp"

namespace ektp::spool::test {

/// One ledger movement as stored.
struct Movement {
  std::string kind, from, to, reason, serial, job_id;
  std::int64_t count = 0;
  std::optional<std::int64_t> attempt_id;
};

struct FlowFixture {
  TempDir dir;
  ManualClock clock;
  QueueConfig config{3};
  std::optional<Spool> spool;
  int next_job = 1;

  FlowFixture() { open(); }

  void open() {
    spool.reset();
    OpenOptions options;
    options.path = dir.file("spool.db");
    options.station_id = "station-test";
    auto opened = Spool::open(options, clock, config);
    REQUIRE_OK(opened);
    spool.emplace(std::move(opened).value());
  }
  /// As after kill -9: the store is reopened and recovery runs (Spool::open).
  RecoveryReport reopen() {
    open();
    return spool->recovery();
  }
  Spool& s() { return *spool; }
  Database& db() { return spool->db(); }

  /// Receives `received` blanks and loads `loaded` of them into the hopper.
  void stock(std::int64_t received, std::int64_t loaded) {
    REQUIRE_OK(s().receive_stock({.count = received,
                                  .delivery_ref = "SJ-001",
                                  .serial_first = std::nullopt,
                                  .serial_last = std::nullopt,
                                  .operator_id = "op-a",
                                  .note = "",
                                  .at = {}}));
    if (loaded > 0) REQUIRE_OK(s().load_hopper({.count = loaded, .operator_id = "op-a", .at = {}}));
  }

  /// Accepts a new job; returns its id.
  std::string add_job() {
    const int n = next_job++;
    REQUIRE_OK(s().accept(new_job(n)));
    return job_id(n);
  }

  /// Claims the next job; REQUIREs there is one.
  Claim claim() {
    auto c = s().claim_next();
    REQUIRE_OK(c);
    REQUIRE(c->has_value());
    return **c;
  }

  /// Drives an attempt from claimed to card_out (chip recorded).
  void to_card_out(std::int64_t attempt) {
    using A = AttemptState;
    REQUIRE_OK(s().start_feeding(attempt));
    REQUIRE_OK(s().advance(attempt, A::in_encoder));
    REQUIRE_OK(s().advance(attempt, A::chip_writing));
    REQUIRE_OK(s().record_chip(attempt, serial_of(attempt), "04A1B2C3D4E5F6"));
    REQUIRE_OK(s().advance(attempt, A::chip_locked));
    auto token = s().issue_permit(attempt);
    REQUIRE_OK(token);
    REQUIRE_OK(s().use_permit(attempt, *token, 500 + attempt));
    REQUIRE_OK(s().advance(attempt, A::card_out));
  }
  static std::string serial_of(std::int64_t attempt) {
    return "SN" + std::to_string(1000 + attempt);
  }

  std::vector<Movement> movements(const std::string& kind = "") {
    auto q = db().prepare(
        "SELECT kind, from_bucket, to_bucket, coalesce(reason, ''), coalesce(serial, ''), "
        "coalesce(job_id, ''), count, attempt_id FROM ledger_movement "
        "WHERE ?1 = '' OR kind = ?1 ORDER BY id");
    REQUIRE_OK(q);
    q->bind(1, kind);
    std::vector<Movement> out;
    for (;;) {
      auto row = q->step();
      REQUIRE_OK(row);
      if (!*row) break;
      Movement m{q->column_text(0), q->column_text(1), q->column_text(2), q->column_text(3),
                 q->column_text(4), q->column_text(5), q->column_int(6),  std::nullopt};
      if (!q->column_is_null(7)) m.attempt_id = q->column_int(7);
      out.push_back(m);
    }
    return out;
  }

  std::vector<outbox::Event> events() {
    auto batch = outbox::take_batch(db(), 1'000'000);
    REQUIRE_OK(batch);
    return *batch;
  }
  std::vector<outbox::Event> events_of(outbox::EventType type) {
    std::vector<outbox::Event> out;
    for (auto& e : events())
      if (e.type == type) out.push_back(e);
    return out;
  }

  std::int64_t count(const char* sql) {
    auto q = db().prepare(sql);
    REQUIRE_OK(q);
    auto row = q->step();
    REQUIRE_OK(row);
    REQUIRE(*row);
    return q->column_int(0);
  }

  ledger::Balances balances() {
    auto b = ledger::balances(db());
    REQUIRE_OK(b);
    return *b;
  }
  void require_ledger_ok() {
    auto report = ledger::check(db());
    REQUIRE_OK(report);
    REQUIRE_MESSAGE(report->ok, report->message);
  }
  /// The outbox numbers 1..N under each store id, no hole.
  void require_outbox_without_holes() {
    auto q = db().prepare(
        "SELECT store_id, count(*), min(seq), max(seq) FROM outbox_event GROUP BY store_id");
    REQUIRE_OK(q);
    for (;;) {
      auto row = q->step();
      REQUIRE_OK(row);
      if (!*row) break;
      CHECK(q->column_int(2) == 1);
      CHECK(q->column_int(3) == q->column_int(1));
    }
  }

  /// The /status counters kept by triggers (schema 4) equal a recount of the rows.
  void require_status_counters_in_step() {
    auto counts = s().jobs().count_by_state();
    REQUIRE_OK(counts);
    for (const auto& [state, n] : *counts) {
      auto q = db().prepare("SELECT count(*) FROM jobs WHERE state = ?1");
      REQUIRE_OK(q);
      REQUIRE(*q->bind(1, to_string(state)).step());
      CHECK_MESSAGE(n == q->column_int(0), to_string(state));
    }
    auto backlog = outbox::backlog(db(), clock.wall_now());
    REQUIRE_OK(backlog);
    CHECK(backlog->count == count("SELECT count(*) FROM outbox_event WHERE acked_ms IS NULL"));
  }

  AttemptState attempt_state(std::int64_t id) {
    auto a = s().attempts().get(id);
    REQUIRE_OK(a);
    return a->state;
  }
  JobState job_state(const std::string& id) {
    auto j = s().jobs().get(id);
    REQUIRE_OK(j);
    return j->state;
  }
};

}  // namespace ektp::spool::test
