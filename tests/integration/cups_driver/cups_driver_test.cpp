// The station's CUPS driver against the rig's real cupsd, on temporary queues of its own:
// the queue check's distinct errors (missing, paused, not accepting, another backend, no
// CR80 media), a placeholder submitted held reaches nothing until released and then
// arrives byte for byte, one card in flight, cancel, the start-up rule (only the station's
// own ektp-attempt-* jobs are cancelled), and the queue is never left paused.
//
// The test backend and the fixture: sink_fixture.hpp.
#include <doctest/doctest.h>

#include "drivers/printer/print_placeholder.hpp"
#include "tests/integration/cups_driver/sink_fixture.hpp"

using namespace ektp::test::cups_driver;

TEST_CASE("the queue check names each problem with its own code") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-check");
  auto good = check_station_queue(queue, kSink);
  REQUIRE_MESSAGE(good.ok(), (good.ok() ? "" : good.error().message));

  const auto expect = [](const ektp::Result<QueueFacts>& result, const std::string& code,
                         const std::string& queue_name) {
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == code);
    CHECK(result.error().message.find(queue_name) != std::string::npos);
  };

  SUBCASE("missing") {
    expect(check_station_queue("ektp-test-no-such-queue", kSink), "printer.queue_missing",
           "ektp-test-no-such-queue");
  }
  SUBCASE("paused") {
    admin("cupsdisable " + queue);
    expect(check_station_queue(queue, kSink), "printer.queue_disabled", queue);
    admin("cupsenable " + queue);
    CHECK(check_station_queue(queue, kSink).ok());
  }
  SUBCASE("not accepting") {
    admin("cupsreject " + queue);
    expect(check_station_queue(queue, kSink), "printer.queue_rejecting", queue);
    admin("cupsaccept " + queue);
    CHECK(check_station_queue(queue, kSink).ok());
  }
  SUBCASE("not through the station's backend") {
    // The station's real check wants ektp-gate; this queue prints straight to the printer.
    const std::string direct =
        rig.add_queue("ektp-test-direct", "ipp://localhost:8631/ipp/print", "cr80");
    expect(check_station_queue(direct), "printer.queue_wrong_backend", direct);
    expect(check_station_queue(queue), "printer.queue_wrong_backend", queue);
  }
  SUBCASE("no CR80 media") {
    const std::string a4 = rig.add_queue("ektp-test-a4", std::string(kSink) + ":/card", "a4");
    expect(check_station_queue(a4, kSink), "printer.queue_no_cr80", a4);
  }
  SUBCASE("a submit to a broken queue is refused and leaves no job") {
    admin("cupsreject " + queue);
    CupsDriver driver = sink_driver(queue);
    auto id = driver.submit(5, kToken);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().code == "printer.queue_rejecting");
    CHECK_FALSE(driver.live_job());
    admin("cupsaccept " + queue);
    auto jobs = unfinished_jobs(queue);
    REQUIRE(jobs.ok());
    CHECK(jobs->empty());
  }
}

TEST_CASE("a held placeholder reaches nothing until released, then arrives byte for byte") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-held");
  CupsDriver driver = sink_driver(queue);
  REQUIRE(driver.check_queue().ok());

  auto id = driver.submit(31, kToken);
  REQUIRE_MESSAGE(id.ok(), (id.ok() ? "" : id.error().message));
  CHECK(driver.live_job() == *id);

  // CUPS holds it under the attempt's name, as the station's user.
  auto jobs = unfinished_jobs(queue);
  REQUIRE(jobs.ok());
  REQUIRE(jobs->size() == 1);
  CHECK(jobs->front().id == *id);
  CHECK(jobs->front().name == "ektp-attempt-31");
  CHECK(jobs->front().user == cupsUser());
  CHECK(jobs->front().state == JobState::held);

  // Held: nothing changes and nothing reaches the backend while the station waits.
  auto seen = driver.observe();
  REQUIRE(seen.ok());
  CHECK(seen->job_state == JobState::held);
  CHECK(decide_outcome(*seen).cause == PrintCause::held);
  auto later = driver.wait_for_change(*seen, 2s);
  REQUIRE(later.ok());
  CHECK(later->job_state == JobState::held);
  CHECK_FALSE(rig.reached_backend(*id));

  // One card in flight.
  auto second = driver.submit(32, kToken);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == "printer.card_in_flight");
  CHECK(unfinished_jobs(queue)->size() == 1);

  REQUIRE(driver.release().ok());
  const PrintObservation end = follow_to_end(driver);
  CHECK(rig.received(*id) == "EKTP-PERMIT 1\nattempt 31\ntoken " + kToken + "\n");
  CHECK(rig.content_type(*id) == "application/vnd.cups-raw");  // no filter touched it
  // CUPS's "completed" (or forgetting the job) is not a printed card.
  CHECK(decide_outcome(end).outcome == PrintOutcome::in_doubt);
  PrintObservation with_card = end;
  with_card.card = CardEvidence::out;
  CHECK(decide_outcome(with_card).outcome == PrintOutcome::printed);
  require_not_paused(queue);

  driver.finish();
  CHECK_FALSE(driver.live_job());
  auto next = driver.submit(32, kToken);
  REQUIRE(next.ok());
  REQUIRE(driver.cancel().ok());
}

