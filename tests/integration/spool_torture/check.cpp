// After each kill: reopen (recovery runs), check the invariants against the journal,
// then settle what recovery flagged so the next worker can go on.
#include <map>
#include <random>
#include <set>

#include "drivers/common/clock.hpp"
#include "spool/ledger.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_torture/journal.hpp"
#include "tests/integration/spool_torture/sealed_ops.hpp"
#include "tests/integration/spool_torture/torture.hpp"

namespace ektp::spool::torture {
namespace {

using A = AttemptState;

/// Single-number or (key, number) queries over the store, for the checks.
class Reader {
 public:
  explicit Reader(Database& db, Counts& counts) : db_(db), counts_(counts) {}

  std::int64_t number(const std::string& sql) {
    auto q = db_.prepare(sql);
    if (!q) return fail(q.error());
    auto row = q->step();
    if (!row) return fail(row.error());
    return *row ? q->column_int(0) : 0;
  }
  std::map<std::string, std::int64_t> keyed(const std::string& sql) {
    std::map<std::string, std::int64_t> out;
    auto q = db_.prepare(sql);
    if (!q) {
      fail(q.error());
      return out;
    }
    for (;;) {
      auto row = q->step();
      if (!row) {
        fail(row.error());
        break;
      }
      if (!*row) break;
      out[q->column_text(0)] = q->column_int(1);
    }
    return out;
  }

