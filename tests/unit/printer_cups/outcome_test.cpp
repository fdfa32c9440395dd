// decide_outcome(): tables of what CUPS, the card path and the permit record say, and the
// one outcome the station acts on. The card's outcome never comes from CUPS's job state
// alone: every finished job state without the card path's word is in doubt.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "drivers/printer/print_outcome.hpp"
#include "drivers/printer/printer_messages.hpp"

using namespace ektp::printer;
using O = PrintOutcome;
using C = PrintCause;

namespace {

PrintObservation processing() {
  PrintObservation seen;
  seen.job_state = JobState::processing;
  seen.queue_state = PrinterState::processing;
  return seen;
}

TransportStatus healthy_transport() {
  TransportStatus t;
  t.hopper_level = 50;
  t.ribbon_percent = 80;
  t.card_in_path = true;
  t.card_in_encoder = true;
  return t;
}

std::string show(const PrintVerdict& v) {
  return std::string(to_string(v.outcome)) + "/" + std::string(to_string(v.cause));
}

}  // namespace

TEST_CASE("the card is printed only when the card path says it is out, whatever CUPS says") {
  for (JobState state : {JobState::held, JobState::pending, JobState::processing, JobState::stopped,
                         JobState::canceled, JobState::aborted, JobState::completed}) {
    CAPTURE(to_string(state));
    PrintObservation seen = processing();
    seen.job_state = state;
    seen.card = CardEvidence::out;
    CHECK(show(decide_outcome(seen)) == "printed/none");
    // CUPS has forgotten the job (no job history): the card path still decides.
    seen.job_known = false;
    CHECK(show(decide_outcome(seen)) == "printed/none");
    // Without the card path's word, no job state means printed.
    seen.card = CardEvidence::none;
    seen.job_known = true;
    CHECK(decide_outcome(seen).outcome != O::printed);
    seen.card = CardEvidence::in_path;
    CHECK(decide_outcome(seen).outcome != O::printed);
  }
}

TEST_CASE("a job CUPS ended without the card coming out is in doubt, or not sent") {
  struct Row {
    bool known;
    JobState state;
    CardEvidence card;
    PermitEvidence permit;
    const char* expected;
  };
  const std::vector<Row> rows = {
      {true, JobState::completed, CardEvidence::none, PermitEvidence::unknown,
       "in_doubt/job_ended_without_card"},
      {true, JobState::completed, CardEvidence::in_path, PermitEvidence::used,
       "in_doubt/job_ended_without_card"},
      {true, JobState::canceled, CardEvidence::in_path, PermitEvidence::used,
       "in_doubt/job_ended_without_card"},
      {true, JobState::aborted, CardEvidence::none, PermitEvidence::unknown,
       "in_doubt/job_ended_without_card"},
      {false, JobState::processing, CardEvidence::in_path, PermitEvidence::used,
       "in_doubt/job_ended_without_card"},
      // The gate refused (no permit, service down): the face never left the station.
      {true, JobState::canceled, CardEvidence::in_path, PermitEvidence::unused,
       "not_sent/job_ended_unsent"},
      {false, JobState::held, CardEvidence::in_path, PermitEvidence::unused,
       "not_sent/job_ended_unsent"},
      // Still going: not ended.
      {true, JobState::processing, CardEvidence::in_path, PermitEvidence::used, "printing/none"},
      {true, JobState::pending, CardEvidence::in_path, PermitEvidence::unused, "printing/none"},
      {true, JobState::held, CardEvidence::in_path, PermitEvidence::unused, "printing/held"},
  };
  for (const auto& row : rows) {
    PrintObservation seen = processing();
    seen.job_known = row.known;
    seen.job_state = row.state;
    seen.card = row.card;
    seen.permit = row.permit;
    CAPTURE(to_string(row.state));
    CAPTURE(row.known);
    CHECK(show(decide_outcome(seen)) == row.expected);
  }
}

