#pragma once
/// Attempts: each physical try at a card for a job, step by step, and the
/// single-use print permit.
///
/// Every call is one transaction that is committed before it returns: call it
/// *before* the physical step it announces (feed, write, release the face...). To add
/// statements to the same transaction (outbox event, ledger move, audit entry), call
/// it inside an outer `db.transaction(...)`: it nests (db.hpp), and the outer commit
/// covers both.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/jobs.hpp"
#include "spool/states.hpp"

namespace ektp::spool {

/// The print permit's secret: 32 random bytes, handed to the station's CUPS backend
/// with the job. Only its SHA-256 is stored (a copy of the store or a backup cannot
/// be used to print a face), and the hash is the look-up key.
using PermitToken = std::array<std::uint8_t, 32>;

/// An attempt as stored.
struct AttemptRecord {
  std::int64_t id = 0;
  std::string job_id;
  int number = 0;
  AttemptState state = AttemptState::claimed;
  bool reprint = false;
  std::string chip_serial;  ///< empty until known
  std::string chip_uid;     ///< empty until known
  std::optional<std::int64_t> cups_job_id;
  bool permit_issued = false;
  bool permit_used = false;
  int permits_withdrawn = 0;  ///< unused permits withdrawn (withdraw_permit)
  std::string reason;  ///< why spoiled / voided / how recovered
  std::int64_t started_at_ms = 0;
  std::int64_t updated_at_ms = 0;
  std::optional<std::int64_t> ended_at_ms;
};

/// What happened to the job when its attempt was spoiled.
struct SpoilResult {
  JobState job_state;  ///< queued (will try again) or failed (attempt limit)
};

class Attempts {
 public:
  Attempts(Database& db, const Clock& clock, QueueConfig config = {});

  /// The attempt, or "spool.unknown_attempt".
  Result<AttemptRecord> get(std::int64_t attempt_id);
  /// The attempt that made the job's card (state done), if any.
  Result<std::optional<AttemptRecord>> good_attempt(std::string_view job_id);

  /// The plain forward steps: feeding (the job becomes printing), in_encoder,
  /// chip_writing, chip_locked, card_out. Anything else: use the functions below;
  /// a step states.cpp does not allow from the current state is refused.
  Result<void> advance(std::int64_t attempt_id, AttemptState to);
  /// Records the chip's serial and UID once read (any live state).
  Result<void> record_chip(std::int64_t attempt_id, std::string_view serial, std::string_view uid);
  /// claimed -> abandoned, before any blank was fed (card absent, reader gone):
  /// the job goes back to queued and nothing counts against its limit.
  Result<void> release(std::int64_t attempt_id, std::string_view reason);
  /// feeding -> abandoned, the printer having fed nothing after all: the job goes back
  /// to queued and nothing counts against its limit. The ledger's unfeed movement is
  /// the caller's (Spool::unfeed, same transaction). Refused for any other state.
  Result<void> unfeed(std::int64_t attempt_id, std::string_view reason);

  /// chip_locked -> permit_issued: returns the single-use token. Never issued twice
  /// for an attempt (also enforced by a trigger).
  Result<PermitToken> issue_permit(std::int64_t attempt_id);
  /// permit_issued -> permit_used, by the CUPS backend before it sends the first byte.
  /// Refused: an unknown token, another attempt's token, a token already used, an
  /// attempt no longer in permit_issued ("spool.permit_refused").
  Result<void> use_permit(std::int64_t attempt_id, const PermitToken& token,
                          std::int64_t cups_job_id);

  /// permit_issued -> chip_locked: the unused permit is withdrawn (its hash cleared, so
  /// its token is refused from now on) and may be issued afresh. Refused once the permit
  /// was used ("spool.permit_used") or from any other state.
  Result<void> withdraw_permit(std::int64_t attempt_id);
  /// permit_issued / permit_used / card_out -> in_doubt (`why` kept as the reason), the
  /// job blocked: nobody can tell whether the face was printed; an operator settles it.
  Result<void> hold_in_doubt(std::int64_t attempt_id, std::string_view why);

  /// card_out -> done: a good card; the job is done (tombstone kept for good).
  Result<void> finish(std::int64_t attempt_id);
  /// Any live step -> spoiled with its reason; the job goes back to queued, or to
  /// failed once its spoiled attempts reach the attempt limit.
  Result<SpoilResult> spoil(std::int64_t attempt_id, std::string_view reason);

  /// Voids the job's good card and queues it again for one counted reprint, approved
  /// by two different people (operator, approver). Only a done job.
  Result<void> void_and_reprint(std::string_view job_id, std::string_view operator_id,
                                std::string_view approver_id, std::string_view reason);

 private:
  /// `from` -> abandoned and the job back to queued (release, unfeed).
  Result<void> abandon(std::int64_t attempt_id, AttemptState from, std::string_view reason);

  Database& db_;
  const Clock& clock_;
  QueueConfig config_;
};

}  // namespace ektp::spool
