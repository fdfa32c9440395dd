// Attempts and the single-use print permit (see attempts.hpp).
#include "spool/attempts.hpp"

#include <sodium.h>

#include <cstdlib>

#include "spool/spool_messages_jobs.hpp"
#include "spool/spool_messages_states.hpp"
#include "spool/spool_messages_store.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

namespace {

using A = AttemptState;

constexpr const char* kAttemptColumns =
    "id, job_id, number, state, reprint, coalesce(chip_serial, ''), coalesce(chip_uid, ''), "
    "cups_job_id, permit_hash IS NOT NULL, permit_used_at_ms IS NOT NULL, coalesce(reason, ''), "
    "started_at_ms, updated_at_ms, ended_at_ms, permits_withdrawn";

AttemptRecord read_attempt(const Statement& q) {
  AttemptRecord a;
  a.id = q.column_int(0);
  a.job_id = q.column_text(1);
  a.number = static_cast<int>(q.column_int(2));
  a.state = parse_attempt_state(q.column_text(3)).value_or(A::in_doubt);
  a.reprint = q.column_int(4) != 0;
  a.chip_serial = q.column_text(5);
  a.chip_uid = q.column_text(6);
  if (!q.column_is_null(7)) a.cups_job_id = q.column_int(7);
  a.permit_issued = q.column_int(8) != 0;
  a.permit_used = q.column_int(9) != 0;
  a.reason = q.column_text(10);
  a.started_at_ms = q.column_int(11);
  a.updated_at_ms = q.column_int(12);
  if (!q.column_is_null(13)) a.ended_at_ms = q.column_int(13);
  a.permits_withdrawn = static_cast<int>(q.column_int(14));
  return a;
}

std::array<std::uint8_t, crypto_hash_sha256_BYTES> hash_token(const PermitToken& token) {
  std::array<std::uint8_t, crypto_hash_sha256_BYTES> h{};
  crypto_hash_sha256(h.data(), token.data(), token.size());
  return h;
}

Error permit_refused(const std::string& why) {
  return fail("spool.permit_refused", texts::say(texts::permit_refused, why));
}

}  // namespace

Attempts::Attempts(Database& db, const Clock& clock, QueueConfig config)
    : db_(db), clock_(clock), config_(config) {}

Result<AttemptRecord> Attempts::get(std::int64_t attempt_id) {
  auto q = db_.prepare(std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, attempt_id).step();
  if (!row) return row.error();
  if (!*row) return fail("spool.unknown_attempt", texts::say(texts::unknown_attempt, attempt_id));
  return read_attempt(*q);
}

Result<std::optional<AttemptRecord>> Attempts::good_attempt(std::string_view job_id) {
  auto q = db_.prepare(std::string("SELECT ") + kAttemptColumns +
                       " FROM attempts WHERE job_id = ?1 AND state = 'done' "
                       "ORDER BY number DESC LIMIT 1");
  if (!q) return q.error();
  auto row = q->bind(1, job_id).step();
  if (!row) return row.error();
  if (!*row) return std::optional<AttemptRecord>();
  return std::optional<AttemptRecord>(read_attempt(*q));
}

Result<void> Attempts::advance(std::int64_t attempt_id, AttemptState to) {
  if (to != A::feeding && to != A::in_encoder && to != A::chip_writing && to != A::chip_locked &&
      to != A::card_out)
    return fail("spool.transition_refused",
                texts::say(texts::not_a_plain_step, texts::state_text(to)));
  return db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    if (to == A::chip_locked)
      if (auto s = detail::require_chip_serial(db_, attempt_id); !s) return s;
    if (auto r = detail::move_attempt(db_, attempt_id, to, now); !r) return r;
    // The first blank fed makes the job "printing".
    if (to == A::feeding) return detail::move_job(db_, ref->job_id, JobState::printing, now);
    return ok();
  });
}

