// The audit log: append-only at the SQL level, two people where needed.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "spool/audit.hpp"
#include "spool/outbox.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool_ledger/store_fixture.hpp"

namespace ektp::spool::audit {
namespace {

using namespace std::chrono_literals;
using test::at;

Entry entry(std::string_view action, std::optional<std::string> approver = std::nullopt) {
  return Entry{.at = at(1h),
               .operator_id = "ani",
               .action = std::string(action),
               .target_kind = "job",
               .target_id = "job-1",
               .detail_json = "{\"attempt\":2}",
               .approver = std::move(approver)};
}

TEST_CASE("an action is recorded with who, when, what and the approver") {
  test::TempStore store;
  auto& db = store.db();
  auto hold = record(db, entry(actions::job_hold));
  REQUIRE_OK(hold);
  auto reprint = record(db, entry(actions::job_reprint, "budi"));
  REQUIRE_OK(reprint);
  auto all = entries(db, at(0ms), at(2h));
  REQUIRE_OK(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].id == *hold);
  CHECK((*all)[0].entry.operator_id == "ani");
  CHECK((*all)[0].entry.action == "job.hold");
  CHECK((*all)[0].entry.at == at(1h));
  CHECK((*all)[0].entry.target_id == "job-1");
  CHECK_FALSE((*all)[0].entry.approver.has_value());
  CHECK((*all)[1].entry.approver == "budi");
  CHECK((*all)[1].entry.detail_json == "{\"attempt\":2}");
  auto none = entries(db, at(2h), at(3h));
  REQUIRE_OK(none);
  CHECK(none->empty());
}

TEST_CASE("two-person actions are refused without a second, different person") {
  test::TempStore store;
  auto& db = store.db();
  for (auto action : kTwoPersonActions) {
    CAPTURE(action);
    CHECK(needs_approval(action));
    auto alone = record(db, entry(action));
    REQUIRE_FALSE(alone.ok());
    CHECK(alone.error().code == "audit.refused");
    CHECK(alone.error().message.find("second person") != std::string::npos);
    CHECK_FALSE(record(db, entry(action, "ani")).ok());
    CHECK_OK(record(db, entry(action, "budi")));
  }
  CHECK_FALSE(needs_approval(actions::stock_load));
  auto self = record(db, entry(actions::stock_load, "ani"));  // approving oneself, never
  REQUIRE_FALSE(self.ok());
  CHECK(self.error().message.find("cannot approve their own action") != std::string::npos);
  CHECK_FALSE(record(db, Entry{.at = at(0ms),
                               .operator_id = "",
                               .action = "stock.load",
                               .target_kind = "",
                               .target_id = "",
                               .detail_json = "",
                               .approver = {}})
                  .ok());
  // The database refuses it too, whoever writes the SQL.
  CHECK_FALSE(db.exec("INSERT INTO audit_log (at_ms, operator, action) "
                      "VALUES (0, 'ani', 'job.cancel')")
                  .ok());
}

TEST_CASE("the audit log refuses UPDATE and DELETE at the SQL level") {
  test::TempStore store;
  auto& db = store.db();
  REQUIRE_OK(record(db, entry(actions::stock_load)));
  auto update = db.exec("UPDATE audit_log SET operator = 'mallory'");
  REQUIRE_FALSE(update.ok());
  CHECK(update.error().message.find("cannot be changed") != std::string::npos);
  CHECK_FALSE(db.exec("DELETE FROM audit_log").ok());
  CHECK_FALSE(db.exec("DELETE FROM audit_log WHERE id = 1").ok());
  auto all = entries(db, at(0ms), at(2h));
  REQUIRE_OK(all);
  REQUIRE(all->size() == 1);
  CHECK((*all)[0].entry.operator_id == "ani");
}

TEST_CASE("record_and_report puts the entry and its outbox event in together") {
  test::TempStore store;
  auto& db = store.db();
  auto id = record_and_report(db, entry(actions::stock_correct, "budi"));
  REQUIRE_OK(id);
  CHECK_FALSE(record_and_report(db, entry(actions::stock_correct)).ok());  // no event either
  auto batch = outbox::take_batch(db, 10);
  REQUIRE_OK(batch);
  REQUIRE(batch->size() == 1);
  CHECK((*batch)[0].type == outbox::EventType::audit_entry);
  auto payload = nlohmann::json::parse((*batch)[0].payload);
  CHECK(payload["audit_id"] == *id);
  CHECK(payload["operator"] == "ani");
  CHECK(payload["approver"] == "budi");
  CHECK(payload["action"] == "stock.correct");
  CHECK(payload["detail"]["attempt"] == 2);
}

}  // namespace
}  // namespace ektp::spool::audit
