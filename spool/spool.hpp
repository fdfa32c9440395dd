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
///   unfeed            ledger unfeed (card path -> hopper: the printer fed nothing after
///                     all); audit card.unfeed (operator "station"); job back to queued
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
///   accept_bundle(s)  as accept; the sealed bundle file is written (and synced) first
///   erase_due         per job: wrapped key deleted + audit job.erase (operator "station")
/// Every audit entry goes out as an outbox audit_entry event in the same transaction.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/attempts.hpp"
#include "spool/db.hpp"
#include "spool/jobs.hpp"
#include "spool/ledger.hpp"
#include "spool/recovery.hpp"
#include "spool/storage_key.hpp"

namespace ektp::spool {

/// How a spoiled attempt is reported: the ledger's reason code and words for people.
struct SpoilCause {
  ledger::SpoilReason reason = ledger::SpoilReason::operator_decision;
  std::string detail;  ///< what happened, for people (no personal data); may be empty
};

/// When a finished job's personal data is erased (erase_due).
struct ErasureConfig {
  /// Kept this long after the job finished (done, failed, cancelled), e.g. for a
  /// reprint; erased once this has passed AND central acknowledged the final event.
  std::chrono::milliseconds retention = std::chrono::days{7};
};

/// A bundle to accept with accept_bundles.
struct BundleToAccept {
  NewJob job;  ///< bundle_ref is filled in by the spool (left empty by the caller)
  std::span<const std::uint8_t> bundle;  ///< the verified bundle, in clear (memory only)
};

/// What verify_all_blobs found.
struct BlobCheck {
  std::int64_t checked = 0;     ///< jobs whose sealed bundle was read and its tag verified
  std::vector<Error> failures;  ///< one per job that failed (the error names the job)
};

class Spool {
 public:
  /// Opens the store (db.hpp) and runs recovery after open (recovery.hpp). Without a
  /// storage key: bundles cannot be sealed or read (accept_bundle is refused); for
  /// tools and tests that do not touch personal data.
  static Result<Spool> open(const OpenOptions& options, const Clock& clock,
                            QueueConfig config = {});
  /// As above, with the station's storage key (storage_key.hpp): refused
  /// ("spool.wrong_storage_key") when the store's data keys were wrapped under another
  /// key; a new store remembers this key's check value. Orphaned bundle files (a crash
  /// between a file and its row, or during an erasure) are collected.
  static Result<Spool> open(const OpenOptions& options, const Clock& clock, QueueConfig config,
                            StorageKey key, ErasureConfig erasure = {});
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
  /// A job whose bundle is stored elsewhere (job.bundle_ref opaque, nothing sealed
  /// here): for tools and tests. The station accepts with accept_bundle.
  Result<Intake> accept(const NewJob& job);
  /// Accepts a verified bundle: the spool seals it under a new data key (bundle_crypto.hpp),
  /// writes the file durably, then commits the row (bundle_ref = the file, wrapped key)
  /// with its job_accepted event. job.content_hash: the bundle's SHA-256 (filled in when
  /// empty; refused when it does not match). Same refusals as Jobs::accept; no storage
  /// key: "spool.no_storage_key". Nothing is left behind by a refusal.
  Result<Intake> accept_bundle(NewJob job, std::span<const std::uint8_t> bundle);
  /// Many at once (one directory sync, one transaction; the intake's batches of at most
  /// 100): all or nothing; on an error, accept them one by one to find the bad one.
  Result<std::vector<Intake>> accept_bundles(std::span<const BundleToAccept> bundles);
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
  /// feeding -> abandoned when the printer reports that the blank never moved (hopper
  /// empty at feed time): the ledger's unfeed puts it back (card path -> hopper), the
  /// job goes back to queued and nothing counts against its attempt limit; audited as
  /// card.unfeed by "station". Refused ("spool.transition_refused") for an attempt that
  /// is not feeding, and without a reason ("spool.no_reason").
  Result<void> unfeed(std::int64_t attempt_id, std::string_view reason);
  /// The other plain steps (in_encoder, chip_writing, chip_locked, card_out).
  Result<void> advance(std::int64_t attempt_id, AttemptState to);
  Result<void> record_chip(std::int64_t attempt_id, std::string_view serial, std::string_view uid);
  Result<PermitToken> issue_permit(std::int64_t attempt_id);
  Result<void> use_permit(std::int64_t attempt_id, const PermitToken& token,
                          std::int64_t cups_job_id);
  /// permit_issued -> chip_locked: an unused permit withdrawn (its print job ended before
  /// the backend asked for the face); a fresh one may be issued. Audited permit.withdraw
  /// by "station". Refused once used ("spool.permit_used").
  Result<void> withdraw_permit(std::int64_t attempt_id);
  /// permit_issued .. card_out -> in_doubt, the job blocked, while the station runs:
  /// nobody can tell whether the face was printed. Audited attempt.doubt by "station";
  /// an operator settles it (resolve_in_doubt).
  Result<void> hold_in_doubt(std::int64_t attempt_id, std::string_view why);
  /// card_out -> done: a good card (needs the chip serial, record_chip).
  Result<void> finish(std::int64_t attempt_id);
  /// Any step from feeding on (or to_recover) -> spoiled; the blank in the card path
  /// is spoiled. Not for an attempt in doubt (resolve_in_doubt).
  Result<SpoilResult> spoil(std::int64_t attempt_id, const SpoilCause& cause);
  /// to_recover -> in_encoder / chip_locked (recovery.hpp; nothing moves).
  Result<void> resume(std::int64_t attempt_id, AttemptState to, std::string_view note);

