#include "daemon/spool_permit_authority.hpp"

#include <cstring>
#include <string>
#include <utility>

#include "drivers/printer/printer_messages_permit.hpp"

namespace ektp::daemon {

namespace {

namespace texts = printer::permit_texts;

Error refused(std::int64_t attempt_id, texts::Template<0> why) {
  return fail("permit.refused", texts::say(texts::attempt_no_permit, attempt_id, texts::say(why)));
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
        return refused(attempt_id, texts::reason_unknown_attempt);
      return attempt.error();
    }
    if (attempt->state != spool::AttemptState::permit_issued)
      return refused(attempt_id,
                     attempt->permit_used ? texts::reason_already_used : texts::reason_not_issued);
  }
  // Rendered before the permit is used: a failure here leaves the permit unused.
  auto face = face_(attempt_id);
  if (!face)
    return fail("permit.face_failed",
                texts::say(texts::face_failed, attempt_id, face.error().code));
  Result<void> used = ok();
  {
    std::lock_guard guard(lock_);
    used = attempts_.use_permit(attempt_id, token, cups_job_id);
  }
  if (!used) {
    ::explicit_bzero(face->data(), face->size());
    if (used.error().code == "spool.permit_refused")
      return refused(attempt_id, texts::reason_token_refused);
    return used.error();
  }
  return std::move(face).value();
}

}  // namespace ektp::daemon
