#pragma once
/// The CUPS side of one card, as the card run (card_run.hpp) needs it: the attempt's
/// placeholder submitted held, released once the permit is issued, followed until CUPS
/// and the printer have had their say, cancelled when the station gives up on it.
///
/// The implementation over the rig's or the office's cupsd is CupsFacePrintPath
/// (cups_face_print_path.hpp); tests use a scripted one. Every call blocks (bounded);
/// the card run calls them from its device thread.

#include <chrono>
#include <cstdint>

#include "drivers/common/result.hpp"
#include "drivers/printer/print_outcome.hpp"
#include "spool/attempts.hpp"

namespace ektp::daemon {

class FacePrintPath {
 public:
  virtual ~FacePrintPath() = default;

  /// Submits the attempt's placeholder (carrying `token`, never the face) held, named
  /// after the attempt; returns the CUPS job id.
  virtual Result<int> submit_held(std::int64_t attempt_id, const spool::PermitToken& token) = 0;
  /// Lets the held job print.
  virtual Result<void> release(int job_id) = 0;
  /// Waits until CUPS reports a change of the job or the queue, or `timeout` passes, and
  /// returns what CUPS says now: the queue and job fields of the observation (the card
  /// path's and the permit's fields are the card run's).
  virtual Result<printer::PrintObservation> observe(int job_id,
                                                    std::chrono::milliseconds timeout) = 0;
  /// Cancels the job if CUPS still has it (held, pending or processing), and forgets it.
  virtual Result<void> cancel(int job_id) = 0;
  /// The card's outcome is decided: forget the job (the next card may be submitted).
  virtual void finish(int job_id) = 0;
};

}  // namespace ektp::daemon
