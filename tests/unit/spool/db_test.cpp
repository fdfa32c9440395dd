// Database: pragmas, identity checks, refusals of foreign/newer/damaged files, transactions.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "spool/db.hpp"
#include "spool/store.hpp"
#include "tests/unit/spool/temp_store.hpp"

using namespace ektp::spool;
using ektp::spool::test::open_store;
using ektp::spool::test::TempDir;

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::int64_t pragma(Database& db, const char* sql) {
  auto q = db.prepare(sql);
  REQUIRE_OK(q);
  auto row = q->step();
  REQUIRE_OK(row);
  REQUIRE(*row);
  return q->column_int(0);
}

}  // namespace

TEST_CASE("a new store has the safe settings, read back from SQLite") {
  TempDir dir;
  Database db = open_store(dir);
  CHECK(pragma(db, "PRAGMA synchronous") == 2);  // FULL
  CHECK(pragma(db, "PRAGMA foreign_keys") == 1);
  CHECK(pragma(db, "PRAGMA application_id") == kApplicationId);
  CHECK(db.schema_version() == Database::latest_schema_version());
  auto q = db.prepare("PRAGMA journal_mode");
  REQUIRE_OK(q);
  REQUIRE(*q->step());
  CHECK(q->column_text(0) == "wal");
  CHECK(db.path() == dir.file("spool.db"));
}

TEST_CASE("sync off only for the power-cut test: with a test VFS, never without") {
  TempDir dir;
  OpenOptions options;
  options.path = dir.file("spool.db");
  options.test_sync_off = true;
  auto refused = Database::open(options);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "spool.unsafe_settings");
  CHECK_FALSE(std::filesystem::exists(options.path));  // refused before anything is written
  options.test_vfs = "unix";  // any registered VFS: the power-cut test passes its own
  auto db = Database::open(options);
  REQUIRE_OK(db);
  CHECK(pragma(*db, "PRAGMA synchronous") == 0);
  // Opened again without the test option: FULL as always.
  OpenOptions plain;
  plain.path = options.path;
  auto again = Database::open(plain);
  REQUIRE_OK(again);
  CHECK(pragma(*again, "PRAGMA synchronous") == 2);
}

TEST_CASE("a store opens again with the same identity") {
  TempDir dir;
  std::string id;
  {
    Database db = open_store(dir);
    auto identity = load_identity(db);
    REQUIRE_OK(identity);
    id = identity->store_id;
    CHECK(is_uuid(id));
    CHECK(identity->station_id == "station-test");
    CHECK_FALSE(identity->restored);
  }
  Database db = open_store(dir);
  auto identity = load_identity(db);
  REQUIRE_OK(identity);
  CHECK(identity->store_id == id);
}

TEST_CASE("a file that is not SQLite is refused and left untouched") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  std::ofstream(path, std::ios::binary) << "this is the accounts spreadsheet, not a spool\n";
  const std::string before = read_all(path);
  OpenOptions options;
  options.path = path;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.foreign_file");
  CHECK(db.error().message.find(path.string()) != std::string::npos);
  CHECK(db.error().message.find("not an SQLite database") != std::string::npos);
  CHECK(read_all(path) == before);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);  // no -wal, no -shm
}

TEST_CASE("an existing store of 0 bytes is refused, never replaced by a new store") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  std::ofstream(path, std::ios::binary).flush();  // cut off to nothing
  OpenOptions options;
  options.path = path;  // create_if_missing stays on, as in the station
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.empty_file");
  CHECK(db.error().message.find(path.string()) != std::string::npos);
  CHECK(db.error().message.find("backup") != std::string::npos);
  CHECK(std::filesystem::file_size(path) == 0);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);  // no -wal, no -shm
}

TEST_CASE("another program's SQLite database is refused and left untouched") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw,
                         "CREATE TABLE contacts (name TEXT); INSERT INTO contacts "
                         "VALUES ('someone'); PRAGMA user_version = 7;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  const std::string before = read_all(path);
  OpenOptions options;
  options.path = path;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.foreign_file");
  CHECK(db.error().message.find("another program") != std::string::npos);
  CHECK(read_all(path) == before);
}

TEST_CASE("a store from a newer station version is refused") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  { open_store(dir); }
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
    const std::string sql =
        "PRAGMA user_version = " + std::to_string(Database::latest_schema_version() + 1);
    REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  OpenOptions options;
  options.path = path;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.newer_schema");
  CHECK(db.error().message.find("newer version") != std::string::npos);
}

TEST_CASE("a missing store is not created when creation is off") {
  TempDir dir;
  OpenOptions options;
  options.path = dir.file("spool.db");
  options.create_if_missing = false;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.missing");
  CHECK_FALSE(std::filesystem::exists(options.path));
}

