#pragma once
/// The station's CUPS print queue, through libcups (the station is a normal CUPS client).
///
/// Every call is blocking (one short IPP request to cupsd, bounded by a 30 s timeout); the
/// daemon runs them on its device thread. The server is libcups' choice, cupsServer():
/// $CUPS_SERVER, else the client.conf settings, else the local cupsd. Errors carry a
/// code (`printer.queue_missing`, `printer.queue_disabled`, `printer.queue_rejecting`,
/// `printer.cups_unreachable`, `printer.cups_error`, `printer.job_missing`,
/// `printer.document_unreadable`) and a message for people from ektp::msg.
///
/// CUPS's view is not the card's outcome: a job CUPS calls "completed" was sent to the
/// printer, which may still have jammed (docs: design/test-rig.md). Callers take the
/// card's outcome from the printer's state reasons and their own records.
///
/// The station's own use of the queue builds on this: queue_check.hpp (the full check:
/// station backend, CR80 media), cups_jobs.hpp (held placeholder jobs, the start-up rule),
/// cups_driver.hpp (one card in flight, following it) and print_outcome.hpp (the outcome).

#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::printer {

/// printer-state of a CUPS queue.
enum class PrinterState { idle, processing, stopped };

/// What CUPS says about a queue right now.
struct QueueState {
  PrinterState state = PrinterState::idle;
  bool accepting = false;            ///< printer-is-accepting-jobs
  std::vector<std::string> reasons;  ///< printer-state-reasons, without "none"
  std::string message;               ///< printer-state-message (CUPS's text, English)

  /// False when the queue is paused (stopped, `cupsdisable`): jobs wait, nothing prints.
  bool enabled() const { return state != PrinterState::stopped; }
  /// True if a reason starts with `prefix` (reasons carry -report/-warning/-error suffixes).
  bool has_reason(std::string_view prefix) const;
};

/// job-state of a CUPS job.
enum class JobState { pending, held, processing, stopped, canceled, aborted, completed };

/// "pending", "held", ... (the IPP keyword without "pending-" / "processing-" prefixes).
std::string_view to_string(JobState state);

/// What CUPS says about one job.
struct JobStatus {
  int id = 0;
  JobState state = JobState::pending;
  std::vector<std::string> reasons;  ///< job-state-reasons, without "none"
  std::string printer_message;       ///< job-printer-state-message (English), may be empty

  /// True once CUPS is done with the job (canceled, aborted or completed).
  bool finished() const {
    return state == JobState::canceled || state == JobState::aborted ||
           state == JobState::completed;
  }
};

/// The state of `queue`: exists, accepting, enabled, state reasons.
/// Fails with printer.queue_missing, printer.cups_unreachable or printer.cups_error.
Result<QueueState> check_queue(const std::string& queue);

/// Submits the file at `path` to `queue` as one job named `title` in format `mime_type`
/// (e.g. "application/pdf"; "application/vnd.cups-raw" for no filtering). Returns the
/// CUPS job id. Refuses, submitting nothing, when the document cannot be read
/// (printer.document_unreadable), the queue is missing, paused (printer.queue_disabled)
/// or not accepting jobs (printer.queue_rejecting).
///
/// `title` must carry no personal data (the station passes the attempt id): it travels
/// as the job name to places this code does not control: the backend's command line
/// (visible in `ps` while the job runs), cupsd's error log when a job fails (its debug
/// history lists the backend's arguments), the printer's own job and spool file names.
/// The rig's cupsd keeps no job history (PreserveJobHistory No), so CUPS forgets a job,
/// and with it the title, once it is done; job_status() then reports it missing.
Result<int> submit_document(const std::string& queue, const std::string& path,
                            const std::string& title, const std::string& mime_type);

/// The state of job `job_id` on `queue`. Fails with printer.job_missing when CUPS does
/// not know the job (never did, or has forgotten it: a cupsd without job history forgets
/// a job as soon as it is done) or it belongs to another queue.
Result<JobStatus> job_status(const std::string& queue, int job_id);

}  // namespace ektp::printer
