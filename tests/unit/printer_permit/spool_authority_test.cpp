// The permit authority backed by the spool (daemon/spool_permit_authority.hpp): a permit
// is used once, keyed by its token; the face is made before the permit is used, so a
// face that cannot be made leaves the permit unused; refused tokens leave it as it was.
#include <doctest/doctest.h>

#include <mutex>

#include "daemon/spool_permit_authority.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool/fixture.hpp"

using namespace ektp;
using ektp::spool::AttemptState;
using ektp::spool::test::Fixture;

namespace {

struct Setup {
  Fixture f;
  std::mutex lock;
  int faces_made = 0;
  bool face_fails = false;
  daemon::SpoolPermitAuthority authority{
      f.attempts, lock, [this](std::int64_t attempt) {
        ++faces_made;
        if (face_fails)
          return Result<std::vector<std::uint8_t>>(fail("face.render", "render failed"));
        return Result<std::vector<std::uint8_t>>(
            std::vector<std::uint8_t>{'%', 'P', 'D', 'F', static_cast<std::uint8_t>(attempt)});
      }};
};

}  // namespace

TEST_CASE("a permit is redeemed once; the job id is recorded") {
  Setup s;
  auto r = s.f.reach(AttemptState::permit_issued);
  auto face = s.authority.redeem(r.attempt, *r.token, 5);
  REQUIRE_OK(face);
  CHECK(face->size() == 5);
  auto a = s.f.attempts.get(r.attempt);
  REQUIRE_OK(a);
  CHECK(a->state == AttemptState::permit_used);
  CHECK(a->permit_used);
  REQUIRE(a->cups_job_id.has_value());
  CHECK(*a->cups_job_id == 5);

  // CUPS re-sends the job (after a restart, even under the same or a new job id).
  for (int job : {5, 1}) {
    auto again = s.authority.redeem(r.attempt, *r.token, job);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "permit.refused");
  }
  CHECK(s.faces_made == 1);  // no face made for a used permit
}

TEST_CASE("unknown attempts, wrong tokens and another attempt's token are refused") {
  Setup s;
  auto r1 = s.f.reach(AttemptState::permit_issued);
  auto r2 = s.f.reach(AttemptState::permit_issued);
  auto unknown = s.authority.redeem(r2.attempt + 100, *r2.token, 1);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().code == "permit.refused");
  auto wrong = *r1.token;
  wrong[31] ^= 0x80;
  auto bad = s.authority.redeem(r1.attempt, wrong, 1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == "permit.refused");
  auto crossed = s.authority.redeem(r1.attempt, *r2.token, 1);
  REQUIRE_FALSE(crossed.ok());
  CHECK(crossed.error().code == "permit.refused");
  // Both permits are still good.
  CHECK(s.f.attempt_state(r1.attempt) == AttemptState::permit_issued);
  CHECK_OK(s.authority.redeem(r1.attempt, *r1.token, 2));
  CHECK_OK(s.authority.redeem(r2.attempt, *r2.token, 3));
}

TEST_CASE("an attempt without an issued permit gets no face") {
  Setup s;
  auto locked = s.f.reach(AttemptState::chip_locked);
  auto refused = s.authority.redeem(locked.attempt, spool::PermitToken{}, 1);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "permit.refused");
  CHECK(s.faces_made == 0);
  CHECK(s.f.attempt_state(locked.attempt) == AttemptState::chip_locked);
}

TEST_CASE("a face that cannot be made leaves the permit unused") {
  Setup s;
  auto r = s.f.reach(AttemptState::permit_issued);
  s.face_fails = true;
  auto failed = s.authority.redeem(r.attempt, *r.token, 1);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == "permit.face_failed");
  CHECK(s.f.attempt_state(r.attempt) == AttemptState::permit_issued);
  s.face_fails = false;
  CHECK_OK(s.authority.redeem(r.attempt, *r.token, 2));
  CHECK(s.f.attempt_state(r.attempt) == AttemptState::permit_used);
}