 private:
  std::int64_t fail(const Error& e) {
    ++counts_.open_errors;
    counts_.note("query failed: " + e.code + ": " + e.message);
    return 0;
  }
  Database& db_;
  Counts& counts_;
};

void check(Spool& spool, const std::filesystem::path& dir, Counts& c) {
  Reader r(spool.db(), c);
  const auto journal = journal_committed(dir);
  c.committed_ops = static_cast<std::int64_t>(journal.size());

  // Nothing lost: every job the journal saw accepted is in the store, with its event.
  const auto jobs = r.keyed("SELECT id, 1 FROM jobs");
  const auto accepted_events = r.keyed(
      "SELECT job_id, count(*) FROM outbox_event WHERE type = 'job_accepted' GROUP BY job_id");
  std::map<std::string, int> finishes;      // journalled good cards per job
  std::map<std::string, int> issues, uses;  // per attempt
  for (const auto& w : journal) {
    if (w[0] == "accept" && w.size() == 2) {
      if (!jobs.contains(w[1])) {
        ++c.lost_jobs;
        c.note("accepted job " + w[1] + " is missing");
      } else if (!accepted_events.contains(w[1])) {
        ++c.outbox_holes;
        c.note("accepted job " + w[1] + " has no job_accepted event");
      }
    }
    if (w[0] == "finish" && w.size() == 3) ++finishes[w[2]];
    if (w[0] == "issue" && w.size() == 3) ++issues[w[1]];
    if (w[0] == "use" && w.size() == 2) ++uses[w[1]];
  }

  // One good card per job: done <= 1; each journalled card is still done or voided.
  const auto done =
      r.keyed("SELECT job_id, count(*) FROM attempts WHERE state = 'done' GROUP BY job_id");
  const auto voided =
      r.keyed("SELECT job_id, count(*) FROM attempts WHERE state = 'voided' GROUP BY job_id");
  for (const auto& [job, n] : done)
    if (n > 1) {
      ++c.double_cards;
      c.note("job " + job + " has " + std::to_string(n) + " good cards");
    }
  for (const auto& [job, n] : finishes) {
    const auto kept =
        (done.contains(job) ? done.at(job) : 0) + (voided.contains(job) ? voided.at(job) : 0);
    if (n > kept) {
      ++c.lost_jobs;
      c.note("job " + job + ": " + std::to_string(n) + " cards finished, " + std::to_string(kept) +
             " kept");
    }
  }
  const auto issues_per_attempt = r.number(
      "SELECT count(*) FROM (SELECT attempt_id FROM ledger_movement WHERE kind = 'issue' "
      "GROUP BY attempt_id HAVING count(*) > 1)");
  if (issues_per_attempt > 0) {
    c.double_cards += static_cast<int>(issues_per_attempt);
    c.note("attempts with two ledger issues: " + std::to_string(issues_per_attempt));
  }
  const auto voids = r.number("SELECT count(*) FROM attempts WHERE state = 'voided'");
  const auto reprints = r.number("SELECT count(*) FROM audit_log WHERE action = 'job.reprint'");
  if (voids > reprints) {
    ++c.double_cards;
    c.note("voided cards without an approved reprint: " + std::to_string(voids - reprints));
  }

  // A permit issued once and used once per attempt.
  for (const auto& [a, n] : issues)
    if (n > 1) {
      ++c.double_permits;
      c.note("attempt " + a + ": permit issued " + std::to_string(n) + " times");
    }
  for (const auto& [a, n] : uses)
    if (n > 1) {
      ++c.double_permits;
      c.note("attempt " + a + ": permit used " + std::to_string(n) + " times");
    }
  const auto used_unissued = r.number(
      "SELECT count(*) FROM attempts WHERE permit_used_at_ms IS NOT NULL AND permit_hash IS NULL");
  if (used_unissued > 0) {
    c.double_permits += static_cast<int>(used_unissued);
    c.note("permits used that were never issued: " + std::to_string(used_unissued));
  }

  // The ledger balances and agrees with the attempts.
  auto report = ledger::check(spool.db());
  if (!report || !report->ok) {
    ++c.ledger_errors;
    c.note("ledger check: " + (report ? report->message : report.error().message));
  }
  auto b = ledger::balances(spool.db());
  if (b) {
    const auto good = r.number("SELECT count(*) FROM attempts WHERE state = 'done'");
    const auto in_path = r.number(
        "SELECT count(*) FROM attempts WHERE state IN ('feeding', 'in_encoder', 'chip_writing', "
        "'chip_locked', 'permit_issued', 'permit_used', 'card_out', 'to_recover', 'in_doubt')");
    if ((*b)[ledger::Bucket::issued] != good || (*b)[ledger::Bucket::in_card_path] != in_path) {
      ++c.ledger_errors;
      c.note("ledger issued/card path " + std::to_string((*b)[ledger::Bucket::issued]) + "/" +
             std::to_string((*b)[ledger::Bucket::in_card_path]) + " but attempts say " +
             std::to_string(good) + "/" + std::to_string(in_path));
    }
  }

  // Outbox: seq 1..N without a hole; every card and spoil reported.
  const auto holes = r.number(
      "SELECT count(*) FROM (SELECT store_id FROM outbox_event GROUP BY store_id "
      "HAVING min(seq) <> 1 OR max(seq) <> count(*))");
  const auto unreported =
      r.number(
          "SELECT (SELECT count(*) FROM ledger_movement WHERE kind = 'issue') - "
          "(SELECT count(*) FROM outbox_event WHERE type = 'card_good')") != 0 ||
      r.number(
          "SELECT (SELECT count(*) FROM ledger_movement WHERE kind = 'spoil') - "
          "(SELECT count(*) FROM outbox_event WHERE type = 'blank_spoiled')") != 0 ||
      r.number(
          "SELECT (SELECT count(*) FROM audit_log) - "
          "(SELECT count(*) FROM outbox_event WHERE type = 'audit_entry')") != 0;
  if (holes > 0 || unreported) {
    ++c.outbox_holes;
    c.note("outbox: " + std::to_string(holes) +
           " store ids with holes; unreported changes: " + (unreported ? "yes" : "no"));
  }

  // What an earlier check saw committed is still there (whether journalled or not).
  const auto job_count = r.number("SELECT count(*) FROM jobs");
  if (job_count < c.jobs_seen) {
    c.lost_jobs += static_cast<int>(c.jobs_seen - job_count);
    c.note("jobs went from " + std::to_string(c.jobs_seen) + " to " + std::to_string(job_count));
  }
  c.jobs_seen = job_count;
  const auto max_seq = r.number("SELECT coalesce(max(seq), 0) FROM outbox_event");
  if (max_seq < c.outbox_seq_seen) {
    ++c.outbox_holes;
    c.note("outbox seq went back from " + std::to_string(c.outbox_seq_seen) + " to " +
           std::to_string(max_seq));
  }
  c.outbox_seq_seen = max_seq;

  // Recovery flagged everything under way.
  const auto unflagged = r.number(
      "SELECT count(*) FROM attempts WHERE state IN ('claimed', 'feeding', 'in_encoder', "
      "'chip_writing', 'chip_locked', 'permit_issued', 'permit_used', 'card_out')");
  if (unflagged > 0) {
    c.unflagged_attempts += static_cast<int>(unflagged);
    c.note("attempts left under way after recovery: " + std::to_string(unflagged));
  }
  const auto wrong_flag = r.number(
      "SELECT count(*) FROM attempts WHERE (state = 'in_doubt' AND permit_hash IS NULL) "
      "OR (state = 'to_recover' AND permit_hash IS NOT NULL)");
  if (wrong_flag > 0) {
    c.unflagged_attempts += static_cast<int>(wrong_flag);
    c.note("attempts flagged in doubt without a permit, or to recover with one: " +
           std::to_string(wrong_flag));
  }
}

/// As the pipeline and an operator would: spoil or resume to_recover, decide in_doubt.
void settle(Spool& spool, const std::filesystem::path& dir, std::uint64_t seed, Counts& c) {
  std::mt19937_64 rng(seed ^ 0x5e771eULL);
  auto list = list_interrupted(spool.db());
  if (!list) {
    ++c.settle_errors;
    c.note("list_interrupted: " + list.error().message);
    return;
  }
  for (const auto& item : *list) {
    const auto id = item.attempt.id;
    const bool heads = (rng() & 1) == 0;
    if (item.attempt.state == A::in_doubt) {
      auto r =
          spool.resolve_in_doubt(id, heads ? DoubtDecision::card_good : DoubtDecision::card_spoiled,
                                 "op-a", "scanned the card");
      if (!r) {
        c.note("resolve_in_doubt refused: " + r.error().code + ": " + r.error().message);
        ++c.settle_errors;
      } else if (heads) {
        journal_append(dir, "committed finish " + std::to_string(id) + " " + item.attempt.job_id);
      }
    } else if (heads) {
      auto r = spool.spoil(id, {ledger::SpoilReason::chip_unreadable, "found in recovery"});
      if (!r) {
        c.note("spoil after recovery refused: " + r.error().code + ": " + r.error().message);
        ++c.settle_errors;
      }
    }
    // else: left to_recover; the next worker resumes or spoils it.
  }
}

}  // namespace

bool check_and_settle(const std::filesystem::path& dir, std::uint64_t seed, Counts& counts) {
  OpenOptions options;
  options.path = dir / "spool.db";
  options.station_id = "station-torture";
  auto spool = Spool::open(options, SystemClock::instance(), QueueConfig{3}, torture_key(),
                           torture_erasure());
  if (!spool) {
    ++counts.open_errors;
    counts.note("reopen failed: " + spool.error().code + ": " + spool.error().message);
    return false;
  }
  check(*spool, dir, counts);
  check_sealed(*spool, dir, counts);
  settle(*spool, dir, seed, counts);
  return true;
}

}  // namespace ektp::spool::torture
