#pragma once
/// The station's jobs on its CUPS queue, through libcups: submit a placeholder held,
/// release it, cancel it, list what CUPS still has to finish, and the start-up rule.
/// Blocking calls (one or two IPP exchanges, each bounded by 30 s); CupsDriver
/// (cups_driver.hpp) adds the one-card-in-flight rule and the waiting on top.
///
/// Start-up rule (docs/printing.md): a job is the station's own when BOTH its
/// job-originating-user-name is the station's CUPS user (cupsUser(), the user the
/// daemon runs as unless $CUPS_USER says otherwise) AND its job-name starts with
/// "ektp-attempt-". At start the station cancels every unfinished job (pending, held,
/// processing, stopped) of its queue that is its own, and leaves every other job alone:
/// jobs of other users, and the same user's jobs under other names. A held job left from
/// before a restart must never be released by anyone: its attempt is decided from the
/// permit record and the card path, and a new attempt gets a new job.

#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/cups_queue.hpp"

namespace ektp::printer {

/// A job CUPS has not finished.
struct QueuedJob {
  int id = 0;
  std::string name;  ///< job-name ("" when CUPS hides it from this user)
  std::string user;  ///< job-originating-user-name ("" when hidden)
  JobState state = JobState::pending;
};

/// The start-up rule (pure): true when `job` is the station's own, `station_user` being
/// the station's CUPS user.
bool is_station_job(const QueuedJob& job, std::string_view station_user);

/// Unfinished jobs on `queue`, every user's (Get-Jobs which-jobs=not-completed).
Result<std::vector<QueuedJob>> unfinished_jobs(const std::string& queue);

/// Creates a job named `name` on `queue`, held (job-hold-until=indefinite), and sends
/// `document` (from memory, no temporary file) as its only document in `format`.
/// Returns the CUPS job id. The job stays held until release_job(). If sending the
/// document fails, the created job is cancelled before returning the error.
Result<int> submit_held(const std::string& queue, std::string_view name, std::string_view document,
                        std::string_view format);

/// Releases held job `job_id` (IPP Release-Job): CUPS starts it when the printer is free.
/// printer.job_missing when CUPS no longer has the job.
Result<void> release_job(const std::string& queue, int job_id);

/// Cancels job `job_id` (IPP Cancel-Job). A job CUPS no longer has, or has finished, is
/// not an error (there is nothing left to cancel).
Result<void> cancel_job(const std::string& queue, int job_id);

/// The start-up rule: cancels the station's own unfinished jobs on `queue` (see the
/// header comment) and returns their ids.
Result<std::vector<int>> cancel_own_unfinished_jobs(const std::string& queue);

}  // namespace ektp::printer
