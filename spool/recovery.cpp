// Recovery of interrupted attempts (see recovery.hpp).
#include "spool/recovery.hpp"

#include "spool/spool_messages_operator.hpp"
#include "spool/spool_messages_states.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

namespace {

using A = AttemptState;

Result<void> record_decision(Database& db, std::int64_t attempt_id, AttemptState found,
                             std::string_view decision, std::string_view who, std::string_view note,
                             std::int64_t now) {
  auto q = db.prepare(
      "INSERT INTO recovery_decisions (attempt_id, found_state, decision, operator_id, note, "
      "decided_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!q) return q.error();
  return q->bind(1, attempt_id)
      .bind(2, to_string(found))
      .bind(3, decision)
      .bind(4, who)
      .bind(5, note)
      .bind(6, now)
      .run();
}

// Attempts in a live state, with their job, read before changing any.
Result<std::vector<std::pair<std::int64_t, AttemptState>>> live_attempts(Database& db) {
  auto q = db.prepare(
      "SELECT id, state FROM attempts WHERE state IN ('claimed', 'feeding', 'in_encoder', "
      "'chip_writing', 'chip_locked', 'permit_issued', 'permit_used', 'card_out') ORDER BY id");
  if (!q) return q.error();
  std::vector<std::pair<std::int64_t, AttemptState>> out;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) break;
    if (auto s = parse_attempt_state(q->column_text(1))) out.emplace_back(q->column_int(0), *s);
  }
  return out;
}

// A good card needs its chip serial: the recorded one, or the one the operator scanned.
Result<void> settle_serial(Database& db, std::int64_t attempt_id, std::string_view scanned,
                           std::int64_t now) {
  auto q = db.prepare("SELECT coalesce(chip_serial, '') FROM attempts WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, attempt_id).step();
  if (!row) return row.error();
  const std::string recorded = *row ? q->column_text(0) : std::string();
  if (!recorded.empty()) {
    if (scanned.empty() || scanned == recorded) return ok();
    return fail("spool.serial_mismatch", texts::say(texts::serial_mismatch, scanned, recorded));
  }
  if (scanned.empty()) return fail("spool.no_chip_serial", texts::say(texts::serial_never_read));
  auto up = db.prepare("UPDATE attempts SET chip_serial = ?1, updated_at_ms = ?2 WHERE id = ?3");
  if (!up) return up.error();
  return up->bind(1, scanned).bind(2, now).bind(3, attempt_id).run();
}

}  // namespace

Result<RecoveryReport> recover_after_open(Database& db, const Clock& clock) {
  RecoveryReport report;
  auto r = db.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock);
    auto live = live_attempts(db);
    if (!live) return live.error();
    for (const auto& [id, state] : *live) {
      auto ref = detail::attempt_ref(db, id);
      if (!ref) return ref.error();
      AttemptState to = A::in_doubt;
      if (state == A::claimed)
        to = A::abandoned;
      else if (state == A::feeding || state == A::in_encoder || state == A::chip_writing ||
               state == A::chip_locked)
        to = A::to_recover;
      if (auto m = detail::move_attempt(db, id, to, now, "station stopped during this attempt"); !m)
        return m;
      auto mark = db.prepare("UPDATE attempts SET interrupted_in = ?1 WHERE id = ?2");
      if (!mark) return mark.error();
      if (auto m = mark->bind(1, to_string(state)).bind(2, id).run(); !m) return m;
      if (to == A::abandoned) {
        ++report.abandoned;
        if (auto m = detail::move_job(db, ref->job_id, JobState::queued, now); !m) return m;
      } else if (to == A::to_recover) {
        ++report.to_recover;
      } else {
        ++report.in_doubt;
        if (auto m = detail::move_job(db, ref->job_id, JobState::blocked, now); !m) return m;
      }
    }
    return ok();
  });
  if (!r) return r.error();
  return report;
}

Result<std::vector<InterruptedAttempt>> list_interrupted(Database& db) {
  auto q = db.prepare(
      "SELECT a.id, coalesce(a.interrupted_in, ''), j.state FROM attempts a "
      "JOIN jobs j ON j.id = a.job_id WHERE a.state IN ('to_recover', 'in_doubt') "
      "ORDER BY a.started_at_ms, a.id");
  if (!q) return q.error();
  std::vector<std::tuple<std::int64_t, std::string, std::string>> rows;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) break;
    rows.emplace_back(q->column_int(0), q->column_text(1), q->column_text(2));
  }
  Attempts attempts(db, SystemClock::instance());
  std::vector<InterruptedAttempt> out;
  for (const auto& [id, found, job_state] : rows) {
    auto a = attempts.get(id);
    if (!a) return a.error();
    out.push_back(InterruptedAttempt{*a, parse_attempt_state(found).value_or(a->state),
                                     parse_job_state(job_state).value_or(JobState::blocked)});
  }
  return out;
}

Result<void> resume(Database& db, const Clock& clock, std::int64_t attempt_id, AttemptState to,
                    std::string_view note) {
  if (to != A::in_encoder && to != A::chip_locked)
    return fail("spool.transition_refused", texts::say(texts::resume_where));
  return db.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock);
    auto ref = detail::attempt_ref(db, attempt_id);
    if (!ref) return ref.error();
    if (ref->state != A::to_recover)
      return fail("spool.transition_refused",
                  texts::say(texts::not_to_recover, texts::state_text(ref->state)));
    if (to == A::chip_locked)
      if (auto s = detail::require_chip_serial(db, attempt_id); !s) return s;
    if (auto m = detail::move_attempt(db, attempt_id, to, now); !m) return m;
    return record_decision(db, attempt_id, ref->state,
                           to == A::in_encoder ? "resume_in_encoder" : "resume_chip_locked",
                           "station", note, now);
  });
}

Result<JobState> resolve_in_doubt(Database& db, const Clock& clock, const QueueConfig& config,
                                  std::int64_t attempt_id, DoubtDecision decision,
                                  std::string_view operator_id, std::string_view note,
                                  std::string_view scanned_serial) {
  if (operator_id.empty()) return fail("spool.no_operator", texts::say(texts::login_to_decide));
  JobState job_state = JobState::blocked;
  auto r = db.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock);
    auto ref = detail::attempt_ref(db, attempt_id);
    if (!ref) return ref.error();
    if (ref->state != A::in_doubt)
      return fail("spool.not_in_doubt",
                  texts::say(texts::nothing_to_decide, texts::state_text(ref->state)));
    if (decision == DoubtDecision::card_good) {
      if (auto s = settle_serial(db, attempt_id, scanned_serial, now); !s) return s;
      if (auto m = detail::move_attempt(db, attempt_id, A::done, now, note); !m) return m;
      if (auto m = detail::move_job(db, ref->job_id, JobState::done, now); !m) return m;
      job_state = JobState::done;
    } else {
      const std::string reason = "operator: " + std::string(note);
      if (auto m = detail::move_attempt(db, attempt_id, A::spoiled, now, reason); !m) return m;
      auto next = detail::requeue_or_fail(db, ref->job_id, config.attempt_limit, reason, now);
      if (!next) return next.error();
      job_state = *next;
    }
    return record_decision(db, attempt_id, A::in_doubt,
                           decision == DoubtDecision::card_good ? "card_good" : "card_spoiled",
                           operator_id, note, now);
  });
  if (!r) return r.error();
  return job_state;
}

}  // namespace ektp::spool
