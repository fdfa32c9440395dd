// Seeded random whole-card flows (good cards, spoils, abandoned tries, empty hoppers,
// crashes with recovery, in-doubt decisions, voids and reprints): after every step the
// ledger balances, the outbox has no hole, and the ledger agrees with the attempts.
#include <doctest/doctest.h>

#include <random>

#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::spool::test {
namespace {

using A = AttemptState;
using ledger::Bucket;

constexpr A kPath[] = {A::feeding,       A::in_encoder,  A::chip_writing, A::chip_locked,
                       A::permit_issued, A::permit_used, A::card_out};
constexpr ledger::SpoilReason kReasons[] = {
    ledger::SpoilReason::chip_unreadable, ledger::SpoilReason::write_failed,
    ledger::SpoilReason::verify_failed, ledger::SpoilReason::print_failed,
    ledger::SpoilReason::jam};

struct Run {
  FlowFixture f;
  std::mt19937 rng;
  std::optional<PermitToken> token;

  explicit Run(unsigned seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }

  /// One step forward; false when the ledger refused the feed (hopper empty).
  bool step(std::int64_t attempt, A to) {
    Spool& s = f.s();
    switch (to) {
      case A::feeding: {
        auto r = s.start_feeding(attempt);
        if (!r) {
          REQUIRE(r.error().code == "ledger.hopper_empty");
          return false;
        }
        return true;
      }
      case A::chip_locked:
        REQUIRE_OK(s.record_chip(attempt, FlowFixture::serial_of(attempt), "04AA"));
        REQUIRE_OK(s.advance(attempt, to));
        return true;
      case A::permit_issued: {
        auto t = s.issue_permit(attempt);
        REQUIRE_OK(t);
        token = *t;
        return true;
      }
      case A::permit_used:
        REQUIRE_OK(s.use_permit(attempt, *token, attempt));
        return true;
      default:
        REQUIRE_OK(s.advance(attempt, to));
        return true;
    }
  }

  /// Settles whatever recovery left (the pipeline's and the operator's part).
  void settle_interrupted() {
    auto list = list_interrupted(f.db());
    REQUIRE_OK(list);
    for (const auto& item : *list) {
      const auto id = item.attempt.id;
      if (item.attempt.state == A::in_doubt) {
        const auto d = pick(2) == 0 ? DoubtDecision::card_good : DoubtDecision::card_spoiled;
        REQUIRE_OK(f.s().resolve_in_doubt(id, d, "op-a", "scanned the card"));
      } else if (pick(2) == 0) {
        REQUIRE_OK(f.s().spoil(id, {kReasons[pick(5)], "found in recovery"}));
      } else {
        REQUIRE_OK(f.s().resume(id, A::in_encoder, "card found in the encoder"));
        for (A s : {A::chip_writing, A::chip_locked, A::permit_issued, A::permit_used, A::card_out})
          step(id, s);
        REQUIRE_OK(f.s().finish(id));
      }
    }
  }

  /// One card: claimed, then a random fate.
  void card() {
    auto claim = f.s().claim_next();
    REQUIRE_OK(claim);
    if (!claim->has_value()) return;
    const auto id = (*claim)->attempt_id;
    const int fate = pick(10);
    if (fate == 0) {
      REQUIRE_OK(f.s().release_attempt(id, "card absent"));
      return;
    }
    const int stop = pick(7);  // where a spoil or a crash happens
    for (int i = 0; i < 7; ++i) {
      if (fate <= 2 && i == stop && i > 0) {
        REQUIRE_OK(f.s().spoil(id, {kReasons[pick(5)], ""}));
        return;
      }
      if (fate == 3 && i == stop && i > 0) {
        f.reopen();  // kill -9 between two steps
        settle_interrupted();
        return;
      }
      if (!step(id, kPath[i])) {
        REQUIRE_OK(f.s().release_attempt(id, "hopper empty"));
        return;
      }
    }
    REQUIRE_OK(f.s().finish(id));
  }

  void check_invariants() {
    f.require_ledger_ok();
    f.require_outbox_without_holes();
    f.require_status_counters_in_step();
    const auto b = f.balances();
    CHECK(b[Bucket::issued] == f.count("SELECT count(*) FROM attempts WHERE state = 'done'"));
    CHECK(b[Bucket::in_card_path] ==
          f.count("SELECT count(*) FROM attempts WHERE state IN ('feeding', 'in_encoder', "
                  "'chip_writing', 'chip_locked', 'permit_issued', 'permit_used', 'card_out', "
                  "'to_recover', 'in_doubt')"));
    CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'feed'") ==
          f.count("SELECT count(*) FROM attempts WHERE state NOT IN ('claimed', 'abandoned')"));
    CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'issue'") ==
          f.count("SELECT count(*) FROM outbox_event WHERE type = 'card_good'"));
    CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'spoil'") ==
          f.count("SELECT count(*) FROM outbox_event WHERE type = 'blank_spoiled'"));
    CHECK(f.count("SELECT count(*) FROM (SELECT job_id FROM attempts WHERE state = 'done' "
                  "GROUP BY job_id HAVING count(*) > 1)") == 0);
    CHECK(f.count("SELECT count(*) FROM audit_log") ==
          f.count("SELECT count(*) FROM outbox_event WHERE type = 'audit_entry'"));
  }
};

TEST_CASE("random whole-card flows keep the ledger, the outbox and the attempts agreeing") {
  for (unsigned seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    Run run(seed);
    run.f.stock(40, 6);
    for (int i = 0; i < 25; ++i) run.f.add_job();
    for (int round = 0; round < 60; ++round) {
      CAPTURE(round);
      const int action = run.pick(10);
      if (action == 0) {
        run.f.add_job();
      } else if (action == 1) {
        auto b = run.f.balances();
        if (b[Bucket::in_stock] > 0)
          REQUIRE_OK(run.f.s().load_hopper(
              {.count = std::min<std::int64_t>(b[Bucket::in_stock], 1 + run.pick(4)),
               .operator_id = "op-a",
               .at = {}}));
      } else if (action == 2) {
        // Void a printed card for a reprint, when there is one.
        auto q = run.f.db().prepare("SELECT id FROM jobs WHERE state = 'done' LIMIT 1");
        REQUIRE_OK(q);
        auto row = q->step();
        REQUIRE_OK(row);
        const std::string job = *row ? q->column_text(0) : std::string();
        q->reset();
        if (!job.empty()) REQUIRE_OK(run.f.s().void_and_reprint(job, "op-a", "sup-b", "x"));
      } else {
        run.card();
      }
      run.check_invariants();
    }
    CHECK(run.f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'issue'") > 0);
    CHECK(run.f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'spoil'") > 0);
  }
}

}  // namespace
}  // namespace ektp::spool::test
