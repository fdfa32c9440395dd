// The spool on a bad disk (issue 12): a full disk (a size-limited tmpfs), a read-only
// state directory (a read-only bind mount), a damaged or foreign file. Each time: a
// message that says what is wrong and what to do, nothing half-written, and the
// store never silently recreated. (The max_page_count variant of a full disk, the
// foreign SQLite database and the overwritten store are in tests/unit/spool.)
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "drivers/common/clock.hpp"
#include "spool/ledger.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_disk/mount_guard.hpp"
#include "tests/unit/spool/temp_store.hpp"

namespace ektp::spool::test {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

OpenOptions options_for(const fs::path& path) {
  OpenOptions o;
  o.path = path;
  o.station_id = "station-disk";
  return o;
}

Spool open_spool(const fs::path& path) {
  auto spool = Spool::open(options_for(path), SystemClock::instance(), QueueConfig{3});
  REQUIRE_OK(spool);
  return std::move(spool).value();
}

std::int64_t number(Spool& spool, const char* sql) {
  auto q = spool.db().prepare(sql);
  REQUIRE_OK(q);
  auto row = q->step();
  REQUIRE_OK(row);
  REQUIRE(*row);
  return q->column_int(0);
}

std::string quick_check(Spool& spool) {
  auto q = spool.db().prepare("PRAGMA quick_check");
  REQUIRE_OK(q);
  auto row = q->step();
  REQUIRE_OK(row);
  return q->column_text(0);
}

NewJob job(int n) {
  NewJob j;
  char id[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  j.id = id;
  j.content_hash.assign(32, static_cast<std::uint8_t>(n));
  j.content_hash[0] = static_cast<std::uint8_t>(n >> 8);
  j.priority = 0;
  j.pickup_date = "2024-02-01";
  j.bundle_ref = std::string(1500, 'r') + std::to_string(n);  // fills pages quickly
  j.nik_hash.assign(32, 0xA5);
  return j;
}

ledger::Receipt receipt(std::int64_t count) {
  return {.count = count,
          .delivery_ref = "SJ-1",
          .serial_first = {},
          .serial_last = {},
          .operator_id = "op-a",
          .note = "",
          .at = {}};
}

/// Fills `dir` with a ballast file (what the technician deletes to free space) until
/// only about `left` bytes are free: the store's own size does not matter then.
void fill_leaving(const fs::path& dir, std::uintmax_t left) {
  const auto free = fs::space(dir).available;
  REQUIRE(free > left);
  std::ofstream ballast(dir / "old-backup.bin", std::ios::binary);
  const std::string chunk(64 * 1024, 'b');
  for (std::uintmax_t written = 0; written + left < free; written += chunk.size())
    ballast.write(chunk.data(), static_cast<std::streamsize>(
                                    std::min<std::uintmax_t>(chunk.size(), free - left - written)));
  ballast.close();
  REQUIRE(ballast.good());
}

/// The store agrees with itself: what a user relies on after a refused write.
void check_consistent(Spool& spool, std::int64_t jobs) {
  CHECK(quick_check(spool) == "ok");
  CHECK_FALSE(spool.db().in_transaction());
  CHECK(number(spool, "SELECT count(*) FROM jobs") == jobs);
  CHECK(number(spool, "SELECT count(*) FROM outbox_event WHERE type = 'job_accepted'") == jobs);
  auto ledger = ledger::check(spool.db());
  REQUIRE_OK(ledger);
  CHECK_MESSAGE(ledger->ok, ledger->message);
  CHECK(number(spool, "SELECT count(*) FROM audit_log") ==
        number(spool, "SELECT count(*) FROM outbox_event WHERE type = 'audit_entry'"));
}

/// A spool refusal because the disk is full: the code and words for people.
void check_disk_full(const Error& e) {
  CHECK(e.code == "spool.disk_full");
  CHECK(e.message.find("disk is full") != std::string::npos);
  CHECK(e.message.find("Free space") != std::string::npos);
  CHECK(e.message.find("Nothing was half-saved") != std::string::npos);
}

TEST_CASE("a full disk refuses the write clearly, keeps the store whole, and recovers") {
  TempDir dir;
  const fs::path state = dir.file("state");
  fs::create_directory(state);
  auto mount = MountGuard::tmpfs(state, "8m");
  if (!mount.ok()) {
    MESSAGE("skipped: a size-limited tmpfs cannot be mounted here (" << mount.error() << ")");
    return;
  }
  const fs::path path = state / "spool.db";
  std::optional<Spool> opened(open_spool(path));
  Spool& spool = *opened;
  REQUIRE_OK(spool.receive_stock(receipt(40)));
  REQUIRE_OK(spool.load_hopper({.count = 10, .operator_id = "op-a", .at = {}}));
  fill_leaving(state, 256 * 1024);

  int accepted = 0;
  std::optional<Error> full;
  for (int n = 1; n < 5000 && !full; ++n) {
    auto r = spool.accept(job(n));
    if (r)
      ++accepted;
    else
      full = r.error();
  }
  REQUIRE_MESSAGE(full.has_value(), "the disk never filled up");
  REQUIRE(accepted > 0);
  check_disk_full(*full);
  check_consistent(spool, accepted);
  CHECK(spool.jobs().get(job(accepted + 1).id).error().code == "spool.unknown_job");

  // Whatever else is tried while the disk is full fails the same way or works whole.
  for (int i = 0; i < 5; ++i) {
    if (auto r = spool.receive_stock(receipt(5)); !r) check_disk_full(r.error());
    if (auto c = spool.claim_next(); !c) {
      check_disk_full(c.error());
    } else if (c->has_value()) {
      if (auto f = spool.start_feeding((*c)->attempt_id); !f) check_disk_full(f.error());
    }
    check_consistent(spool, accepted);
  }
  // Reads still work.
  REQUIRE_OK(spool.jobs().get(job(1).id));

  // Space freed: the refused job goes in, the pipeline goes on, a reopen sees it all.
  fs::remove(state / "old-backup.bin");
  REQUIRE_OK(spool.accept(job(accepted + 1)));
  REQUIRE_OK(spool.receive_stock(receipt(5)));
  check_consistent(spool, accepted + 1);
  opened.reset();
  Spool again = open_spool(path);
  check_consistent(again, accepted + 1);
}

TEST_CASE("a store on a full disk opens again, and says so when it cannot write") {
  TempDir dir;
  const fs::path state = dir.file("state");
  fs::create_directory(state);
  auto mount = MountGuard::tmpfs(state, "8m");
  if (!mount.ok()) {
    MESSAGE("skipped: a size-limited tmpfs cannot be mounted here (" << mount.error() << ")");
    return;
  }
  const fs::path path = state / "spool.db";
  int accepted = 0;
  {
    Spool spool = open_spool(path);
    fill_leaving(state, 256 * 1024);
    for (int n = 1; n < 5000; ++n) {
      if (!spool.accept(job(n))) break;
      ++accepted;
    }
  }  // closed on a full disk: the last checkpoint may not fit; the WAL keeps it
  Spool spool = open_spool(path);
  check_consistent(spool, accepted);
  auto more = spool.accept(job(accepted + 1));
  if (!more) check_disk_full(more.error());
}

TEST_CASE("a read-only state directory: open is refused clearly, nothing is changed") {
  TempDir dir;
  const fs::path state = dir.file("state");
  const fs::path ro = dir.file("ro");
  fs::create_directory(state);
  fs::create_directory(ro);
  {
    Spool spool = open_spool(state / "spool.db");
    REQUIRE_OK(spool.accept(job(1)));
    REQUIRE_OK(spool.receive_stock(receipt(10)));
  }
  const std::string before = read_all(state / "spool.db");
  const auto files_before = names_in(state);
  {
    auto mount = MountGuard::read_only_bind(state, ro);
    if (!mount.ok()) {
      MESSAGE("skipped: a read-only bind mount is not permitted here (" << mount.error() << ")");
      return;
    }
    auto spool = Spool::open(options_for(ro / "spool.db"), SystemClock::instance());
    REQUIRE_FALSE(spool.ok());
    INFO(spool.error().code << ": " << spool.error().message);
    CHECK(spool.error().code == "spool.read_only");
    CHECK(spool.error().message.find("spool.db") != std::string::npos);
    CHECK((spool.error().message.find("read-write") != std::string::npos ||
           spool.error().message.find("writable") != std::string::npos));

    // A new store in a read-only directory is refused the same way, and nothing appears.
    auto fresh = Spool::open(options_for(ro / "new.db"), SystemClock::instance());
    REQUIRE_FALSE(fresh.ok());
    INFO(fresh.error().code << ": " << fresh.error().message);
    CHECK(fresh.error().code == "spool.read_only");
  }
  CHECK(read_all(state / "spool.db") == before);
  CHECK(names_in(state) == files_before);
  // Writable again: the same store, nothing lost.
  Spool spool = open_spool(state / "spool.db");
  check_consistent(spool, 1);
  auto balances = ledger::balances(spool.db());
  REQUIRE_OK(balances);
  CHECK((*balances)[ledger::Bucket::in_stock] == 10);
}

/// Opening `path` is refused with `code`; the file is left as it was, nothing added.
void check_refused_untouched(const fs::path& dir, const fs::path& path, const char* code,
                             const char* words) {
  const std::string before = read_all(path);
  const auto files_before = names_in(dir);
  auto spool = Spool::open(options_for(path), SystemClock::instance());
  REQUIRE_FALSE(spool.ok());
  INFO(spool.error().code << ": " << spool.error().message);
  CHECK(spool.error().code == code);
  CHECK(spool.error().message.find(words) != std::string::npos);
  CHECK(spool.error().message.find(path.string()) != std::string::npos);
  CHECK(read_all(path) == before);
  CHECK(names_in(dir) == files_before);
}

TEST_CASE("a file of random bytes where the store should be is refused, never replaced") {
  TempDir dir;
  const fs::path path = dir.file("spool.db");
  std::mt19937 rng(5);
  std::string noise(64 * 1024, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  std::ofstream(path, std::ios::binary) << noise;
  check_refused_untouched(dir.path(), path, "spool.foreign_file", "left it untouched");
}

TEST_CASE("a store cut short or filled with noise after its header is damaged, never recreated") {
  TempDir dir;
  const fs::path path = dir.file("spool.db");
  {
    Spool spool = open_spool(path);
    for (int n = 1; n <= 40; ++n) REQUIRE_OK(spool.accept(job(n)));
    REQUIRE_OK(spool.db().exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  const std::string whole = read_all(path);
  REQUIRE(whole.size() > 16 * 4096);

  SUBCASE("cut short (half the file lost)") {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << whole.substr(0, whole.size() / 2);
  }
  SUBCASE("noise after the SQLite header") {
    std::mt19937 rng(9);
    std::string noisy = whole;
    for (std::size_t i = 100; i < noisy.size(); ++i) noisy[i] = static_cast<char>(rng());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << noisy;
  }
  check_refused_untouched(dir.path(), path, "spool.damaged", "Do not delete it");
}

}  // namespace
}  // namespace ektp::spool::test
