// Operator actions through the Spool facade: each writes its audit entry and that
// entry's outbox event in the same transaction as the change, or nothing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "spool/audit.hpp"
#include "spool/store.hpp"
#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::spool::test {
namespace {

using A = AttemptState;
using ledger::Bucket;
using outbox::EventType;

// Audit rows with this action, as (operator, approver, target id).
struct AuditRow {
  std::string op, approver, target;
};
std::vector<AuditRow> audit_rows(FlowFixture& f, std::string_view action) {
  auto q = f.db().prepare(
      "SELECT operator, coalesce(approver, ''), coalesce(target_id, '') FROM audit_log "
      "WHERE action = ?1 ORDER BY id");
  REQUIRE_OK(q);
  q->bind(1, action);
  std::vector<AuditRow> out;
  for (;;) {
    auto row = q->step();
    REQUIRE_OK(row);
    if (!*row) break;
    out.push_back({q->column_text(0), q->column_text(1), q->column_text(2)});
  }
  return out;
}

// Every audit row has its audit_entry event, and no event lacks its row.
void require_audit_reported(FlowFixture& f) {
  CHECK(f.count("SELECT count(*) FROM audit_log") ==
        f.count("SELECT count(*) FROM outbox_event WHERE type = 'audit_entry'"));
}

TEST_CASE("hold, release and cancel are audited; a cancel reports Gagal") {
  FlowFixture f;
  const std::string job = f.add_job();
  REQUIRE_OK(f.s().hold(job, "op-a", "citizen asked to wait"));
  CHECK(f.job_state(job) == JobState::held);
  REQUIRE_OK(f.s().release(job, "op-a"));
  CHECK(f.job_state(job) == JobState::queued);
  CHECK(audit_rows(f, audit::actions::job_hold).size() == 1);
  CHECK(audit_rows(f, audit::actions::job_release).size() == 1);

  // Refused (one person): nothing recorded.
  const auto audits_before = f.count("SELECT count(*) FROM audit_log");
  CHECK_FALSE(f.s().cancel(job, "op-a", "op-a", "duplicate"));
  CHECK(f.count("SELECT count(*) FROM audit_log") == audits_before);
  CHECK(f.job_state(job) == JobState::queued);

  REQUIRE_OK(f.s().cancel(job, "op-a", "sup-b", "duplicate record"));
  auto rows = audit_rows(f, audit::actions::job_cancel);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].op == "op-a");
  CHECK(rows[0].approver == "sup-b");
  CHECK(rows[0].target == job);
  auto failed = f.events_of(EventType::job_failed);
  REQUIRE(failed.size() == 1);
  CHECK(nlohmann::json::parse(failed[0].payload)["reason"] == "cancelled");
  require_audit_reported(f);
  f.require_outbox_without_holes();
}

