// The card run against a real spool (temporary store) and a printer in memory that
// counts what physically happened: the spool's records must agree with the machine's
// counts after every path (good card, nothing fed, jam, double feed, chip spoiled,
// print jam, a job CUPS ended unsent, a used permit without a card, a paused queue).

#include <doctest/doctest.h>

#include <mutex>

#include "daemon/card_run.hpp"
#include "tests/unit/daemon/fake_printer.hpp"
#include "tests/unit/spool_flow/flow_fixture.hpp"

namespace ektp::daemon {
namespace {

using spool::AttemptState;
using spool::JobState;
using test::FakePrinter;
using test::JobScript;

chip::PersoOutcome good_chip(std::int64_t n) {
  chip::PersoOutcome outcome;
  outcome.result = chip::PersoResult::good;
  outcome.serial = "4790500100000" + std::to_string(100 + n);
  outcome.uid = {0x04, 0xA1, static_cast<std::uint8_t>(n)};
  return outcome;
}

struct Station : spool::test::FlowFixture {
  std::mutex lock;
  FakePrinter printer{s(), lock};
  std::deque<chip::PersoOutcome> chip_outcomes;  ///< one per chip write; good when empty
  int chip_writes = 0;
  std::vector<printer::PrintVerdict> waits;
  CounterWatch counter;
  CardRunOptions options;

  Station() {
    stock(20, 10);
    options.print_stall = std::chrono::milliseconds(0);
  }

  CardRunParts parts() {
    return CardRunParts{
        .spool = s(),
        .spool_lock = lock,
        .transport = printer,
        .write_chip =
            [this](const chip::PersoJob&) {
              ++chip_writes;
              if (chip_outcomes.empty()) return good_chip(chip_writes);
              auto next = chip_outcomes.front();
              chip_outcomes.pop_front();
              return next;
            },
        .perso_job = [](const spool::JobRecord&) -> Result<chip::PersoJob> {
          return chip::PersoJob{};
        },
        .print = printer,
        .on_waiting = [this](printer::PrintVerdict v) { waits.push_back(v); },
    };
  }

  CardRunReport run(const spool::Claim& claim) {
    auto p = parts();
    return run_card(p, claim, counter, options);
  }

  /// The ledger's buckets agree with the machine: what it holds in the hopper, the
  /// path, the tray (issued) and the reject bin (spoiled).
  void require_ledger_matches_machine() {
    require_ledger_ok();
    auto b = balances();
    using spool::ledger::Bucket;
    CHECK(b[Bucket::in_hopper] == printer.hopper);
    CHECK(b[Bucket::in_card_path] == (printer.at_encoder || printer.jammed ? 1 : 0));
    CHECK(b[Bucket::spoiled] == printer.reject_bin);
    CHECK(b[Bucket::issued] == printer.tray);
  }
};

TEST_CASE("a good card: fed, chip written and locked, face released, printed, out, done") {
  Station st;
  const std::string job = st.add_job();
  const auto claim = st.claim();
  const auto report = st.run(claim);
  REQUIRE_MESSAGE(report.outcome == CardRunOutcome::good, report.message);
  CHECK(st.printer.faces == 1);
  CHECK(st.printer.tray == 1);
  CHECK(st.printer.submissions == 1);
  CHECK(st.job_state(job) == JobState::done);
  auto attempt = st.s().attempts().get(claim.attempt_id);
  REQUIRE_OK(attempt);
  CHECK(attempt->state == AttemptState::done);
  CHECK(attempt->permit_used);
  CHECK(attempt->cups_job_id == 100);
  CHECK(attempt->chip_serial == good_chip(1).serial);
  st.require_ledger_matches_machine();
  CHECK(st.counter.expected == st.printer.counter);
}

TEST_CASE("the printer not ready before the feed: nothing moves, the job waits in the queue") {
  Station st;
  const std::string job = st.add_job();
  SUBCASE("hopper empty") { st.printer.hopper = 0; }
  SUBCASE("cover open") { st.printer.cover_open = true; }
  SUBCASE("a card left in the path") { st.printer.jammed = true; }
  const auto before = st.balances();
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::waiting);
  CHECK_FALSE(report.message.empty());
  CHECK(st.job_state(job) == JobState::queued);
  CHECK(st.movements("feed").empty());
  CHECK(st.balances()[spool::ledger::Bucket::in_hopper] ==
        before[spool::ledger::Bucket::in_hopper]);
  CHECK(st.printer.counter == 0);
}

TEST_CASE("hopper found empty at feed time: the feed is undone, the job waits, not counted") {
  Station st;
  const std::string job = st.add_job();
  st.printer.hopper_empties_at_feed = true;
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::waiting);
  CHECK(report.code == "printer.hopper_empty");
  CHECK(st.job_state(job) == JobState::queued);
  CHECK(st.printer.counter == 0);
  st.require_ledger_ok();
  CHECK(st.balances()[spool::ledger::Bucket::in_card_path] == 0);
  // After the refill the same job prints, once.
  const auto again = st.run(st.claim());
  REQUIRE_MESSAGE(again.outcome == CardRunOutcome::good, again.message);
  CHECK(st.printer.faces == 1);
  CHECK(st.job_state(job) == JobState::done);
}

