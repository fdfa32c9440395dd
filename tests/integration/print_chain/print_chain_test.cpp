// The card chain end to end through the real rig: spool → printer simulator's feed →
// chip personalized through pcscd → permit → placeholder held in cupsd, released →
// ektp-gate redeems it → face printed by the witness → card out → done. The witness's
// counts (faces on verified chips, cards per attempt in the tray, the printer's card
// counter) are what the tests trust.
#include <doctest/doctest.h>

#include "tests/integration/print_chain/chain_fixture.hpp"

namespace ektp::chain {
namespace {

using daemon::CardRunOutcome;

std::string tray_key(std::int64_t attempt_id) {
  return "tray_job.ektp-attempt-" + std::to_string(attempt_id);
}

TEST_CASE(
    "a card personalized, released, printed, out: the printer got the rendered face "
    "byte for byte, on a verified chip") {
  Chain chain(3, 1);
  const auto report = chain.run_next();
  REQUIRE_MESSAGE(report.outcome == CardRunOutcome::good, report.code << ": " << report.message);
  const Citizen& citizen = chain.citizens.begin()->second;
  CHECK(chain.job_state(citizen.job_id) == spool::JobState::done);
  CHECK(chain.witness_count("faces_printed") == 1);
  CHECK(chain.witness_count("faces_verified") == 1);
  CHECK(chain.witness_count(tray_key(report.attempt_id)) == 1);
  const auto lines = chain.received();
  REQUIRE_FALSE(lines.empty());
  CHECK_MESSAGE(lines.back().find(citizen.face_sha256) != std::string::npos, lines.back());
  chain.require_ledger_ok();
}

TEST_CASE(
    "the hopper runs empty in the middle of a run: waiting with a plain message; after "
    "the refill the run goes on and no face is printed twice") {
  Chain chain(2, 3);
  int good = 0;
  daemon::CardRunReport report;
  for (int i = 0; i < 3; ++i) {
    report = chain.run_next();
    if (report.outcome != CardRunOutcome::good) break;
    ++good;
  }
  CHECK(good == 2);
  CHECK(report.outcome == CardRunOutcome::waiting);
  CHECK(report.code == "printer.hopper_empty");
  CHECK(report.message.find("Load blank cards") != std::string::npos);
  chain.load(2);
  const auto resumed = chain.run_next();
  REQUIRE_MESSAGE(resumed.outcome == CardRunOutcome::good, resumed.code << ": " << resumed.message);
  CHECK(chain.witness_count("faces_printed") == 3);
  CHECK(chain.witness_count("faces_verified") == 3);
  for (const auto& [id, citizen] : chain.citizens) {
    CHECK(chain.job_state(id) == spool::JobState::done);
  }
  // Three attempts printed, one card each.
  const auto counts = chain.witness();
  int trays = 0;
  for (const auto& [key, value] : counts) {
    if (key.starts_with("tray_job.")) {
      ++trays;
      CHECK_MESSAGE(value == "1", key);
    }
  }
  CHECK(trays == 3);
  chain.require_ledger_ok();
}

TEST_CASE(
    "a jam on card 2: that blank is spoiled (jam) and rejected, the next card is fine, "
    "the printer's counter and the ledger agree") {
  Chain chain(5, 2);
  REQUIRE_OK(chain.printer.request("fault jam_at 2"));
  REQUIRE(chain.run_next().outcome == CardRunOutcome::good);
  const auto jammed = chain.run_next();
  CHECK(jammed.outcome == CardRunOutcome::spoiled);
  CHECK(jammed.code == "printer.jam");
  const auto again = chain.run_next();
  REQUIRE_MESSAGE(again.outcome == CardRunOutcome::good, again.code << ": " << again.message);
  CHECK(chain.witness_count("faces_verified") == 2);
  CHECK(chain.witness_count("reject_bin") == 1);
  CHECK(chain.witness_count("counter") == 3);
  // The station's own count: three feeds, one spoiled, two issued.
  {
    std::lock_guard guard(chain.lock);
    auto balances = spool::ledger::balances(chain.spool->db());
    REQUIRE_OK(balances);
    using spool::ledger::Bucket;
    CHECK((*balances)[Bucket::issued] == 2);
    CHECK((*balances)[Bucket::spoiled] == 1);
    CHECK((*balances)[Bucket::in_hopper] == chain.witness_count("hopper"));
  }
  CHECK(chain.station->counter().expected == 3u);
  chain.require_ledger_ok();
}

TEST_CASE(
    "the queue paused before the face is sent: the station stops, withdraws the permit, "
    "and once the queue is back the same card prints once") {
  Chain chain(3, 1);
  const std::string queue = chain.env.at("EKTP_CUPS_QUEUE");
  REQUIRE(std::system(("cupsdisable " + queue).c_str()) == 0);
  std::optional<spool::Claim> claim;
  {
    std::lock_guard guard(chain.lock);
    auto next = chain.spool->claim_next();
    REQUIRE_OK(next);
    claim = **next;
  }
  const auto stopped = chain.run(*claim);
  REQUIRE(std::system(("cupsenable " + queue).c_str()) == 0);
  CHECK(stopped.outcome == CardRunOutcome::queue_broken);
  CHECK(stopped.code == "printer.queue_disabled");
  CHECK(chain.witness_count("faces_printed") == 0);
  const auto resumed = chain.run(*claim);
  REQUIRE_MESSAGE(resumed.outcome == CardRunOutcome::good, resumed.code << ": " << resumed.message);
  CHECK(chain.witness_count("faces_printed") == 1);
  CHECK(chain.witness_count("faces_verified") == 1);
  CHECK(chain.witness_count("counter") == 1);
}

}  // namespace
}  // namespace ektp::chain
