#include "daemon/cups_face_print_path.hpp"

#include <string>

#include "drivers/printer/permit_protocol.hpp"

namespace ektp::daemon {

Result<void> CupsFacePrintPath::check_live(int job_id) const {
  if (driver_.live_job() != job_id) {
    return fail("station.internal",
                "The station lost track of the card's print job. Restart the station; the "
                "card's state is kept.");
  }
  return ok();
}

Result<int> CupsFacePrintPath::submit_held(std::int64_t attempt_id,
                                           const spool::PermitToken& token) {
  std::string hex = printer::permit::token_hex(token);
  last_.reset();
  auto job = driver_.submit(attempt_id, hex);
  std::fill(hex.begin(), hex.end(), '\0');
  return job;
}

Result<void> CupsFacePrintPath::release(int job_id) {
  if (auto live = check_live(job_id); !live) return live;
  return driver_.release();
}

Result<printer::PrintObservation> CupsFacePrintPath::observe(int job_id,
                                                             std::chrono::milliseconds timeout) {
  if (auto live = check_live(job_id); !live) return live.error();
  auto seen = last_ ? driver_.wait_for_change(*last_, timeout) : driver_.observe();
  if (seen) last_ = *seen;
  return seen;
}

Result<void> CupsFacePrintPath::cancel(int job_id) {
  if (auto live = check_live(job_id); !live) return live;
  last_.reset();
  return driver_.cancel();
}

void CupsFacePrintPath::finish(int job_id) {
  if (driver_.live_job() == job_id) driver_.finish();
  last_.reset();
}

}  // namespace ektp::daemon
