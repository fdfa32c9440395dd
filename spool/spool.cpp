// The spool facade: intake and the card pipeline, each step one transaction with its
// ledger movement and outbox event (see spool.hpp). Operator actions: spool_operator.cpp.
#include "spool/spool.hpp"

#include <nlohmann/json.hpp>

#include "spool/audit.hpp"
#include "spool/outbox.hpp"
#include "spool/spool_messages_operator.hpp"
#include "spool/spool_parts.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

using A = AttemptState;

Result<Spool> Spool::open(const OpenOptions& options, const Clock& clock, QueueConfig config) {
  auto db = Database::open(options);
  if (!db) return db.error();
  Spool spool(std::move(db).value(), clock, config);
  auto report = recover_after_open(spool.db(), clock);
  if (!report) return report.error();
  spool.parts_->recovery = *report;
  return spool;
}

Result<Spool> Spool::open(const OpenOptions& options, const Clock& clock, QueueConfig config,
                          StorageKey key, ErasureConfig erasure) {
  auto spool = open(options, clock, config);
  if (!spool) return spool.error();
  if (auto r = detail::check_storage_key(spool->db(), key, detail::now_ms(clock)); !r)
    return r.error();
  spool->parts_->key.emplace(std::move(key));
  spool->parts_->erasure = erasure;
  if (auto c = spool->collect_orphan_blobs(); !c) return c.error();
  return spool;
}

Spool::Spool(Database db, const Clock& clock, QueueConfig config)
    : parts_(std::make_unique<Parts>(std::move(db), clock, config)) {}

Spool::Spool(Spool&&) noexcept = default;
Spool::~Spool() = default;

Database& Spool::db() { return parts_->db; }
Jobs& Spool::jobs() { return parts_->jobs; }
Attempts& Spool::attempts() { return parts_->attempts; }
const RecoveryReport& Spool::recovery() const { return parts_->recovery; }
ledger::Time Spool::now() const { return parts_->clock.wall_now(); }

// ---- intake ---------------------------------------------------------------------

Result<Intake> Spool::accept(const NewJob& job) {
  Intake outcome = Intake::accepted;
  auto r = db().transaction([&]() -> Result<void> {
    auto accepted = jobs().accept(job);
    if (!accepted) return accepted.error();
    outcome = *accepted;
    if (outcome != Intake::accepted) return ok();  // already queued: reported before
    auto stored = jobs().get(job.id);              // the id as stored (lower case)
    if (!stored) return stored.error();
    return detail::append_event(db(), outbox::events::job_accepted(stored->id), now());
  });
  if (!r) return r.error();
  return outcome;
}

Result<void> Spool::reject(std::string_view job_id, std::span<const std::uint8_t> content_hash,
                           std::string_view reason_code, std::string_view reason_message) {
  return db().transaction([&]() -> Result<void> {
    auto recorded = jobs().reject(job_id, content_hash, reason_code);
    if (!recorded) return recorded.error();
    // A known id keeps its own story: a bad copy of it says nothing about the job.
    if (!*recorded) return ok();
    auto stored = jobs().get(job_id);
    if (!stored) return stored.error();
    return detail::append_event(
        db(), outbox::events::job_rejected(stored->id, reason_code, reason_message), now());
  });
}

// ---- the card pipeline ----------------------------------------------------------

Result<std::optional<Claim>> Spool::claim_next() { return jobs().claim_next(); }

Result<void> Spool::release_attempt(std::int64_t attempt_id, std::string_view reason) {
  return attempts().release(attempt_id, reason);
}

Result<void> Spool::unfeed(std::int64_t attempt_id, std::string_view reason) {
  return db().transaction([&]() -> Result<void> {
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    if (auto r = attempts().unfeed(attempt_id, reason); !r) return r;
    auto moved = ledger::record_unfeed(db(), {.attempt_id = attempt_id,
                                              .job_id = attempt->job_id,
                                              .reason = std::string(reason),
                                              .at = now()});
    if (!moved) return moved.error();
    // No event of its own in central-protocol.md (the job stays Proses): the audit
    // entry (and its outbox audit_entry event) makes the movement known to central.
    const std::string detail = nlohmann::json{
        {"attempt_id", attempt_id},
        {"job_id", attempt->job_id},
        {"movement_id", *moved},
        {"reason", reason}}.dump();
    return audit("station", audit::actions::card_unfeed, "ledger_movement", std::to_string(*moved),
                 detail);
  });
}

Result<void> Spool::withdraw_permit(std::int64_t attempt_id) {
  return db().transaction([&]() -> Result<void> {
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    if (auto r = attempts().withdraw_permit(attempt_id); !r) return r;
    const std::string detail =
        nlohmann::json{{"attempt_id", attempt_id}, {"job_id", attempt->job_id}}.dump();
    return audit("station", audit::actions::permit_withdraw, "attempt", std::to_string(attempt_id),
                 detail);
  });
}

