#pragma once
/// Jobs: accepted bundles waiting to be printed (intake, hold/release, cancel,
/// claim-next, look-up). Attempts (one physical try at a card) are in attempts.hpp.
///
/// Every call that changes something is one transaction, committed before it returns.
/// Extra statements in the same transaction (outbox events, audit entries): call the
/// function inside `db.transaction([&]{ ...; return outbox.add(...); })`; the call's
/// own transaction then nests as a savepoint and the outer one commits both or
/// neither (db.hpp).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/states.hpp"

namespace ektp::spool {

/// Settings of the queue.
struct QueueConfig {
  /// Spoiled attempts after which a job fails (Gagal) instead of going back to queued.
  int attempt_limit = 3;
};

/// A verified bundle to accept.
struct NewJob {
  std::string id;                          ///< central's job UUID (any case; stored lower case)
  std::vector<std::uint8_t> content_hash;  ///< 32 bytes: the bundle's hash (replay/conflict check)
  std::int64_t priority = 0;               ///< higher is printed first (after the pickup date)
  std::string pickup_date;                 ///< promised pickup date, "YYYY-MM-DD"
  std::string bundle_ref;                  ///< where the encrypted bundle is (opaque)
  std::vector<std::uint8_t> nik_hash;      ///< 32 bytes: keyed hash of the NIK, never the NIK
};

/// A job id as the store keeps it (central's UUID in lower case, ASCII only).
std::string stored_job_id(std::string_view id);

/// What accept() did.
enum class Intake {
  accepted,        ///< a new job, queued
  already_queued,  ///< same id, same content, still in the spool: nothing changed
};

/// A job as stored.
struct JobRecord {
  std::string id;
  std::vector<std::uint8_t> content_hash;
  JobState state = JobState::queued;
  std::int64_t priority = 0;
  std::string pickup_date;  ///< empty for a job rejected at intake
  std::int64_t received_at_ms = 0;
  std::string bundle_ref;
  std::vector<std::uint8_t> nik_hash;
  int attempt_count = 0;   ///< attempts made (claimed), reprints included
  int spoiled_count = 0;   ///< spoiled attempts (counted against the limit)
  std::string reason;      ///< why held / failed / cancelled / rejected (empty otherwise)
  std::string decided_by;  ///< who held / cancelled ("central" for central)
  bool reprint_pending = false;
  std::int64_t updated_at_ms = 0;
};

/// What claim_next() took: the job, now `claimed`, and its new attempt.
struct Claim {
  JobRecord job;
  std::int64_t attempt_id = 0;
  int attempt_number = 0;
  bool reprint = false;  ///< the attempt is an authorised reprint
};

/// The job queue over one Database. Not thread-safe (one connection).
class Jobs {
 public:
  Jobs(Database& db, const Clock& clock, QueueConfig config = {});

  /// Accepts a verified bundle: a new job, queued. Same id and same content while the
  /// job is still in the spool: a no-op (already_queued). Refused: a job id finished
  /// here before ("spool.job_finished", kept for good), the same id with other content
  /// ("spool.conflicting_bundle"), a malformed id, hash or date ("spool.bad_job").
  Result<Intake> accept(const NewJob& job);
  /// As above, with the job's wrapped data key stored in the new row (bundle_crypto.hpp;
  /// Spool::accept_bundles). Empty: none.
  Result<Intake> accept(const NewJob& job, std::span<const std::uint8_t> wrapped_key);
  /// Records a bundle refused at intake (Ditolak) so its id is remembered; true when
  /// recorded. When the id is already known (a job or a tombstone), nothing changes
  /// and false is returned: the existing job is untouched.
  Result<bool> reject(std::string_view job_id, std::span<const std::uint8_t> content_hash,
                      std::string_view reason);

  /// The job, or "spool.unknown_job".
  Result<JobRecord> get(std::string_view job_id);

  /// Held by an operator: claim-next skips it until released. Only a queued job.
  Result<void> hold(std::string_view job_id, std::string_view operator_id, std::string_view reason);
  Result<void> release(std::string_view job_id, std::string_view operator_id);
  /// Cancelled by an operator with a supervisor's approval (two different people).
  /// Refused once the job is being printed or printed.
  Result<void> cancel_by_operator(std::string_view job_id, std::string_view operator_id,
                                  std::string_view approver_id, std::string_view reason);
  /// Cancelled by central's signed cancel record. Same refusals.
  Result<void> cancel_by_central(std::string_view job_id, std::string_view reason);

  /// Takes the next job to print: the nearest promised pickup date, then the higher
  /// priority, then the oldest received (then the id, for a stable order). Held,
  /// blocked, cancelled and all non-queued jobs are skipped. Makes the job `claimed`
  /// and a new attempt `claimed`. Empty when nothing is queued. Refused
  /// ("spool.restored_store") while the store is a restored backup not yet stocktaken.
  Result<std::optional<Claim>> claim_next();

  /// Number of jobs in each state (every state listed, zeros included).
  Result<std::vector<std::pair<JobState, std::int64_t>>> count_by_state();

  const QueueConfig& config() const { return config_; }
  /// The FROM ... LIMIT 1 part of claim-next's query (its order), for tests of its plan.
  static std::string_view claim_query();

 private:
  Database& db_;
  const Clock& clock_;
  QueueConfig config_;
};

/// Checks "YYYY-MM-DD" is a real calendar date.
bool is_valid_date(std::string_view text);

}  // namespace ektp::spool