  // ---- operators --------------------------------------------------------------
  /// See recovery.hpp: card_good takes the chip serial the operator scanned when none
  /// was recorded (the ledger issues a good card by its serial).
  Result<JobState> resolve_in_doubt(std::int64_t attempt_id, DoubtDecision decision,
                                    std::string_view operator_id, std::string_view note,
                                    std::string_view scanned_serial = {});
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
  /// A good card handed over to its citizen (Diambil): recorded once, reported
  /// (outbox handed_over) and audited (job.hand_over), and the job's keyed NIK hash
  /// overwritten with zeros (and, when erase_due already erased the job, its attempts'
  /// chip serial and UID cleared), all in one transaction. Refused unless the job is done
  /// ("spool.not_done") or when it was handed over already ("spool.already_handed_over").
  Result<void> hand_over(std::string_view job_id, std::string_view operator_id);
  /// A stock report event (outbox stock_report): the buckets and the days of stock
  /// left at the recent rate (ledger_reports.hpp). For the daily report and on request.
  Result<void> report_stock();

  /// The counted stock, corrections as needed, and the restored mark cleared.
  Result<std::vector<std::int64_t>> stocktake(ledger::Stocktake stocktake);

  // ---- personal data at rest (spool_bundles.cpp) -------------------------------
  /// The job's bundle, decrypted and its tag verified. Refused: "spool.bundle_erased",
  /// "spool.no_bundle" (accepted without one), "spool.blob_missing",
  /// "spool.bundle_damaged" (naming the job, never content), "spool.no_storage_key".
  /// Keep the result in memory only, and only as long as needed.
  Result<std::vector<std::uint8_t>> read_bundle(std::string_view job_id);
  /// Reads every stored bundle and verifies its tag (the full check on demand).
  Result<BlobCheck> verify_all_blobs();
  /// Removes packs no job names and temp files, and finishes erasures cut short (zeroes
  /// the bytes of jobs whose key is gone); returns how many files were removed. Runs at
  /// every open with the storage key.
  Result<int> collect_orphan_blobs();
  /// Erases the personal data of every job that is due: finished (done, failed,
  /// cancelled), its final event (card_good / job_failed, the latest) acknowledged by
  /// central, and finished at least the retention before `now`. Per job: the wrapped
  /// data key is deleted (secure_delete zeroes it) and erased_at_ms set, with an audit
  /// entry job.erase (and its outbox event) in the same transaction; then the bundle's
  /// bytes in its pack are overwritten with zeros and bundle_ref becomes 'erased' (a
  /// pack no row names any more is deleted; a crash in between is finished by the next
  /// open), and the WAL is checkpointed and truncated so no old page holding the key
  /// stays in it. Kept: the tombstone (id, content hash,
  /// outcome) for good; the keyed NIK hash and the attempts' chip serial/UID until
  /// handover (hand_over zeroes the NIK hash; whichever of erasure and handover comes
  /// second clears attempts.chip_serial/chip_uid of the job). The ledger's issue and
  /// spoil movements keep their chip serial for good, by design: every blank is
  /// accounted for by serial (the destruction report lists spoiled serials; issued
  /// serials reconcile with central's card register), the ledger is never changed
  /// (schema 0002), and at the station the serial no longer leads to a person once the
  /// bundle is erased (the job id leads to one only at central). The outbox card_good
  /// event also carries serial and UID until acknowledged events are pruned (not done
  /// yet). Returns how many jobs were erased.
  Result<int> erase_due(ledger::Time now);

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