TEST_CASE("a jam or a rejected card spoils the blank") {
  PrintObservation seen = processing();
  seen.card = CardEvidence::jammed;
  CHECK(show(decide_outcome(seen)) == "failed_card/jam");
  seen.card = CardEvidence::rejected;
  CHECK(show(decide_outcome(seen)) == "failed_card/card_rejected");

  seen = processing();
  seen.transport = healthy_transport();
  seen.transport->jammed = true;
  CHECK(show(decide_outcome(seen)) == "failed_card/jam");

  // The printer's jam reason, with any suffix, in the printer's or the job's reasons;
  // CUPS marks a jammed card's job completed (test-rig.md).
  for (const char* reason :
       {"media-jam", "media-jam-error", "media-jam-report", "media-jam-warning"}) {
    CAPTURE(reason);
    for (JobState state : {JobState::processing, JobState::completed}) {
      seen = processing();
      seen.job_state = state;
      seen.printer_reasons = {"cups-waiting-for-job-completed", reason};
      CHECK(show(decide_outcome(seen)) == "failed_card/jam");
      seen.printer_reasons.clear();
      seen.job_reasons = {reason};
      CHECK(show(decide_outcome(seen)) == "failed_card/jam");
    }
  }
}

TEST_CASE("the printer waits for the operator: which reason, and what comes first") {
  struct Row {
    std::vector<std::string> reasons;
    const char* expected;
  };
  const std::vector<Row> rows = {
      {{"media-empty-report"}, "waiting/hopper_empty"},
      {{"media-empty-warning", "media-needed-warning"}, "waiting/hopper_empty"},
      {{"cups-waiting-for-job-completed", "media-empty-error"}, "waiting/hopper_empty"},
      {{"media-needed"}, "waiting/hopper_empty"},
      {{"toner-empty-report"}, "waiting/ribbon_out"},
      {{"marker-supply-empty-error"}, "waiting/ribbon_out"},
      {{"door-open-report"}, "waiting/cover_open"},
      {{"cover-open-error"}, "waiting/cover_open"},
      {{"interlock-open-warning"}, "waiting/cover_open"},
      {{"offline-report"}, "waiting/offline"},
      {{"media-empty-warning", "door-open-warning"}, "waiting/cover_open"},
      {{"toner-empty-warning", "media-empty-warning"}, "waiting/hopper_empty"},
      // Not waiting: low is a warning only, waiting-for-completion is normal.
      {{"media-low-report"}, "printing/none"},
      {{"toner-low-report", "marker-supply-low-warning"}, "printing/none"},
      {{"cups-waiting-for-job-completed"}, "printing/none"},
      {{"connecting-to-device"}, "printing/none"},
      {{}, "printing/none"},
  };
  for (const auto& row : rows) {
    PrintObservation seen = processing();
    seen.printer_reasons = row.reasons;
    CAPTURE(row.expected);
    CHECK(show(decide_outcome(seen)) == row.expected);
  }
}

TEST_CASE("the printer's reasons count only once the job has run (cupsd's may be stale)") {
  for (const char* reason : {"cover-open-report", "media-empty-report", "toner-empty-report",
                             "offline-report", "media-jam-error"}) {
    CAPTURE(reason);
    for (JobState state : {JobState::held, JobState::pending}) {
      PrintObservation seen = processing();
      seen.job_state = state;
      seen.printer_reasons = {reason};
      CHECK(decide_outcome(seen).outcome == O::printing);
      // The job's own reasons always count.
      seen.job_reasons = {reason};
      CHECK(decide_outcome(seen).outcome != O::printing);
    }
    PrintObservation running = processing();
    running.printer_reasons = {reason};
    CHECK(decide_outcome(running).outcome != O::printing);
  }
  // The card transport's word counts before the job runs.
  PrintObservation held;
  held.transport = healthy_transport();
  held.transport->hopper_empty = true;
  CHECK(show(decide_outcome(held)) == "waiting/hopper_empty");
}

