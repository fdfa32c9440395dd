// Sealed bundles on a full disk (a size-limited tmpfs): the bundle that does not fit is
// refused with a message that says so, nothing half-written is left (no temp file, no
// row without its file), and every bundle stored before still reads back.
#include <doctest/doctest.h>

#include "tests/integration/spool_disk/mount_guard.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;

TEST_CASE("a full disk refuses a bundle clearly and keeps the stored ones whole") {
  TempDir dir;
  const auto state = dir.file("state");
  std::filesystem::create_directory(state);
  auto mount = MountGuard::tmpfs(state, "3m");
  if (!mount.ok()) {
    MESSAGE("skipped: a size-limited tmpfs cannot be mounted here (" << mount.error() << ")");
    return;
  }
  ektp::ManualClock clock;
  OpenOptions options;
  options.path = state / "spool.db";
  std::optional<Spool> spool;
  {
    auto opened = Spool::open(options, clock, {}, fixed_key());
    REQUIRE_OK(opened);
    spool.emplace(std::move(opened).value());
  }
  int stored = 0;
  std::optional<ektp::Error> refusal;
  for (int n = 1; n <= 200 && !refusal; ++n) {
    auto r = spool->accept_bundle(bundle_job(n), make_bundle(n).bytes);
    if (r.ok())
      ++stored;
    else
      refusal = r.error();
  }
  REQUIRE(refusal.has_value());
  CHECK(stored > 10);
  CAPTURE(refusal->message);
  CHECK(refusal->message.find("full") != std::string::npos);
  CHECK(refusal->message.find(make_bundle(stored + 1).nik) == std::string::npos);
  CHECK(spool->jobs().get(job_id(stored + 1)).error().code == "spool.unknown_job");
  for (const auto& e : std::filesystem::directory_iterator(state / "spool.db-blobs"))
    CHECK(e.path().extension() == ".pack");  // no temp file left
  auto check = spool->verify_all_blobs();
  REQUIRE_OK(check);
  CHECK(check->checked == stored);
  CHECK(check->failures.empty());
  // Reopened, still whole; every stored bundle reads back.
  spool.reset();
  auto reopened = Spool::open(options, clock, {}, fixed_key());
  REQUIRE_OK(reopened);
  for (int n = 1; n <= stored; ++n)
    CHECK(*reopened->read_bundle(job_id(n)) == make_bundle(n).bytes);
}
