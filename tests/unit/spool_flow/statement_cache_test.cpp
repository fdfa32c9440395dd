// The prepared-statement cache of Database: a reused statement starts clean, and
// statements may outlive or follow their Database safely.
#include <doctest/doctest.h>

#include <optional>

#include "tests/unit/spool/temp_store.hpp"

namespace ektp::spool::test {
namespace {

TEST_CASE("a cached statement comes back reset, its old bindings cleared") {
  TempDir dir;
  Database db = open_store(dir);
  {
    auto q = db.prepare("SELECT ?1 IS NULL, ?1");
    REQUIRE_OK(q);
    q->bind(1, std::int64_t{42});
    auto row = q->step();
    REQUIRE_OK(row);
    REQUIRE(*row);
    CHECK(q->column_int(1) == 42);
    // Left mid-result on purpose: the cache resets it.
  }
  auto again = db.prepare("SELECT ?1 IS NULL, ?1");
  REQUIRE_OK(again);
  auto row = again->step();
  REQUIRE_OK(row);
  REQUIRE(*row);
  CHECK(again->column_int(0) == 1);  // no stale binding

  // Two live statements of one text are independent.
  auto other = db.prepare("SELECT ?1 IS NULL, ?1");
  REQUIRE_OK(other);
  other->bind(1, std::int64_t{7});
  REQUIRE_OK(other->step());
  CHECK(other->column_int(1) == 7);
  CHECK(again->column_int(0) == 1);
}

TEST_CASE("statements survive the Database moving and closing") {
  TempDir dir;
  std::optional<Database> db(open_store(dir));
  auto q = db->prepare("SELECT count(*) FROM jobs");
  REQUIRE_OK(q);
  Database moved(std::move(*db));
  db.reset();
  auto row = q->step();  // still the same connection
  REQUIRE_OK(row);
  CHECK(*row);
  q->reset();
  auto next = moved.prepare("SELECT count(*) FROM jobs");
  REQUIRE_OK(next);
  {
    Database gone(std::move(moved));  // closes with `q` and `next` still alive
  }
  // Destroying them now must neither leak nor touch freed memory (ASan watches).
}

TEST_CASE("a rolled-back transaction leaves no cached statement holding a lock") {
  TempDir dir;
  Database db = open_store(dir);
  auto r = db.transaction([&]() -> Result<void> {
    auto q = db.prepare("SELECT id FROM jobs");
    if (!q) return q.error();
    if (auto s = q->step(); !s) return s.error();
    return fail("test.rollback", "on purpose");
  });
  CHECK_FALSE(r);
  CHECK_FALSE(db.in_transaction());
  REQUIRE_OK(db.transaction([&] { return db.exec("UPDATE store_meta SET station_id = 'x'"); }));
}

}  // namespace
}  // namespace ektp::spool::test
