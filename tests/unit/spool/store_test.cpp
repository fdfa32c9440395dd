// Store identity, restored flag, intake cursor, UUIDs.
#include <doctest/doctest.h>

#include <set>

#include "spool/cursor.hpp"
#include "spool/store.hpp"
#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;

TEST_CASE("UUIDs are version 4, random, and validated") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = make_uuid_v4();
    CHECK(is_uuid(id));
    CHECK(id[14] == '4');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 100);
  CHECK(is_uuid("123E4567-E89B-42D3-A456-426614174000"));
  CHECK_FALSE(is_uuid("123e4567e89b42d3a456426614174000"));
  CHECK_FALSE(is_uuid("123e4567-e89b-42d3-a456-42661417400g"));
  CHECK_FALSE(is_uuid(""));
}

TEST_CASE("a restored store gets a new store id and is marked restored") {
  Fixture f;
  auto before = load_identity(f.db);
  REQUIRE_OK(before);
  REQUIRE_OK(mark_restored(f.db));
  auto after = load_identity(f.db);
  REQUIRE_OK(after);
  CHECK(after->store_id != before->store_id);
  CHECK(is_uuid(after->store_id));
  CHECK(after->restored);
  CHECK(after->created_at_ms == before->created_at_ms);
  REQUIRE_OK(clear_restored(f.db));
  CHECK_FALSE(load_identity(f.db)->restored);
  REQUIRE_OK(set_station_id(f.db, "3578-KOTA-SURABAYA-01"));
  CHECK(load_identity(f.db)->station_id == "3578-KOTA-SURABAYA-01");
}

TEST_CASE("two stores never share an id") {
  Fixture a;
  Fixture b;
  CHECK(load_identity(a.db)->store_id != load_identity(b.db)->store_id);
}

TEST_CASE("the intake cursor is stored, replaced and survives a reopen") {
  Fixture f;
  auto none = load_cursor(f.db);
  REQUIRE_OK(none);
  CHECK_FALSE(none->has_value());
  REQUIRE_OK(store_cursor(f.db, "c-0001", f.clock));
  REQUIRE_OK(store_cursor(f.db, "c-0002", f.clock));
  f.reopen();
  auto c = load_cursor(f.db);
  REQUIRE_OK(c);
  REQUIRE(c->has_value());
  CHECK(**c == "c-0002");
  // Inside an outer transaction that fails, the cursor does not move.
  auto r = f.db.transaction([&]() -> ektp::Result<void> {
    REQUIRE_OK(store_cursor(f.db, "c-0003", f.clock));
    return ektp::fail("test.abort", "bundles failed to commit");
  });
  CHECK_FALSE(r.ok());
  CHECK(**load_cursor(f.db) == "c-0002");
}