TEST_CASE("the card transport's status says waiting too") {
  struct Row {
    void (*set)(TransportStatus&);
    const char* expected;
  };
  const std::vector<Row> rows = {
      {[](TransportStatus& t) { t.hopper_empty = true; }, "waiting/hopper_empty"},
      {[](TransportStatus& t) { t.cover_open = true; }, "waiting/cover_open"},
      {[](TransportStatus& t) { t.ribbon_percent = 0; }, "waiting/ribbon_out"},
      {[](TransportStatus& t) { t.reject_bin_full = true; }, "waiting/reject_bin_full"},
      {[](TransportStatus& t) { t.hopper_low = true; }, "printing/none"},
      {[](TransportStatus& t) { t.ribbon_percent = -1; }, "printing/none"},
      {[](TransportStatus& t) { t.ribbon_percent = 1; }, "printing/none"},
  };
  for (const auto& row : rows) {
    PrintObservation seen = processing();
    seen.transport = healthy_transport();
    row.set(*seen.transport);
    CAPTURE(row.expected);
    CHECK(show(decide_outcome(seen)) == row.expected);
  }
}

TEST_CASE("a queue that cannot print is broken; not accepting does not stop the card in flight") {
  PrintObservation seen = processing();
  seen.queue_exists = false;
  CHECK(show(decide_outcome(seen)) == "queue_broken/queue_missing");
  seen = processing();
  seen.queue_backend_ok = false;
  CHECK(show(decide_outcome(seen)) == "queue_broken/wrong_backend");
  seen = processing();
  seen.job_state = JobState::stopped;
  seen.queue_state = PrinterState::stopped;
  seen.printer_reasons = {"paused"};
  CHECK(show(decide_outcome(seen)) == "queue_broken/queue_paused");
  seen.job_state = JobState::held;
  CHECK(show(decide_outcome(seen)) == "queue_broken/queue_paused");
  // A paused queue comes before what the printer waits for.
  seen.printer_reasons = {"paused", "media-empty-report"};
  CHECK(show(decide_outcome(seen)) == "queue_broken/queue_paused");

  seen = processing();
  seen.queue_accepting = false;
  CHECK(show(decide_outcome(seen)) == "printing/none");
}

TEST_CASE("precedence: card path, then jam, then ended job, then queue, then waiting") {
  PrintObservation seen = processing();
  seen.card = CardEvidence::out;
  seen.printer_reasons = {"media-jam-error", "media-empty-error"};
  seen.queue_exists = false;
  seen.job_known = false;
  CHECK(show(decide_outcome(seen)) == "printed/none");
  seen.card = CardEvidence::none;
  CHECK(show(decide_outcome(seen)) == "failed_card/jam");
  seen.printer_reasons = {"media-empty-error"};
  CHECK(show(decide_outcome(seen)) == "in_doubt/job_ended_without_card");
  seen.job_known = true;
  CHECK(show(decide_outcome(seen)) == "queue_broken/queue_missing");
  seen.queue_exists = true;
  CHECK(show(decide_outcome(seen)) == "waiting/hopper_empty");
}

TEST_CASE("reasons are matched by prefix, not by substring") {
  CHECK(has_reason_prefix({"media-empty-report"}, "media-empty"));
  CHECK_FALSE(has_reason_prefix({"x-media-empty"}, "media-empty"));
  CHECK_FALSE(has_reason_prefix({"media"}, "media-empty"));
  CHECK_FALSE(has_reason_prefix({}, "media-empty"));
}

TEST_CASE("every verdict has a message for people; queue messages name the queue") {
  const std::vector<PrintVerdict> all = {
      {O::printing, C::none},
      {O::printing, C::held},
      {O::printed, C::none},
      {O::waiting, C::hopper_empty},
      {O::waiting, C::ribbon_out},
      {O::waiting, C::cover_open},
      {O::waiting, C::reject_bin_full},
      {O::waiting, C::offline},
      {O::failed_card, C::jam},
      {O::failed_card, C::card_rejected},
      {O::queue_broken, C::queue_missing},
      {O::queue_broken, C::queue_paused},
      {O::queue_broken, C::wrong_backend},
      {O::not_sent, C::job_ended_unsent},
      {O::in_doubt, C::job_ended_without_card},
  };
  for (const auto& verdict : all) {
    CAPTURE(show(verdict));
    const std::string text = texts::describe(verdict, "kartu-7");
    CHECK(text.size() > 20);
    CHECK(to_string(verdict.cause) != "unknown");
    if (verdict.outcome == O::queue_broken) CHECK(text.find("kartu-7") != std::string::npos);
  }
  CHECK(texts::describe({O::printed, C::none}, "q") !=
        texts::describe({O::printing, C::none}, "q"));
}
