#pragma once
/// The spool as the station uses it: one store, and every state change that matters
/// as ONE transaction together with its ledger movement, outbox event and audit entry
/// (issue 12: "every event ... in the same transaction as the state change it
/// reports"). The pipeline, the intake and the ops tool call this; the modules under it
/// (jobs, attempts, recovery, ledger, outbox, audit) stay usable for reads and tests.
///
/// What each call writes, besides the state change (all or nothing):
///   accept            outbox job_accepted (Proses), when the job is new
///   reject            outbox job_rejected (Ditolak, reason), when the id was new
///   start_feeding     ledger feed (hopper -> card path); outbox job_printing on the
///                     job's first fed attempt and on a reprint's
///   release_attempt   nothing (claimed -> abandoned: no blank left the hopper)
///   finish            ledger issue (card path -> issued, chip serial, attempt);
///                     outbox card_good (Selesai, chip serial and UID); job done
///   spoil             ledger spoil (card path -> spoiled, reason, serial when known);
///                     outbox blank_spoiled; job_failed (Gagal) at the attempt limit
///   resolve_in_doubt  as finish or spoil (reason operator), + audit attempt.resolve
///   hold, release     audit job.hold / job.release
///   cancel            audit job.cancel (two people); outbox job_failed (reason cancelled)
///   cancel_by_central outbox job_failed (reason cancelled_by_central); no audit (no operator)
///   void_and_reprint  ledger spoil issued -> spoiled (voided, two people); outbox
///                     blank_spoiled; audit card.void and job.reprint (two people)
///   receive/load/return/spoil_in_hopper/stocktake: the ledger movement(s) and an audit
///                     entry; a stocktake also clears a restored store's mark
/// Every audit entry goes out as an outbox audit_entry event in the same transaction.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/attempts.hpp"
#include "spool/db.hpp"
#include "spool/jobs.hpp"
#include "spool/ledger.hpp"
#include "spool/recovery.hpp"

namespace ektp::spool {

/// How a spoiled attempt is reported: the ledger's reason code and words for people.
struct SpoilCause {
  ledger::SpoilReason reason = ledger::SpoilReason::operator_decision;
  std::string detail;  ///< what happened, for people (no personal data); may be empty
};

class Spool {
 public:
  /// Opens the store (db.hpp) and runs recovery after open (recovery.hpp).
  static Result<Spool> open(const OpenOptions& options, const Clock& clock,
                            QueueConfig config = {});
  /// Over a store already open (recovery is the caller's).
  Spool(Database db, const Clock& clock, QueueConfig config = {});

  Spool(Spool&&) noexcept;
  Spool& operator=(Spool&&) = delete;
  ~Spool();

  /// For reads (get, lists, counts, reports) and tests; change state through Spool.
  Database& db();
  Jobs& jobs();
  Attempts& attempts();
  /// What recovery found when open() ran it.
  const RecoveryReport& recovery() const;

  // ---- intake -------------------------------------------------------------------
  Result<Intake> accept(const NewJob& job);
  /// A bundle refused at intake: remembered as rejected and reported (Ditolak) when the
  /// id is new; an id already known is left as it is and nothing is reported.
  Result<void> reject(std::string_view job_id, std::span<const std::uint8_t> content_hash,
                      std::string_view reason_code, std::string_view reason_message);

  // ---- the card pipeline, each call before the physical step it announces ----------
  /// Jobs::claim_next (nothing to report yet: no blank moved).
  Result<std::optional<Claim>> claim_next();
  /// claimed -> abandoned, no blank was fed (card absent, reader gone): nothing moves.
  Result<void> release_attempt(std::int64_t attempt_id, std::string_view reason);
  /// claimed -> feeding with the ledger feed; refused with the ledger's
  /// "ledger.hopper_empty" (and nothing changed) when the hopper is empty.
  Result<void> start_feeding(std::int64_t attempt_id);
  /// The other plain steps (in_encoder, chip_writing, chip_locked, card_out).
  Result<void> advance(std::int64_t attempt_id, AttemptState to);
  Result<void> record_chip(std::int64_t attempt_id, std::string_view serial, std::string_view uid);
  Result<PermitToken> issue_permit(std::int64_t attempt_id);
  Result<void> use_permit(std::int64_t attempt_id, const PermitToken& token,
                          std::int64_t cups_job_id);
  /// card_out -> done: a good card (needs the chip serial, record_chip).
  Result<void> finish(std::int64_t attempt_id);
  /// Any step from feeding on (or to_recover) -> spoiled; the blank in the card path
  /// is spoiled. Not for an attempt in doubt (resolve_in_doubt).
  Result<SpoilResult> spoil(std::int64_t attempt_id, const SpoilCause& cause);
  /// to_recover -> in_encoder / chip_locked (recovery.hpp; nothing moves).
  Result<void> resume(std::int64_t attempt_id, AttemptState to, std::string_view note);

  // ---- operators --------------------------------------------------------------
  Result<JobState> resolve_in_doubt(std::int64_t attempt_id, DoubtDecision decision,
                                    std::string_view operator_id, std::string_view note);
  Result<void> hold(std::string_view job_id, std::string_view operator_id, std::string_view reason);
  Result<void> release(std::string_view job_id, std::string_view operator_id);
  Result<void> cancel(std::string_view job_id, std::string_view operator_id,
                      std::string_view approver_id, std::string_view reason);
  Result<void> cancel_by_central(std::string_view job_id, std::string_view reason);
  Result<void> void_and_reprint(std::string_view job_id, std::string_view operator_id,
                                std::string_view approver_id, std::string_view reason);

  // ---- blank stock (the `at` of each is set from the spool's clock) -------------
  Result<std::int64_t> receive_stock(ledger::Receipt receipt);
  Result<std::int64_t> load_hopper(ledger::Load load);
  Result<std::int64_t> return_stock(ledger::Return ret);
  /// Blanks found damaged in the hopper (spoil from the hopper, by an operator).
  Result<std::int64_t> spoil_in_hopper(std::int64_t count, ledger::SpoilReason reason,
                                       std::string_view operator_id, std::string_view note);
  /// The counted stock, corrections as needed, and the restored mark cleared.
  Result<std::vector<std::int64_t>> stocktake(ledger::Stocktake stocktake);

 private:
  struct Parts;
  ledger::Time now() const;
  /// The audit entry and its outbox event, in the caller's transaction.
  Result<void> audit(std::string_view operator_id, std::string_view action,
                     std::string_view target_kind, std::string_view target_id,
                     std::string detail_json, std::optional<std::string_view> approver = {});
  /// Ledger issue + card_good for an attempt whose state change is already made.
  Result<void> report_good_card(const AttemptRecord& attempt);
  /// Ledger spoil of the attempt's blank + blank_spoiled (+ job_failed at the limit).
  Result<void> report_spoiled_card(const AttemptRecord& attempt, const SpoilCause& cause,
                                   JobState job_state, std::optional<std::string> operator_id);
  Result<void> report_failed(std::string_view job_id, std::string_view code);

  std::unique_ptr<Parts> parts_;
};

}  // namespace ektp::spool