Result<void> Spool::hold_in_doubt(std::int64_t attempt_id, std::string_view why) {
  return db().transaction([&]() -> Result<void> {
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    if (auto r = attempts().hold_in_doubt(attempt_id, why); !r) return r;
    const std::string detail = nlohmann::json{
        {"attempt_id", attempt_id},
        {"job_id", attempt->job_id},
        {"why", why}}.dump();
    return audit("station", audit::actions::attempt_doubt, "attempt", std::to_string(attempt_id),
                 detail);
  });
}

Result<void> Spool::start_feeding(std::int64_t attempt_id) {
  return db().transaction([&]() -> Result<void> {
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    if (auto r = attempts().advance(attempt_id, A::feeding); !r) return r;
    auto fed = ledger::record_feed(
        db(), {.job_id = attempt->job_id, .attempt_id = attempt_id, .at = now()});
    if (!fed) return fed.error();
    // Proses -> printing once per card wanted: the job's first blank, or a reprint's.
    auto earlier = db().prepare(
        "SELECT count(*) FROM attempts WHERE job_id = ?1 AND id <> ?2 "
        "AND state NOT IN ('claimed', 'abandoned')");
    if (!earlier) return earlier.error();
    auto row = earlier->bind(1, attempt->job_id).bind(2, attempt_id).step();
    if (!row) return row.error();
    if (earlier->column_int(0) > 0 && !attempt->reprint) return ok();
    return detail::append_event(
        db(), outbox::events::job_printing(attempt->job_id, attempt->number), now());
  });
}

Result<void> Spool::advance(std::int64_t attempt_id, AttemptState to) {
  if (to == A::feeding) return fail("spool.transition_refused", texts::say(texts::feed_wrong_call));
  return attempts().advance(attempt_id, to);
}

Result<void> Spool::record_chip(std::int64_t attempt_id, std::string_view serial,
                                std::string_view uid) {
  return attempts().record_chip(attempt_id, serial, uid);
}

Result<PermitToken> Spool::issue_permit(std::int64_t attempt_id) {
  return attempts().issue_permit(attempt_id);
}

Result<void> Spool::use_permit(std::int64_t attempt_id, const PermitToken& token,
                               std::int64_t cups_job_id) {
  return attempts().use_permit(attempt_id, token, cups_job_id);
}

Result<void> Spool::finish(std::int64_t attempt_id) {
  return db().transaction([&]() -> Result<void> {
    if (auto r = attempts().finish(attempt_id); !r) return r;
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    return report_good_card(*attempt);
  });
}

Result<SpoilResult> Spool::spoil(std::int64_t attempt_id, const SpoilCause& cause) {
  SpoilResult result{JobState::queued};
  auto r = db().transaction([&]() -> Result<void> {
    std::string reason(ledger::to_string(cause.reason));
    if (!cause.detail.empty()) reason += ": " + cause.detail;
    auto spoiled = attempts().spoil(attempt_id, reason);
    if (!spoiled) return spoiled.error();
    result = *spoiled;
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    return report_spoiled_card(*attempt, cause, result.job_state, std::nullopt);
  });
  if (!r) return r.error();
  return result;
}

Result<void> Spool::resume(std::int64_t attempt_id, AttemptState to, std::string_view note) {
  return spool::resume(db(), parts_->clock, attempt_id, to, note);
}

// ---- what a card's end writes besides its state --------------------------------

Result<void> Spool::report_good_card(const AttemptRecord& attempt) {
  auto issued = ledger::record_issue(db(), {.chip_serial = attempt.chip_serial,
                                            .attempt_id = attempt.id,
                                            .job_id = attempt.job_id,
                                            .at = now()});
  if (!issued) return issued.error();
  return detail::append_event(db(),
                              outbox::events::card_good(attempt.job_id, attempt.number,
                                                        attempt.chip_serial, attempt.chip_uid),
                              now());
}

Result<void> Spool::report_spoiled_card(const AttemptRecord& attempt, const SpoilCause& cause,
                                        JobState job_state,
                                        std::optional<std::string> operator_id) {
  ledger::Spoil spoil{.from = ledger::Bucket::in_card_path,
                      .count = 1,
                      .reason = cause.reason,
                      .serial = detail::non_empty(attempt.chip_serial),
                      .job_id = attempt.job_id,
                      .attempt_id = attempt.id,
                      .operator_id = std::move(operator_id),
                      .approver = std::nullopt,
                      .note = cause.detail,
                      .at = now()};
  auto moved = ledger::record_spoil(db(), spoil);
  if (!moved) return moved.error();
  if (auto e = detail::append_event(db(), outbox::events::blank_spoiled(*moved, spoil), now()); !e)
    return e;
  if (job_state == JobState::failed) return report_failed(attempt.job_id, "attempt_limit");
  return ok();
}

Result<void> Spool::report_failed(std::string_view job_id, std::string_view code) {
  auto job = jobs().get(job_id);
  if (!job) return job.error();
  return detail::append_event(db(), outbox::events::job_failed(job->id, code, job->reason), now());
}

}  // namespace ektp::spool