TEST_CASE("a job the backend refuses ends; with the permit unused the card is not sent") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-refused");
  write_file(rig.sink_dir / "exit", "5\n");  // CUPS_BACKEND_CANCEL, as the gate refuses
  CupsDriver driver = sink_driver(queue);
  auto id = driver.submit(41, kToken);
  REQUIRE(id.ok());
  REQUIRE(driver.release().ok());
  PrintObservation end = follow_to_end(driver);
  end.permit = PermitEvidence::unused;
  CHECK(decide_outcome(end).outcome == PrintOutcome::not_sent);
  // The backend's cancel ends the job; it does not stop the queue.
  require_not_paused(queue);
  driver.finish();
}

TEST_CASE("cancel removes the held job before anything is sent") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-cancel");
  CupsDriver driver = sink_driver(queue);
  auto id = driver.submit(51, kToken);
  REQUIRE(id.ok());
  REQUIRE(driver.cancel().ok());
  CHECK_FALSE(driver.live_job());
  CHECK_FALSE(contains(ids_of(*unfinished_jobs(queue)), *id));
  CHECK_FALSE(rig.reached_backend(*id));
  auto release = driver.release();
  REQUIRE_FALSE(release.ok());
  CHECK(release.error().code == "printer.no_card_in_flight");
  require_not_paused(queue);
}

TEST_CASE("at start the station cancels only its own ektp-attempt jobs") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-startup");
  // A station that died with a held card, the same user's other job, and another
  // user's job under a station-like name.
  auto own = submit_held(queue, job_name(61), "EKTP-PERMIT 1\n", kPlaceholderFormat);
  REQUIRE(own.ok());
  auto own_second = submit_held(queue, job_name(62), "x", kPlaceholderFormat);
  REQUIRE(own_second.ok());
  auto other_name = submit_held(queue, "quarterly-report", "x", kPlaceholderFormat);
  REQUIRE(other_name.ok());
  const std::string station_user = cupsUser();
  cupsSetUser("ektp-test-someone-else");
  auto other_user = submit_held(queue, job_name(63), "x", kPlaceholderFormat);
  cupsSetUser(station_user.c_str());
  REQUIRE(other_user.ok());

  auto before = unfinished_jobs(queue);
  REQUIRE(before.ok());
  REQUIRE(before->size() == 4);

  CupsDriver driver = sink_driver(queue);
  auto cancelled = driver.start_up();
  REQUIRE_MESSAGE(cancelled.ok(), (cancelled.ok() ? "" : cancelled.error().message));
  CHECK(cancelled->size() == 2);
  CHECK(contains(*cancelled, *own));
  CHECK(contains(*cancelled, *own_second));

  const auto left = ids_of(*unfinished_jobs(queue));
  CHECK(left.size() == 2);
  CHECK(contains(left, *other_name));
  CHECK(contains(left, *other_user));
  for (int id : {*own, *own_second, *other_name, *other_user}) CHECK_FALSE(rig.reached_backend(id));
  require_not_paused(queue);

  // Run twice: nothing more of the station's to cancel.
  auto again = driver.start_up();
  REQUIRE(again.ok());
  CHECK(again->empty());
  for (int id : left) REQUIRE(cancel_job(queue, id).ok());
}

TEST_CASE("the printer's state reasons reach the outcome while the job runs") {
  Fixture rig;
  const std::string queue = rig.sink_queue("ektp-test-reasons");
  struct Row {
    const char* reason;
    PrintVerdict expected;
  };
  const Row rows[] = {
      {"media-empty-warning", {PrintOutcome::waiting, PrintCause::hopper_empty}},
      {"door-open-error", {PrintOutcome::waiting, PrintCause::cover_open}},
      {"media-jam-error", {PrintOutcome::failed_card, PrintCause::jam}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.reason);
    std::error_code ignored;
    fs::remove(rig.sink_dir / "go", ignored);
    write_file(rig.sink_dir / "reason", row.reason);
    CupsDriver driver = sink_driver(queue);
    auto id = driver.submit(71, kToken);
    REQUIRE(id.ok());
    REQUIRE(driver.release().ok());
    // Follow until cupsd shows the backend's reason (bounded).
    auto seen = driver.observe();
    REQUIRE(seen.ok());
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!has_reason_prefix(seen->printer_reasons, row.reason)) {
      REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "no reason shown");
      REQUIRE(seen->job_known);
      seen = driver.wait_for_change(*seen, 5s);
      REQUIRE(seen.ok());
    }
    CHECK(seen->job_state == JobState::processing);
    CHECK(decide_outcome(*seen) == row.expected);
    write_file(rig.sink_dir / "go", "");
    follow_to_end(driver);
    driver.finish();
    require_not_paused(queue);
  }
}
