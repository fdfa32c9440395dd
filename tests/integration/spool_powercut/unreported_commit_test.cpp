// Why the power-cut checker treats a resume under way as possibly done (durability.cpp,
// "begin resume"): a commit can be durable although its call never returned. SQLite
// runs the automatic checkpoint inside the COMMIT, after the WAL sync that made the
// transaction durable; when the power goes in that checkpoint, the power-cut child
// ends there, inside the call, and never writes the journal line of a transaction that
// IS on the disk. (In one process, as here, the call even returns ok: SQLite ignores
// the automatic checkpoint's errors.) For a resume this takes an attempt from
// chip_locked back to in_encoder without a journal line saying so. Shown with the cut
// placed at every event of the resume in turn.
#include <doctest/doctest.h>

#include <filesystem>

#include "drivers/common/clock.hpp"
#include "spool/recovery.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_powercut/powercut_vfs.hpp"
#include "tests/unit/spool/fixture.hpp"

namespace ektp::spool::powercut {
namespace {

using A = AttemptState;
namespace fs = std::filesystem;

OpenOptions options_for(const fs::path& path, const std::string& vfs = {}) {
  OpenOptions o;
  o.path = path;
  o.station_id = "station-test";
  o.test_vfs = vfs;
  return o;
}

/// A store with one attempt interrupted with its chip locked (to_recover).
void make_interrupted_store(const fs::path& path, ManualClock& clock) {
  auto spool = Spool::open(options_for(path), clock, QueueConfig{3});
  REQUIRE_OK(spool);
  REQUIRE_OK(spool->receive_stock({.count = 5,
                                   .delivery_ref = "SJ-1",
                                   .serial_first = std::nullopt,
                                   .serial_last = std::nullopt,
                                   .operator_id = "op-a",
                                   .note = "",
                                   .at = {}}));
  REQUIRE_OK(spool->load_hopper({.count = 5, .operator_id = "op-a", .at = {}}));
  REQUIRE_OK(spool->accept(test::new_job(1)));
  auto claim = spool->claim_next();
  REQUIRE_OK(claim);
  const auto id = (*claim)->attempt_id;
  REQUIRE_OK(spool->start_feeding(id));
  REQUIRE_OK(spool->advance(id, A::in_encoder));
  REQUIRE_OK(spool->advance(id, A::chip_writing));
  REQUIRE_OK(spool->record_chip(id, "SN1", "04AA"));
  REQUIRE_OK(spool->advance(id, A::chip_locked));
}

TEST_CASE(
    "a resume can be on the disk though its call never finished: the cut was in its checkpoint") {
  test::TempDir dir;
  ManualClock clock;
  const auto base = dir.file("base.db");
  make_interrupted_store(base, clock);
  { REQUIRE_OK(Spool::open(options_for(base), clock, QueueConfig{3})); }  // recovery: to_recover

  int durable_in_call = 0, lost = 0, after_call = 0;
  for (std::uint64_t k = 1; k <= 60; ++k) {
    CAPTURE(k);
    const auto path = dir.file(("try" + std::to_string(k) + ".db").c_str());
    fs::copy_file(base, path);
    bool ok = false;
    {
      // First, how many events opening takes (the same every time); then the cut at
      // the k-th event of the resume.
      std::uint64_t before = 0;
      {
        const auto probe = dir.file("probe.db");
        fs::remove(probe);
        fs::copy_file(base, probe);
        ektp::test::PowercutVfs vfs("pc_probe", {});
        auto s = Spool::open(options_for(probe, vfs.name()), clock, QueueConfig{3});
        REQUIRE_OK(s);
        REQUIRE_OK(s->db().exec("PRAGMA wal_autocheckpoint=1"));  // every commit checkpoints
        before = vfs.stats().events;
      }
      ektp::test::PowercutVfs vfs("pc_resume", {.cut_at_event = before + k,
                                                .tear = ektp::test::Tear::drop_all,
                                                .seed = 1,
                                                .sector_size = 512,
                                                .trace_path = {}});
      auto s = Spool::open(options_for(path, vfs.name()), clock, QueueConfig{3});
      REQUIRE_OK(s);
      REQUIRE_OK(s->db().exec("PRAGMA wal_autocheckpoint=1"));
      REQUIRE(vfs.stats().events == before);
      ok = s->resume(1, A::in_encoder, "card found").ok();
      if (!vfs.stats().cut) {
        CHECK(ok);
        ++after_call;
        break;  // the cut would come after the call: nothing more to see
      }
    }
    // Reboot: what is on the disk.
    auto after = Spool::open(options_for(path), clock, QueueConfig{3});
    REQUIRE_OK(after);
    auto decisions = after->db().prepare(
        "SELECT count(*) FROM recovery_decisions WHERE attempt_id = 1 AND decision LIKE 'resume%'");
    REQUIRE_OK(decisions);
    REQUIRE(*decisions->step());
    const bool durable = decisions->column_int(0) == 1;
    auto a = after->attempts().get(1);
    REQUIRE_OK(a);
    if (durable) {
      ++durable_in_call;
      CHECK(ok);  // the cut was in the checkpoint after the commit (errors ignored)
      // Back from chip_locked: flagged again from in_encoder.
      CHECK(a->state == A::to_recover);
      auto flagged = after->db().prepare("SELECT interrupted_in FROM attempts WHERE id = 1");
      REQUIRE_OK(flagged);
      REQUIRE(*flagged->step());
      CHECK(flagged->column_text(0) == "in_encoder");
    } else {
      ++lost;
      CHECK_FALSE(ok);                   // the cut came before the commit was durable: an error
      CHECK(a->state == A::to_recover);  // as before the call: nothing half-done
    }
  }
  MESSAGE("cuts in the resume before its commit was durable: ", lost,
          "; after it, still inside the call: ", durable_in_call);
  CHECK(lost > 0);
  CHECK(durable_in_call > 0);
  CHECK(after_call == 1);
}

}  // namespace
}  // namespace ektp::spool::powercut
