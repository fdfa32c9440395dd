#pragma once
/// The card run's print path over the station's CUPS queue (drivers/printer/cups_driver.hpp):
/// placeholders submitted held, released, followed by short IPP polls.

#include "daemon/face_print_path.hpp"
#include "drivers/printer/cups_driver.hpp"

namespace ektp::daemon {

class CupsFacePrintPath : public FacePrintPath {
 public:
  explicit CupsFacePrintPath(printer::CupsDriver& driver) : driver_(driver) {}

  Result<int> submit_held(std::int64_t attempt_id, const spool::PermitToken& token) override;
  Result<void> release(int job_id) override;
  /// The first call for a job answers at once; later ones wait for a change.
  Result<printer::PrintObservation> observe(int job_id, std::chrono::milliseconds timeout) override;
  Result<void> cancel(int job_id) override;
  void finish(int job_id) override;

 private:
  /// Refuses a job id that is not the driver's live job (a bug in the caller).
  Result<void> check_live(int job_id) const;

  printer::CupsDriver& driver_;
  std::optional<printer::PrintObservation> last_;
};

}  // namespace ektp::daemon
