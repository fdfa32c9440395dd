#pragma once
/// Recovery after a crash, kill or power cut: run once after every open, before the
/// pipeline starts.
///
/// Every attempt left between feeding and card out is flagged (one transaction):
///   - claimed (no blank fed yet): abandoned, its job back to queued (nothing to know);
///   - feeding .. chip_locked (no face released): to_recover. Nothing is unknowable;
///     the pipeline settles it alone by inspecting the encoder and the printer's
///     counter: resume() it, or spoil it (Attempts::spoil);
///   - permit_issued .. card_out (a face may have been printed): in_doubt, and its job
///     blocked. The spool never re-queues it; only an operator's decision (resolve)
///     does, after scanning the card.
/// Every settlement is recorded (who, when, what) in recovery_decisions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/attempts.hpp"
#include "spool/db.hpp"
#include "spool/jobs.hpp"

namespace ektp::spool {

/// What recover_after_open() found.
struct RecoveryReport {
  int abandoned = 0;   ///< claimed, no blank fed: job re-queued
  int to_recover = 0;  ///< before the permit: the pipeline settles them
  int in_doubt = 0;    ///< after the permit: an operator settles them
};

/// An interrupted attempt, with what is known about it.
struct InterruptedAttempt {
  AttemptRecord attempt;        ///< permit_issued / permit_used / chip_serial: what is known
  AttemptState interrupted_in;  ///< the step it was at when the station stopped
  JobState job_state;           ///< printing (to_recover) or blocked (in_doubt)
};

/// An operator's decision on an attempt in doubt, after scanning the card.
enum class DoubtDecision {
  card_good,     ///< the card is good: attempt done, job done
  card_spoiled,  ///< no good card: attempt spoiled, job queued again (or failed at the limit)
};

/// Flags every interrupted attempt (see above), in one transaction.
Result<RecoveryReport> recover_after_open(Database& db, const Clock& clock);

/// Attempts waiting for recovery (to_recover and in_doubt), oldest first.
Result<std::vector<InterruptedAttempt>> list_interrupted(Database& db);

/// The pipeline found the card and continues: to_recover -> in_encoder (card in the
/// encoder, chip to be written again) or chip_locked (chip found verified and locked).
/// Recorded with actor "station" and the note.
Result<void> resume(Database& db, const Clock& clock, std::int64_t attempt_id, AttemptState to,
                    std::string_view note);

/// An operator's decision on an attempt in doubt (recorded with who, when, what).
/// Returns the job's new state (done, queued, or failed at the attempt limit).
/// card_good needs the chip serial (the ledger issues a good card by its serial): the
/// one recorded, or else `scanned_serial`, read off the card by the operator (then
/// recorded on the attempt). Refused: no serial at all ("spool.no_chip_serial"), or a
/// scanned serial that differs from the recorded one ("spool.serial_mismatch": it is
/// another card).
Result<JobState> resolve_in_doubt(Database& db, const Clock& clock, const QueueConfig& config,
                                  std::int64_t attempt_id, DoubtDecision decision,
                                  std::string_view operator_id, std::string_view note,
                                  std::string_view scanned_serial = {});

}  // namespace ektp::spool
