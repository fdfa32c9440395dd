// Handover (Diambil) and the stock report: each one transaction with its outbox event;
// a handover only for a good card, once, and it drops the keyed NIK hash.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/unit/spool_flow/flow_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;

namespace {

std::vector<std::uint8_t> nik_hash_of(FlowFixture& f, const std::string& id) {
  auto job = f.s().jobs().get(id);
  REQUIRE_OK(job);
  return job->nik_hash;
}

}  // namespace

TEST_CASE("a good card is handed over once: Diambil reported, audited, NIK hash dropped") {
  FlowFixture f;
  f.stock(10, 5);
  const std::string id = f.add_job();
  const std::string waiting = f.add_job();
  const Claim c = f.claim();
  f.to_card_out(c.attempt_id);
  REQUIRE_OK(f.s().finish(c.attempt_id));
  CHECK(nik_hash_of(f, id) != std::vector<std::uint8_t>(32, 0));

  // Not yet printed: refused, and nothing changes.
  const auto events_before = f.events().size();
  auto early = f.s().hand_over(waiting, "op-a");
  REQUIRE_FALSE(early);
  CHECK(early.error().code == "spool.not_done");
  CHECK(f.events().size() == events_before);
  CHECK(nik_hash_of(f, waiting) != std::vector<std::uint8_t>(32, 0));

  REQUIRE_OK(f.s().hand_over(id, "op-a"));
  const auto handed = f.events_of(outbox::EventType::handed_over);
  REQUIRE(handed.size() == 1);
  CHECK(handed[0].job_id == id);
  CHECK(nik_hash_of(f, id) == std::vector<std::uint8_t>(32, 0));
  CHECK(f.count("SELECT count(*) FROM audit_log WHERE action = 'job.hand_over'") == 1);
  CHECK(f.job_state(id) == JobState::done);

  // Twice: refused, still one event.
  auto again = f.s().hand_over(id, "op-b");
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "spool.already_handed_over");
  CHECK(f.events_of(outbox::EventType::handed_over).size() == 1);
  CHECK(f.s().hand_over(id, "").error().code == "spool.bad_operator");
  f.require_outbox_without_holes();
}

TEST_CASE("the database refuses a handover of a card that is not done, whoever asks") {
  FlowFixture f;
  const std::string id = f.add_job();
  auto q = f.db().prepare("UPDATE jobs SET handed_over_at_ms = 1 WHERE id = ?1");
  REQUIRE_OK(q);
  q->bind(1, std::string_view(id));
  auto r = q->step();
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find("Only a finished good card") != std::string::npos);
}

TEST_CASE("a stock report carries the buckets") {
  FlowFixture f;
  f.stock(30, 12);
  REQUIRE_OK(f.s().report_stock());
  const auto reports = f.events_of(outbox::EventType::stock_report);
  REQUIRE(reports.size() == 1);
  const auto payload = nlohmann::json::parse(reports[0].payload);
  CHECK(payload["buckets"]["in_stock"] == 18);
  CHECK(payload["buckets"]["in_hopper"] == 12);
  CHECK(payload["stock"] == 30);
  CHECK(payload["days_left"].is_null());  // nothing used yet: no rate
  f.require_outbox_without_holes();
}