Result<void> Attempts::record_chip(std::int64_t attempt_id, std::string_view serial,
                                   std::string_view uid) {
  return db_.transaction([&]() -> Result<void> {
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    if (is_final(ref->state))
      return fail("spool.transition_refused",
                  texts::say(texts::chip_details_fixed, texts::state_text(ref->state)));
    auto q = db_.prepare(
        "UPDATE attempts SET chip_serial = ?1, chip_uid = ?2, updated_at_ms = ?3 WHERE id = ?4");
    if (!q) return q.error();
    return q->bind(1, serial)
        .bind(2, uid)
        .bind(3, detail::now_ms(clock_))
        .bind(4, attempt_id)
        .run();
  });
}

Result<void> Attempts::release(std::int64_t attempt_id, std::string_view reason) {
  return abandon(attempt_id, A::claimed, reason);
}

Result<void> Attempts::unfeed(std::int64_t attempt_id, std::string_view reason) {
  if (reason.empty()) return fail("spool.no_reason", texts::say(texts::unfeed_needs_reason));
  return abandon(attempt_id, A::feeding, reason);
}

Result<void> Attempts::abandon(std::int64_t attempt_id, AttemptState from,
                               std::string_view reason) {
  return db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    // claimed -> abandoned moves no card; feeding -> abandoned only with its unfeed.
    if (ref->state != from)
      return fail(
          "spool.transition_refused",
          texts::say(from == A::claimed ? texts::release_only_unfed : texts::unfeed_only_feeding,
                     texts::state_text(ref->state)));
    if (auto r = detail::move_attempt(db_, attempt_id, A::abandoned, now, reason); !r) return r;
    return detail::move_job(db_, ref->job_id, JobState::queued, now);
  });
}

Result<PermitToken> Attempts::issue_permit(std::int64_t attempt_id) {
  if (sodium_init() < 0) std::abort();  // no random source: nothing is safe
  PermitToken token{};
  randombytes_buf(token.data(), token.size());
  const auto hash = hash_token(token);
  auto r = db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_attempt(db_, attempt_id, A::permit_issued, now); !m) return m;
    auto q =
        db_.prepare("UPDATE attempts SET permit_hash = ?1, permit_issued_at_ms = ?2 WHERE id = ?3");
    if (!q) return q.error();
    return q->bind_blob(1, hash).bind(2, now).bind(3, attempt_id).run();
  });
  if (!r) return r.error();
  return token;
}

Result<void> Attempts::use_permit(std::int64_t attempt_id, const PermitToken& token,
                                  std::int64_t cups_job_id) {
  const auto hash = hash_token(token);
  return db_.transaction([&]() -> Result<void> {
    auto q = db_.prepare(
        "SELECT id, state, permit_used_at_ms IS NOT NULL FROM attempts WHERE permit_hash = ?1");
    if (!q) return q.error();
    auto row = q->bind_blob(1, hash).step();
    if (!row) return row.error();
    if (!*row) return permit_refused(texts::say(texts::permit_not_ours));
    if (q->column_int(0) != attempt_id)
      return permit_refused(texts::say(texts::permit_other_attempt));
    if (q->column_int(2) != 0) return permit_refused(texts::say(texts::permit_already_used));
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_attempt(db_, attempt_id, A::permit_used, now); !m)
      return permit_refused(texts::say(texts::permit_not_waiting, m.error().message));
    auto up =
        db_.prepare("UPDATE attempts SET permit_used_at_ms = ?1, cups_job_id = ?2 WHERE id = ?3");
    if (!up) return up.error();
    return up->bind(1, now).bind(2, cups_job_id).bind(3, attempt_id).run();
  });
}

