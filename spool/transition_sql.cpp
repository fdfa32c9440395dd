#include "spool/transition_sql.hpp"

#include <chrono>
#include <string>

#include "spool/spool_messages_store.hpp"

namespace ektp::spool::detail {

std::int64_t now_ms(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock.wall_now().time_since_epoch())
      .count();
}

Result<JobState> job_state(Database& db, std::string_view job_id) {
  auto q = db.prepare("SELECT state FROM jobs WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, job_id).step();
  if (!row) return row.error();
  if (!*row) return fail("spool.unknown_job", texts::say(texts::unknown_job, job_id));
  auto state = parse_job_state(q->column_text(0));
  if (!state) return fail("spool.damaged", texts::say(texts::unknown_job_state, q->column_text(0)));
  return *state;
}

Result<void> move_job(Database& db, std::string_view job_id, JobState to, std::int64_t now,
                      std::optional<std::string_view> reason,
                      std::optional<std::string_view> decided_by) {
  auto from = job_state(db, job_id);
  if (!from) return from.error();
  if (auto t = check_job_transition(*from, to); !t) return t.error();
  auto q = db.prepare(
      "UPDATE jobs SET state = ?1, updated_at_ms = ?2, reason = coalesce(?3, reason), "
      "decided_by = coalesce(?4, decided_by) WHERE id = ?5 AND state = ?6");
  if (!q) return q.error();
  q->bind(1, to_string(to)).bind(2, now).bind(5, job_id).bind(6, to_string(*from));
  reason ? q->bind(3, *reason) : q->bind_null(3);
  decided_by ? q->bind(4, *decided_by) : q->bind_null(4);
  if (auto r = q->run(); !r) return r;
  // Cannot happen inside BEGIN IMMEDIATE (one writer); kept as a guard.
  if (db.changes() != 1) return fail("spool.busy", texts::say(texts::job_changed));
  return ok();
}

Result<AttemptRef> attempt_ref(Database& db, std::int64_t attempt_id) {
  auto q = db.prepare("SELECT state, job_id FROM attempts WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, attempt_id).step();
  if (!row) return row.error();
  if (!*row) return fail("spool.unknown_attempt", texts::say(texts::unknown_attempt, attempt_id));
  auto state = parse_attempt_state(q->column_text(0));
  if (!state)
    return fail("spool.damaged", texts::say(texts::unknown_attempt_state, q->column_text(0)));
  return AttemptRef{*state, q->column_text(1)};
}

Result<void> move_attempt(Database& db, std::int64_t attempt_id, AttemptState to, std::int64_t now,
                          std::optional<std::string_view> reason) {
  auto from = attempt_ref(db, attempt_id);
  if (!from) return from.error();
  if (auto t = check_attempt_transition(from->state, to); !t) return t.error();
  auto q = db.prepare(
      "UPDATE attempts SET state = ?1, updated_at_ms = ?2, reason = coalesce(?3, reason), "
      "ended_at_ms = CASE WHEN ?4 THEN ?2 ELSE ended_at_ms END WHERE id = ?5 AND state = ?6");
  if (!q) return q.error();
  q->bind(1, to_string(to)).bind(2, now).bind(4, std::int64_t{is_final(to) ? 1 : 0});
  q->bind(5, attempt_id).bind(6, to_string(from->state));
  reason ? q->bind(3, *reason) : q->bind_null(3);
  if (auto r = q->run(); !r) return r;
  if (db.changes() != 1) return fail("spool.busy", texts::say(texts::attempt_changed));
  return ok();
}

Result<void> require_chip_serial(Database& db, std::int64_t attempt_id) {
  auto q = db.prepare("SELECT coalesce(chip_serial, '') FROM attempts WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, attempt_id).step();
  if (!row) return row.error();
  if (*row && !q->column_text(0).empty()) return ok();
  return fail("spool.no_chip_serial", texts::say(texts::no_chip_serial, attempt_id));
}

Result<JobState> requeue_or_fail(Database& db, std::string_view job_id, int attempt_limit,
                                 std::string_view reason, std::int64_t now) {
  auto q = db.prepare(
      "UPDATE jobs SET spoiled_count = spoiled_count + 1 WHERE id = ?1 RETURNING spoiled_count");
  if (!q) return q.error();
  auto row = q->bind(1, job_id).step();
  if (!row) return row.error();
  const std::int64_t spoiled = *row ? q->column_int(0) : 0;
  if (auto r = q->run(); !r) return r.error();  // finish the statement
  if (spoiled >= attempt_limit) {
    const std::string why = "attempt limit reached (" + std::to_string(spoiled) +
                            " spoiled cards); last: " + std::string(reason);
    if (auto r = move_job(db, job_id, JobState::failed, now, why); !r) return r.error();
    return JobState::failed;
  }
  if (auto r = move_job(db, job_id, JobState::queued, now); !r) return r.error();
  return JobState::queued;
}

Result<void> forget_chip_ids_when_done_with(Database& db, std::string_view job_id) {
  auto q = db.prepare(
      "UPDATE attempts SET chip_serial = NULL, chip_uid = NULL WHERE job_id = ?1 "
      "AND (chip_serial IS NOT NULL OR chip_uid IS NOT NULL) AND EXISTS (SELECT 1 FROM jobs "
      "WHERE id = ?1 AND erased_at_ms IS NOT NULL AND handed_over_at_ms IS NOT NULL)");
  if (!q) return q.error();
  return q->bind(1, job_id).run();
}

}  // namespace ektp::spool::detail
