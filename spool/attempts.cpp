// Attempts and the single-use print permit (see attempts.hpp).
#include "spool/attempts.hpp"

#include <sodium.h>

#include <cstdlib>

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
  return fail("spool.permit_refused",
              "The card face was not sent to the printer: " + why +
                  ". No second face is ever printed for one chip; if a card is missing, "
                  "spoil this attempt and let the job be printed again.");
}

}  // namespace

Attempts::Attempts(Database& db, const Clock& clock, QueueConfig config)
    : db_(db), clock_(clock), config_(config) {}

Result<AttemptRecord> Attempts::get(std::int64_t attempt_id) {
  auto q = db_.prepare(std::string("SELECT ") + kAttemptColumns + " FROM attempts WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, attempt_id).step();
  if (!row) return row.error();
  if (!*row)
    return fail("spool.unknown_attempt",
                "There is no card attempt " + std::to_string(attempt_id) + " at this station.");
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
                "'" + std::string(describe(to)) +
                    "' is not a plain step of a card attempt; "
                    "the station software used the wrong call (report it).");
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
      return fail("spool.transition_refused", "The card attempt is already " +
                                                  std::string(describe(ref->state)) +
                                                  "; its chip details cannot change.");
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
  if (reason.empty())
    return fail("spool.no_reason",
                "A card put back into the hopper needs a reason (what the printer reported).");
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
          "The card attempt is " + std::string(describe(ref->state)) +
              (from == A::claimed ? "; only an attempt whose blank was not fed yet can be released."
                                  : "; only a card being fed can be put back into the hopper."));
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
    if (!*row) return permit_refused("the print permit is not one this station issued");
    if (q->column_int(0) != attempt_id)
      return permit_refused("the print permit belongs to another card attempt");
    if (q->column_int(2) != 0) return permit_refused("the print permit was already used");
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_attempt(db_, attempt_id, A::permit_used, now); !m)
      return permit_refused("the card attempt is no longer waiting for its face (" +
                            m.error().message + ")");
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
      return fail("spool.permit_used",
                  "The print permit of card attempt " + std::to_string(attempt_id) +
                      " was already used: the face may be on the card, so it is never "
                      "withdrawn or issued again.");
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
                  "The card attempt is " + std::string(describe(ref->state)) +
                      "; only a card out of the printer can be declared good.");
    if (auto r = detail::move_attempt(db_, attempt_id, A::done, now); !r) return r;
    return detail::move_job(db_, ref->job_id, JobState::done, now);
  });
}

Result<SpoilResult> Attempts::spoil(std::int64_t attempt_id, std::string_view reason) {
  if (reason.empty())
    return fail("spool.no_reason", "A spoiled card needs a reason (for the destruction report).");
  SpoilResult result{JobState::queued};
  auto r = db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto ref = detail::attempt_ref(db_, attempt_id);
    if (!ref) return ref.error();
    if (ref->state == A::in_doubt)
      return fail("spool.in_doubt",
                  "This card attempt is in doubt: an operator decides what "
                  "happened to its card (recovery).");
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
    return fail("spool.no_operator", "A reprint needs the operator and a supervisor to log in.");
  if (operator_id == approver_id)
    return fail("spool.same_approver",
                "A reprint needs a second person: the approver must be "
                "someone other than the operator.");
  if (reason.empty()) return fail("spool.no_reason", "A reprint needs a reason.");
  return db_.transaction([&]() -> Result<void> {
    const auto now = detail::now_ms(clock_);
    auto good = good_attempt(job_id);
    if (!good) return good.error();
    auto state = detail::job_state(db_, job_id);
    if (!state) return state.error();
    if (*state != JobState::done || !*good)
      return fail("spool.transition_refused", "Job " + std::string(job_id) + " is " +
                                                  std::string(describe(*state)) +
                                                  "; only a printed card can be voided.");
    auto erased = db_.prepare("SELECT erased_at_ms IS NOT NULL FROM jobs WHERE id = ?1");
    if (!erased) return erased.error();
    auto row = erased->bind(1, job_id).step();
    if (!row) return row.error();
    if (*row && erased->column_int(0) != 0)
      return fail("spool.bundle_erased",
                  "Job " + std::string(job_id) +
                      " cannot be reprinted here: its personal data was erased after it was "
                      "finished. Ask the central office for a new job for this citizen.");
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
