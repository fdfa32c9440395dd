#pragma once
/// The print permit authority backed by the spool's permit state: what the permit
/// service (drivers/printer/permit_service.hpp) asks when the CUPS backend ektp-gate
/// presents an attempt's token (docs/print-permit.md).
///
/// Order, chosen so that no failure leaves a permit used with nothing to show for it
/// unexplained:
///   1. the attempt must be in permit_issued (else refused; nothing rendered);
///   2. the face is produced (rendered) while the permit is still unused: a face that
///      cannot be made refuses the job and leaves the permit as it was, so the station
///      may submit the placeholder again;
///   3. spool use_permit marks the permit used (one transaction, keyed by the token's
///      hash; the CUPS job id is only recorded): an unknown, used or other attempt's
///      token is refused here, and the face is wiped;
///   4. the face is returned and streamed to the gate. From step 3 on, a failure (the
///      gate died, the printer refused) leaves the attempt with its permit used and
///      possibly nothing printed: in doubt, for an operator to settle from the printer.
///      That is the safe side: never a second face.

#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "drivers/printer/permit_service.hpp"
#include "spool/attempts.hpp"

namespace ektp::daemon {

class SpoolPermitAuthority : public printer::PermitAuthority {
 public:
  /// Produces the face PDF of an attempt (e.g. renders it from the job's verified
  /// record). In memory only. Its error messages must carry no personal data.
  using FaceProvider = std::function<Result<std::vector<std::uint8_t>>(std::int64_t attempt_id)>;

  /// `spool_lock` is held around every use of `attempts` (redeem runs on the permit
  /// server's thread; the spool's connection is not shared between threads unguarded):
  /// the daemon passes the lock it uses for its own spool calls.
  SpoolPermitAuthority(spool::Attempts& attempts, std::mutex& spool_lock, FaceProvider face);

  /// Errors: "permit.refused" (no permit, a used one, another attempt's token, an
  /// attempt not in permit_issued), "permit.face_failed" (the face could not be made;
  /// the permit stays unused), or the spool's error (permit state unknown).
  Result<std::vector<std::uint8_t>> redeem(std::int64_t attempt_id,
                                           const std::array<std::uint8_t, 32>& token,
                                           int cups_job_id) override;

 private:
  spool::Attempts& attempts_;
  std::mutex& lock_;
  FaceProvider face_;
};

}  // namespace ektp::daemon
