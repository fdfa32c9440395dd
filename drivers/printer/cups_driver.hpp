#pragma once
/// The station's CUPS driver: one card in flight on the station's queue, through libcups.
///
/// The flow for one card (the pipeline drives it from its device thread; every call
/// blocks, each IPP exchange bounded by 30 s):
///   start_up()                   once at start: the start-up rule (cups_jobs.hpp)
///   check_queue()                before feeding a card: exists, station backend, CR80,
///                                enabled, accepting (queue_check.hpp)
///   submit(attempt, token)       the placeholder (print_placeholder.hpp), held, named
///                                ektp-attempt-<attempt>; refused while a card is live
///   release()                    once the permit is issued: CUPS may start the job
///   wait_for_change(...)         follows job and queue by short IPP polls (50 ms by
///                                default; the stock backend's 1-8 s polling is what the
///                                station avoids) until CUPS's word changes or a timeout
///   observe()                    CUPS's word now, as a PrintObservation; the pipeline
///                                adds the card transport's word and the permit record,
///                                then decide_outcome() (print_outcome.hpp) decides
///   cancel()                     cancels the live job (any outcome but printed)
///   finish()                     the card is decided: the next submit is allowed
///
/// The driver never pauses, disables or rejects the CUPS queue (pausing re-queues the job
/// being printed, and cupsd re-sends it): to stop printing the station stops releasing.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/printer/print_outcome.hpp"
#include "drivers/printer/queue_check.hpp"

namespace ektp::printer {

class CupsDriver {
 public:
  struct Options {
    std::string queue;                            ///< the station's CUPS queue, e.g. "card"
    std::string backend{kStationBackend};         ///< device-uri scheme the queue must use
    std::chrono::milliseconds poll_interval{50};  ///< between IPP polls while waiting
  };

  explicit CupsDriver(Options options);

  const std::string& queue() const { return options_.queue; }

  /// The start-up rule: cancels the station's own unfinished jobs on the queue (user and
  /// ektp-attempt-* name), leaves the others. Returns the cancelled job ids.
  Result<std::vector<int>> start_up();

  /// The queue check (queue_check.hpp), with its distinct error codes.
  Result<QueueFacts> check_queue() const;

  /// Checks the queue, then submits `attempt_id`'s placeholder carrying `token` (64
  /// lowercase hex), held. Returns the CUPS job id, which becomes the live job.
  /// printer.card_in_flight while another card is live (submit nothing).
  Result<int> submit(std::int64_t attempt_id, std::string_view token);

  /// Releases the live job. printer.no_card_in_flight without one; printer.job_missing
  /// when CUPS no longer has it (cupsd lost it: submit the attempt again, new token).
  Result<void> release();

  /// Cancels the live job (a job CUPS already finished or forgot is fine) and forgets it.
  Result<void> cancel();

  /// Forgets the live job without touching it (its outcome is decided).
  void finish() { live_.reset(); }

  /// The live job's CUPS id, if a card is in flight.
  std::optional<int> live_job() const { return live_; }

  /// CUPS's word on the queue and the live job now (the card and permit fields left at
  /// their defaults for the caller). printer.no_card_in_flight without a live job;
  /// printer.cups_unreachable when cupsd does not answer.
  Result<PrintObservation> observe() const;

  /// Polls (every poll_interval) until CUPS's word differs from `last` (job known,
  /// state, reasons; queue exists, state, accepting, backend, reasons) or `timeout`
  /// passes; returns the latest observation either way.
  Result<PrintObservation> wait_for_change(const PrintObservation& last,
                                           std::chrono::milliseconds timeout) const;

 private:
  Options options_;
  std::optional<int> live_;
};

/// True when the CUPS parts of `a` and `b` are the same (what wait_for_change watches).
bool same_cups_view(const PrintObservation& a, const PrintObservation& b);

}  // namespace ektp::printer