Result<void> Attempts::withdraw_permit(std::int64_t attempt_id) {
  return db_.transaction([&]() -> Result<void> {
    auto attempt = get(attempt_id);
    if (!attempt) return attempt.error();
    if (attempt->permit_used)
      return fail("spool.permit_used", texts::say(texts::permit_used_kept, attempt_id));
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_attempt(db_, attempt_id, A::chip_locked, now); !m) return m;
    auto q = db_.prepare(
        "UPDATE attempts SET permit_hash = NULL, permit_issued_at_ms = NULL, "
        "permits_withdrawn = permits_withdrawn + 1 WHERE id = ?1");
    if (!q) return q.error();
    return q->bind(1, attempt_id).run();
  });
}

Result<void> Attempts::hold_in_doubt(std::int64_t attempt_id, std::string_view why) {
  return db_.transaction([&]() -> Result<void> {
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_attempt(db_, attempt_id, A::in_doubt, now, why); !m) return m;
    auto mark = db_.prepare("UPDATE attempts SET interrupted_in = ?1 WHERE id = ?2");
    if (!mark) return mark.error();
    if (auto m = mark->bind(1, to_string(ref->state)).bind(2, attempt_id).run(); !m) return m;
    return detail::move_job(db_, ref->job_id, JobState::blocked, now);
  });
}

Result<void> Attempts::finish(std::int64_t attempt_id) {
  return db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    if (ref->state != A::card_out)
      return fail("spool.transition_refused",
                  texts::say(texts::good_only_out, texts::state_text(ref->state)));
    if (auto r = detail::move_attempt(db_, attempt_id, A::done, now); !r) return r;
    return detail::move_job(db_, ref->job_id, JobState::done, now);
  });
}

Result<SpoilResult> Attempts::spoil(std::int64_t attempt_id, std::string_view reason) {
  if (reason.empty()) return fail("spool.no_reason", texts::say(texts::spoil_needs_reason));
  SpoilResult result{JobState::queued};
  auto r = db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    if (ref->state == A::in_doubt)
      return fail("spool.in_doubt", texts::say(texts::attempt_in_doubt_recovery));
    if (auto m = detail::move_attempt(db_, attempt_id, A::spoiled, now, reason); !m) return m;
    auto next = detail::requeue_or_fail(db_, ref->job_id, config_.attempt_limit, reason, now);
    if (!next) return next.error();
    result.job_state = *next;
    return ok();
  });
  if (!r) return r.error();
  return result;
}

Result<void> Attempts::void_and_reprint(std::string_view job_id, std::string_view operator_id,
                                        std::string_view approver_id, std::string_view reason) {
  if (operator_id.empty() || approver_id.empty())
    return fail("spool.no_operator", texts::say(texts::reprint_needs_two));
  if (operator_id == approver_id)
    return fail("spool.same_approver", texts::say(texts::reprint_same_approver));
  if (reason.empty()) return fail("spool.no_reason", texts::say(texts::reprint_needs_reason));
  return db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto good = good_attempt(job_id);
    if (!good) return good.error();
    auto state = detail::job_state(db_, job_id);
    if (!state) return state.error();
    if (*state != JobState::done || !*good)
      return fail("spool.transition_refused",
                  texts::say(texts::void_only_printed, job_id, texts::state_text(*state)));
    auto erased = db_.prepare("SELECT erased_at_ms IS NOT NULL FROM jobs WHERE id = ?1");
    if (!erased) return erased.error();
    auto row = erased->bind(1, job_id).step();
    if (!row) return row.error();
    if (*row && erased->column_int(0) != 0)
      return fail("spool.bundle_erased", texts::say(texts::reprint_erased, job_id));
    erased->reset();
    if (auto m = detail::move_attempt(db_, (*good)->id, A::voided, now, reason); !m) return m;
    if (auto m = detail::move_job(db_, job_id, JobState::queued, now, reason, operator_id); !m)
      return m;
    auto q = db_.prepare(
        "UPDATE jobs SET reprint_pending = 1, reprint_by = ?1, reprint_approved_by = ?2 "
        "WHERE id = ?3");
    if (!q) return q.error();
    return q->bind(1, operator_id).bind(2, approver_id).bind(3, job_id).run();
  });
}

}  // namespace ektp::spool