TEST_CASE("a cancel by central reports Gagal and is not an operator's audit entry") {
  FlowFixture f;
  const std::string job = f.add_job();
  REQUIRE_OK(f.s().cancel_by_central(job, "record withdrawn"));
  CHECK(f.job_state(job) == JobState::cancelled);
  CHECK(f.events_of(EventType::job_failed).size() == 1);
  CHECK(f.count("SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("void and reprint: the good card is spoiled from issued, two people, audited") {
  FlowFixture f;
  f.stock(10, 10);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  f.to_card_out(c.attempt_id);
  REQUIRE_OK(f.s().finish(c.attempt_id));

  CHECK_FALSE(f.s().void_and_reprint(job, "op-a", "op-a", "smudged"));
  CHECK(f.movements("spoil").empty());

  REQUIRE_OK(f.s().void_and_reprint(job, "op-a", "sup-b", "face smudged"));
  auto spoils = f.movements("spoil");
  REQUIRE(spoils.size() == 1);
  CHECK(spoils[0].from == "issued");
  CHECK(spoils[0].reason == "voided");
  CHECK(spoils[0].serial == FlowFixture::serial_of(c.attempt_id));
  CHECK(f.balances()[Bucket::issued] == 0);
  CHECK(f.balances()[Bucket::spoiled] == 1);
  CHECK(f.events_of(EventType::blank_spoiled).size() == 1);
  CHECK(audit_rows(f, audit::actions::card_void).size() == 1);
  auto reprint = audit_rows(f, audit::actions::job_reprint);
  REQUIRE(reprint.size() == 1);
  CHECK(reprint[0].approver == "sup-b");
  CHECK(f.attempt_state(c.attempt_id) == A::voided);
  CHECK(f.job_state(job) == JobState::queued);

  // The reprint is a counted new attempt with its own feed, issue and Selesai.
  const Claim again = f.claim();
  CHECK(again.reprint);
  f.to_card_out(again.attempt_id);
  REQUIRE_OK(f.s().finish(again.attempt_id));
  CHECK(f.movements("issue").size() == 2);
  CHECK(f.events_of(EventType::card_good).size() == 2);
  CHECK(f.events_of(EventType::job_printing).size() == 2);
  CHECK(f.balances()[Bucket::issued] == 1);
  f.require_ledger_ok();
  require_audit_reported(f);
}

TEST_CASE("in doubt: the operator's decision moves the card and is audited") {
  FlowFixture f;
  f.stock(10, 10);
  const std::string job = f.add_job();
  const Claim c = f.claim();
  f.to_card_out(c.attempt_id);
  CHECK(f.reopen().in_doubt == 1);
  CHECK(f.job_state(job) == JobState::blocked);
  CHECK(f.balances()[Bucket::in_card_path] == 1);

  SUBCASE("card good") {
    auto r = f.s().resolve_in_doubt(c.attempt_id, DoubtDecision::card_good, "op-a", "scanned");
    REQUIRE_OK(r);
    CHECK(*r == JobState::done);
    CHECK(f.movements("issue").size() == 1);
    CHECK(f.events_of(EventType::card_good).size() == 1);
  }
  SUBCASE("card spoiled") {
    auto r = f.s().resolve_in_doubt(c.attempt_id, DoubtDecision::card_spoiled, "op-a", "no face");
    REQUIRE_OK(r);
    CHECK(*r == JobState::queued);
    auto spoils = f.movements("spoil");
    REQUIRE(spoils.size() == 1);
    CHECK(spoils[0].reason == "operator");
    CHECK(f.events_of(EventType::blank_spoiled).size() == 1);
  }
  CHECK(f.balances()[Bucket::in_card_path] == 0);
  CHECK(audit_rows(f, audit::actions::attempt_resolve).size() == 1);
  require_audit_reported(f);
  f.require_ledger_ok();
}

TEST_CASE("stock actions are audited; a stocktake clears a restored store's mark") {
  FlowFixture f;
  f.stock(20, 8);
  REQUIRE_OK(f.s().return_stock(
      {.count = 2, .reason = "wrong batch", .operator_id = "op-a", .note = "", .at = {}}));
  REQUIRE_OK(f.s().spoil_in_hopper(1, ledger::SpoilReason::damaged, "op-a", "bent"));
  CHECK(audit_rows(f, audit::actions::stock_receive).size() == 1);
  CHECK(audit_rows(f, audit::actions::stock_load).size() == 1);
  CHECK(audit_rows(f, audit::actions::stock_return).size() == 1);
  CHECK(audit_rows(f, audit::actions::stock_spoil).size() == 1);
  CHECK(f.events_of(EventType::blank_spoiled).size() == 1);

  // A refused movement leaves no audit entry either.
  const auto audits_before = f.count("SELECT count(*) FROM audit_log");
  CHECK(f.s().load_hopper({.count = 100, .operator_id = "op-a", .at = {}}).error().code ==
        "ledger.stock_short");
  CHECK(f.count("SELECT count(*) FROM audit_log") == audits_before);

  REQUIRE_OK(mark_restored(f.db()));
  f.add_job();
  CHECK(f.s().claim_next().error().code == "spool.restored_store");
  CHECK_FALSE(f.s().stocktake({.in_stock = 10,
                               .in_hopper = 7,
                               .in_card_path = 0,
                               .note = "",
                               .operator_id = "op-a",
                               .approver = "op-a",
                               .at = {}}));
  auto identity = load_identity(f.db());
  REQUIRE_OK(identity);
  CHECK(identity->restored);

  // Counted one blank fewer in stock than the ledger says.
  auto corrections = f.s().stocktake({.in_stock = 9,
                                      .in_hopper = 7,
                                      .in_card_path = 0,
                                      .note = "",
                                      .operator_id = "op-a",
                                      .approver = "sup-b",
                                      .at = {}});
  REQUIRE_OK(corrections);
  CHECK(corrections->size() == 1);
  identity = load_identity(f.db());
  REQUIRE_OK(identity);
  CHECK_FALSE(identity->restored);
  auto rows = audit_rows(f, audit::actions::stocktake);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].approver == "sup-b");
  CHECK(f.balances()[Bucket::in_stock] == 9);
  REQUIRE_OK(f.s().claim_next());
  require_audit_reported(f);
  f.require_ledger_ok();
  f.require_outbox_without_holes();
}

}  // namespace
}  // namespace ektp::spool::test
