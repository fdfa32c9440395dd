#include "daemon/spool_permit_authority.hpp"

#include <cstring>
#include <string>
#include <utility>

namespace ektp::daemon {

namespace {

Error refused(std::int64_t attempt_id, std::string_view why) {
  return fail("permit.refused", "Attempt " + std::to_string(attempt_id) +
                                    " has no valid print permit (" + std::string(why) +
                                    "): nothing is printed.");
}

}  // namespace

SpoolPermitAuthority::SpoolPermitAuthority(spool::Attempts& attempts, std::mutex& spool_lock,
                                           FaceProvider face)
    : attempts_(attempts), lock_(spool_lock), face_(std::move(face)) {}

Result<std::vector<std::uint8_t>> SpoolPermitAuthority::redeem(
    std::int64_t attempt_id, const std::array<std::uint8_t, 32>& token, int cups_job_id) {
  {
    std::lock_guard guard(lock_);
    auto attempt = attempts_.get(attempt_id);
    if (!attempt) {
      if (attempt.error().code == "spool.unknown_attempt")
        return refused(attempt_id, "unknown attempt");
      return attempt.error();
    }
    if (attempt->state != spool::AttemptState::permit_issued)
      return refused(attempt_id, attempt->permit_used ? "already used" : "not issued");
  }
  // Rendered before the permit is used: a failure here leaves the permit unused.
  auto face = face_(attempt_id);
  if (!face)
    return fail("permit.face_failed", "The card face of attempt " + std::to_string(attempt_id) +
                                          " could not be produced (" + face.error().code +
                                          "); the print permit is still unused.");
  Result<void> used = ok();
  {
    std::lock_guard guard(lock_);
    used = attempts_.use_permit(attempt_id, token, cups_job_id);
  }
  if (!used) {
    ::explicit_bzero(face->data(), face->size());
    if (used.error().code == "spool.permit_refused") return refused(attempt_id, "token refused");
    return used.error();
  }
  return std::move(face).value();
}

}  // namespace ektp::daemon
