#pragma once
/// The guarded state changes that jobs.cpp, attempts.cpp and recovery.cpp share
/// (internal to spool/). Each reads the current state, checks the transition against
/// states.cpp's table and updates only if the state is still the one it read; call
/// them inside Database::transaction().

#include <cstdint>
#include <optional>
#include <string_view>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/states.hpp"

namespace ektp::spool::detail {

/// Wall time in Unix milliseconds (the spool's timestamps).
std::int64_t now_ms(const Clock& clock);

/// The job's current state; "spool.unknown_job" when there is no such job.
Result<JobState> job_state(Database& db, std::string_view job_id);
/// Moves the job to `to` if states.cpp allows it from its current state; also sets
/// reason / decided_by when given (NULL-able columns left as they are otherwise).
Result<void> move_job(Database& db, std::string_view job_id, JobState to, std::int64_t now,
                      std::optional<std::string_view> reason = std::nullopt,
                      std::optional<std::string_view> decided_by = std::nullopt);

/// The attempt's current state and job; "spool.unknown_attempt" when absent.
struct AttemptRef {
  AttemptState state;
  std::string job_id;
};
Result<AttemptRef> attempt_ref(Database& db, std::int64_t attempt_id);
/// Moves the attempt to `to` if allowed; sets ended_at_ms on a final state and the
/// reason when given.
Result<void> move_attempt(Database& db, std::int64_t attempt_id, AttemptState to, std::int64_t now,
                          std::optional<std::string_view> reason = std::nullopt);

/// Refuses ("spool.no_chip_serial") when the attempt has no chip serial recorded: a chip
/// is declared locked only once it was read, since a good card is issued by its serial.
Result<void> require_chip_serial(Database& db, std::int64_t attempt_id);

/// After an attempt's blank was spoiled: the job goes back to queued, or to failed
/// when its spoiled attempts reach `attempt_limit`. Returns the job's new state.
Result<JobState> requeue_or_fail(Database& db, std::string_view job_id, int attempt_limit,
                                 std::string_view reason, std::int64_t now);

/// Once a job is both erased (erase_due) and handed over (hand_over), whichever comes
/// second: its attempts' chip serial and UID are cleared (mission.md 5: kept "until the
/// card is collected"). A no-op for any other job. The ledger keeps the serials of its
/// issue and spoil movements for good: see Spool::erase_due.
Result<void> forget_chip_ids_when_done_with(Database& db, std::string_view job_id);

}  // namespace ektp::spool::detail