TEST_CASE("a jam at feed: the blank is spoiled (jam) into the reject bin; the next card is fine") {
  Station st;
  const std::string job = st.add_job();
  st.printer.jam_at_feed = true;
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::spoiled);
  CHECK(report.code == "printer.jam");
  CHECK(st.printer.reject_bin == 1);
  auto spoils = st.movements("spoil");
  REQUIRE(spoils.size() == 1);
  CHECK(spoils[0].reason == "jam");
  CHECK(st.job_state(job) == JobState::queued);
  const auto again = st.run(st.claim());
  REQUIRE_MESSAGE(again.outcome == CardRunOutcome::good, again.message);
  CHECK(st.printer.faces == 1);
  st.require_ledger_matches_machine();
}

TEST_CASE("a double feed: both blanks in the reject bin, count mismatch, the run stops") {
  Station st;
  st.add_job();
  st.printer.double_feed = true;
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::count_mismatch);
  CHECK(report.message.find("stocktake") != std::string::npos);
  CHECK(st.printer.reject_bin == 2);
  CHECK(st.printer.faces == 0);
  // The station counted one blank: the stocktake finds the other.
  CHECK(st.balances()[spool::ledger::Bucket::spoiled] == 1);
  CHECK(st.balances()[spool::ledger::Bucket::in_hopper] == st.printer.hopper + 1);
}

TEST_CASE("the counter moved between cards: count mismatch before anything is fed") {
  Station st;
  st.add_job();
  st.add_job();
  REQUIRE(st.run(st.claim()).outcome == CardRunOutcome::good);
  st.printer.counter += 1;  // someone printed a card outside the station
  st.printer.hopper -= 1;
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::count_mismatch);
  CHECK(st.movements("feed").size() == 1);
  CHECK(st.printer.faces == 1);
}

TEST_CASE("the chip cannot be written: spoiled with the personalizer's reason, no face") {
  Station st;
  const std::string job = st.add_job();
  chip::PersoOutcome bad;
  bad.result = chip::PersoResult::spoiled;
  bad.reason = chip::SpoilReason::verify_failed;
  bad.detail = Error{"perso.verify_failed", "read back differs"};
  st.chip_outcomes.push_back(bad);
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::spoiled);
  CHECK(st.printer.faces == 0);
  CHECK(st.printer.submissions == 0);
  auto spoils = st.movements("spoil");
  REQUIRE(spoils.size() == 1);
  CHECK(spoils[0].reason == "verify_failed");
  st.require_ledger_matches_machine();
}

TEST_CASE("a card taken out mid-write is finished on the next try of the same card") {
  Station st;
  st.add_job();
  chip::PersoOutcome torn;
  torn.result = chip::PersoResult::interrupted;
  st.chip_outcomes.push_back(torn);
  const auto report = st.run(st.claim());
  REQUIRE_MESSAGE(report.outcome == CardRunOutcome::good, report.message);
  CHECK(st.chip_writes == 2);
  CHECK(st.printer.counter == 1);
  CHECK(st.printer.faces == 1);
}

