// Power cuts (issue 12): the VFS model itself, then the spool under 200 seeded cuts
// (EKTP_POWERCUT_CYCLES to change), and the proof that the checks catch a missing
// sync: the same run with synchronous=OFF must find lost commits.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "tests/integration/spool_powercut/powercut.hpp"
#include "tests/integration/spool_powercut/powercut_vfs.hpp"
#include "tests/unit/spool/temp_store.hpp"

// Every cycle forks this process. A small AddressSanitizer quarantine (freed memory
// held back to catch use after free) keeps it small, so that the fork and the
// copy-on-write page faults after it stay cheap. Unused without ASan.
extern "C" const char* __asan_default_options() { return "quarantine_size_mb=16"; }

namespace ektp::spool::powercut {
namespace {

int cycles_from_env(int fallback) {
  const char* text = std::getenv("EKTP_POWERCUT_CYCLES");
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

/// A raw SQLite connection for the VFS's own tests (no spool involved).
struct Conn {
  sqlite3* db = nullptr;
  Conn(const std::filesystem::path& path, const char* vfs) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs) ==
            SQLITE_OK);
  }
  ~Conn() { sqlite3_close_v2(db); }
  int exec(const std::string& sql) {
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  }
  std::string text(const std::string& sql) {
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != nullptr)
      out = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    return out;
  }
};

TEST_CASE("the power-cut VFS keeps what was synced and loses what was not") {
  for (const auto tear :
       {ektp::test::Tear::drop_all, ektp::test::Tear::torn_prefix, ektp::test::Tear::reordered}) {
    CAPTURE(static_cast<int>(tear));
    spool::test::TempDir dir;
    const auto path = dir.file("t.db");
    {
      ektp::test::PowercutVfs vfs(
          "pc_model",
          {.cut_at_event = 0, .tear = tear, .seed = 7, .sector_size = 512, .trace_path = {}});
      Conn c(path, "pc_model");
      REQUIRE(c.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)") == SQLITE_OK);
      for (int i = 0; i < 50; ++i)
        REQUIRE(c.exec("INSERT INTO t (v) VALUES (printf('%.2000c', 'a'))") == SQLITE_OK);
      REQUIRE(c.exec("PRAGMA wal_checkpoint(TRUNCATE)") == SQLITE_OK);  // db file synced
      REQUIRE(c.exec("INSERT INTO t (v) VALUES ('synced')") == SQLITE_OK);
      // Not synced from here on: these commits are in the page cache only.
      REQUIRE(c.exec("PRAGMA synchronous=OFF") == SQLITE_OK);
      for (int i = 0; i < 20; ++i)
        REQUIRE(c.exec("INSERT INTO t (v) VALUES (printf('%.3000c', 'u'))") == SQLITE_OK);
      REQUIRE(c.text("SELECT count(*) FROM t") == "71");  // the process sees them
      const auto before = vfs.stats();
      CHECK(before.syncs > 0);
      vfs.cut_now();
      const auto after = vfs.stats();
      CHECK(after.cut);
      CHECK(after.unsynced_ops > 0);
      if (tear == ektp::test::Tear::drop_all) CHECK(after.kept_pieces == 0);
      CHECK(c.exec("INSERT INTO t (v) VALUES ('after')") != SQLITE_OK);  // the power is off
    }
    // Reboot: the plain VFS sees the disk as the cut left it.
    Conn c(path, nullptr);
    CHECK(c.text("PRAGMA quick_check") == "ok");
    CHECK(c.text("SELECT count(*) FROM t WHERE v = 'synced'") == "1");
    CHECK(c.text("SELECT count(*) FROM t WHERE v = 'after'") == "0");
    const int rows = std::stoi(c.text("SELECT count(*) FROM t"));
    CHECK(rows >= 51);
    CHECK(rows <= 71);
    if (tear == ektp::test::Tear::drop_all) CHECK(rows == 51);
  }
}

TEST_CASE("power cuts at random moments lose no committed transaction") {
  spool::test::TempDir dir;
  Options o;
  o.dir = dir.path();
  o.cycles = cycles_from_env(200);
  o.seed = 12;
  // Debugging: EKTP_POWERCUT_KEEP=DIR stops at the first problem and copies the store,
  // the journal and (with EKTP_POWERCUT_TRACE) the failing cycle's trace to DIR.
  const char* keep = std::getenv("EKTP_POWERCUT_KEEP");
  o.stop_on_problem = keep != nullptr;
  const Counts c = run(o);
  print(c, std::cout);
  if (keep != nullptr && c.bad() > 0)
    std::filesystem::copy(dir.path(), keep, std::filesystem::copy_options::recursive);

  CHECK(c.powercut_cycles == o.cycles);
  CHECK(c.lost_commits == 0);
  CHECK(c.torture.lost_jobs == 0);
  CHECK(c.torture.double_cards == 0);
  CHECK(c.torture.double_permits == 0);
  CHECK(c.torture.ledger_errors == 0);
  CHECK(c.torture.outbox_holes == 0);
  CHECK(c.torture.unflagged_attempts == 0);
  CHECK(c.torture.open_errors == 0);
  CHECK(c.torture.settle_errors == 0);
  CHECK(c.child_failures == 0);
  CHECK(c.problems.empty());

  // The cuts fell on real work: unsynced writes existed and were thrown away or torn,
  // and the workers went through the card's life.
  CHECK(c.unsynced_ops > 0);
  CHECK(c.dropped_pieces > 0);
  CHECK(c.kept_pieces > 0);
  CHECK(c.torture.committed.at("accept") > 20);
  CHECK(c.torture.committed.contains("issue"));
  CHECK(c.torture.committed.contains("use"));
  CHECK(c.torture.committed.contains("finish"));
  // Erasures (with their TRUNCATE checkpoint) and backups ran between the cuts too.
  CHECK(c.erased_jobs > 0);
  CHECK(c.torture.committed.contains("backup"));
}

TEST_CASE("the power-cut checker detects lost commits when sync is off") {
  // The same cycles with synchronous=OFF: a commit returns before its WAL frames are
  // on the disk, so a cut takes commits the worker was told were durable. Several
  // seeds, each stopping at its first finding: commits gone, or (a torn checkpoint
  // of the database file, never synced) a store that quick_check finds damaged.
  int lost_commits = 0;
  for (const std::uint64_t seed : {12, 13, 14, 15, 16}) {
    CAPTURE(seed);
    spool::test::TempDir dir;
    Options o;
    o.dir = dir.path();
    o.cycles = 100;
    o.seed = seed;
    o.sync_off = true;
    o.stop_on_problem = true;
    const Counts c = run(o);
    std::cout << "sync=OFF seed=" << seed << "\n";
    print(c, std::cout);
    CHECK(c.lost_commits + c.torture.open_errors > 0);
    CHECK(c.first_bad_cycle > 0);
    CHECK(c.child_failures == 0);
    lost_commits += c.lost_commits;
  }
  CHECK(lost_commits > 0);
}

}  // namespace
}  // namespace ektp::spool::powercut