TEST_CASE("a damaged store is refused, not recreated") {
  TempDir dir;
  const auto path = dir.file("spool.db");
  {
    Database db = open_store(dir);
    REQUIRE_OK(
        db.exec("CREATE TABLE filler (x BLOB); INSERT INTO filler "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) "
                "SELECT randomblob(1000) FROM n;"));
    REQUIRE_OK(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  {
    // Overwrite pages in the middle of the file (keeps the header intact).
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 3);
    const std::string junk(4096 * 20, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string before = read_all(path);
  OpenOptions options;
  options.path = path;
  auto db = Database::open(options);
  REQUIRE_FALSE(db.ok());
  CHECK(db.error().code == "spool.damaged");
  CHECK(db.error().message.find("backup") != std::string::npos);
  CHECK(read_all(path) == before);
}

TEST_CASE("a transaction commits, rolls back on an error, and nests") {
  TempDir dir;
  Database db = open_store(dir);
  REQUIRE_OK(db.exec("CREATE TABLE t (x INTEGER)"));
  auto count = [&] { return pragma(db, "SELECT count(*) FROM t"); };

  REQUIRE_OK(
      db.transaction([&]() -> ektp::Result<void> { return db.exec("INSERT INTO t VALUES (1)"); }));
  CHECK(count() == 1);

  auto failed = db.transaction([&]() -> ektp::Result<void> {
    REQUIRE_OK(db.exec("INSERT INTO t VALUES (2)"));
    return ektp::fail("test.stop", "stop");
  });
  CHECK_FALSE(failed.ok());
  CHECK(count() == 1);
  CHECK_FALSE(db.in_transaction());

  CHECK_THROWS(db.transaction([&]() -> ektp::Result<void> {
    REQUIRE_OK(db.exec("INSERT INTO t VALUES (3)"));
    throw std::runtime_error("boom");
  }));
  CHECK(count() == 1);
  CHECK_FALSE(db.in_transaction());

  // Inner failure undoes only the inner work; the outer transaction commits the rest.
  auto outer = db.transaction([&]() -> ektp::Result<void> {
    REQUIRE_OK(db.exec("INSERT INTO t VALUES (4)"));
    auto inner = db.transaction([&]() -> ektp::Result<void> {
      REQUIRE_OK(db.exec("INSERT INTO t VALUES (5)"));
      return ektp::fail("test.inner", "inner");
    });
    CHECK_FALSE(inner.ok());
    CHECK(db.in_transaction());
    return db.transaction([&] { return db.exec("INSERT INTO t VALUES (6)"); });
  });
  REQUIRE_OK(outer);
  CHECK(count() == 3);
  CHECK(pragma(db, "SELECT sum(x) FROM t") == 11);
}

TEST_CASE("a trigger's refusal reaches the caller with the trigger's words") {
  TempDir dir;
  Database db = open_store(dir);
  REQUIRE_OK(
      db.exec("CREATE TABLE t (x INTEGER); CREATE TRIGGER no_neg BEFORE INSERT ON t "
              "WHEN NEW.x < 0 BEGIN SELECT RAISE(ABORT, 'Negative stock is refused.'); END;"));
  auto q = db.prepare("INSERT INTO t VALUES (?1)");
  REQUIRE_OK(q);
  auto r = q->bind(1, std::int64_t{-1}).run();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "spool.refused");
  CHECK(r.error().message == "Negative stock is refused.");
}

TEST_CASE("statements bind and read every type") {
  TempDir dir;
  Database db = open_store(dir);
  REQUIRE_OK(db.exec("CREATE TABLE t (i INTEGER, s TEXT, b BLOB, n TEXT)"));
  const std::vector<std::uint8_t> blob{0, 1, 2, 255};
  auto ins = db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
  REQUIRE_OK(ins);
  REQUIRE_OK(ins->bind(1, std::int64_t{1} << 40)
                 .bind(2, std::string_view("teks"))
                 .bind_blob(3, blob)
                 .bind_null(4)
                 .run());
  CHECK(db.last_insert_rowid() == 1);
  CHECK(db.changes() == 1);
  auto sel = db.prepare("SELECT i, s, b, n FROM t");
  REQUIRE_OK(sel);
  auto row = sel->step();
  REQUIRE_OK(row);
  REQUIRE(*row);
  CHECK(sel->column_int(0) == (std::int64_t{1} << 40));
  CHECK(sel->column_text(1) == "teks");
  CHECK(sel->column_blob(2) == blob);
  CHECK(sel->column_is_null(3));
  CHECK_FALSE(*sel->step());
}