TEST_CASE("a jam while printing: failed card, spoiled (jam), the job tries again") {
  Station st;
  const std::string job = st.add_job();
  st.printer.scripts = {JobScript::jam_in_print};
  const auto report = st.run(st.claim());
  CHECK(report.outcome == CardRunOutcome::spoiled);
  CHECK(st.printer.reject_bin == 1);
  CHECK(st.job_state(job) == JobState::queued);
  REQUIRE(st.run(st.claim()).outcome == CardRunOutcome::good);
  st.require_ledger_matches_machine();
}

TEST_CASE(
    "CUPS ended the job before the face was sent: the permit is withdrawn, a fresh one "
    "prints the same card once") {
  Station st;
  const std::string job = st.add_job();
  st.printer.scripts = {JobScript::end_unsent};
  const auto report = st.run(st.claim());
  REQUIRE_MESSAGE(report.outcome == CardRunOutcome::good, report.message);
  CHECK(st.printer.submissions == 2);
  CHECK(st.printer.faces == 1);
  CHECK(st.printer.counter == 1);
  CHECK(st.job_state(job) == JobState::done);
}

TEST_CASE("the permit was used but no card came out: in doubt, blocked, never printed again") {
  Station st;
  const std::string job = st.add_job();
  st.printer.scripts = {JobScript::used_no_card};
  const auto claim = st.claim();
  const auto report = st.run(claim);
  CHECK(report.outcome == CardRunOutcome::in_doubt);
  CHECK(st.attempt_state(claim.attempt_id) == AttemptState::in_doubt);
  CHECK(st.job_state(job) == JobState::blocked);
  CHECK(st.printer.submissions == 1);
  CHECK(st.printer.faces == 0);
  // The card is left in the printer for the operator: the next feed waits for it.
  CHECK(st.printer.at_encoder);
  st.add_job();
  const auto next = st.claim();
  const auto blocked = st.run(next);
  CHECK(blocked.outcome == CardRunOutcome::waiting);
  CHECK(blocked.code == "printer.card_in_path");
  // The operator takes it out, finds no face on it, and settles it spoiled.
  st.printer.at_encoder = false;
  ++st.printer.reject_bin;
  REQUIRE_OK(st.s().resolve_in_doubt(claim.attempt_id, spool::DoubtDecision::card_spoiled, "op-a",
                                     "no face on the card"));
  CHECK(st.run(st.claim()).outcome == CardRunOutcome::good);
  st.require_ledger_matches_machine();
}

TEST_CASE(
    "the queue paused before the job ran: cancelled, permit withdrawn, the card waits at "
    "the encoder and prints once the queue is back") {
  Station st;
  const std::string job = st.add_job();
  st.printer.scripts = {JobScript::pause_queue};
  const auto claim = st.claim();
  const auto report = st.run(claim);
  CHECK(report.outcome == CardRunOutcome::queue_broken);
  CHECK(report.code == "printer.queue_disabled");
  CHECK(st.printer.cancels == 1);
  CHECK(st.attempt_state(claim.attempt_id) == AttemptState::chip_locked);
  CHECK(st.printer.at_encoder);
  st.printer.queue_paused = false;
  const auto resumed = st.run(claim);
  REQUIRE_MESSAGE(resumed.outcome == CardRunOutcome::good, resumed.message);
  CHECK(st.printer.faces == 1);
  CHECK(st.printer.counter == 1);
  CHECK(st.job_state(job) == JobState::done);
  st.require_ledger_matches_machine();
}

TEST_CASE("cupsd refuses the placeholder: nothing printed, the permit withdrawn, queue broken") {
  Station st;
  st.add_job();
  st.printer.scripts = {JobScript::fail_submit};
  const auto claim = st.claim();
  const auto report = st.run(claim);
  CHECK(report.outcome == CardRunOutcome::queue_broken);
  CHECK(st.attempt_state(claim.attempt_id) == AttemptState::chip_locked);
  CHECK(st.printer.faces == 0);
}

}  // namespace
}  // namespace ektp::daemon
