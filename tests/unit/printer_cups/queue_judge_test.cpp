// The queue check's judgement (pure part): each failure its own code, and the message
// names the queue; CR80 media recognised by PWG name or by size.
#include <doctest/doctest.h>

#include <string>

#include "drivers/printer/queue_check.hpp"

using namespace ektp::printer;

namespace {

QueueFacts good() {
  QueueFacts f;
  f.state.state = PrinterState::idle;
  f.state.accepting = true;
  f.device_uri = "ektp-gate:ipp://localhost:8631/ipp/print";
  f.media = {"custom_53.98x85.6mm_53.98x85.6mm"};
  return f;
}

std::string code(const QueueFacts& f) {
  auto judged = judge_queue("kartu", f);
  if (judged.ok()) return "ok";
  CHECK(judged.error().message.find("kartu") != std::string::npos);
  return judged.error().code;
}

}  // namespace

TEST_CASE("CR80 media by PWG name, either orientation, mm or inches") {
  for (const char* name : {"om_cr80_53.98x85.6mm", "custom_53.98x85.6mm_53.98x85.6mm",
                           "om_card_85.6x53.98mm", "oe_cr80_2.125x3.37in", "om_x_54x86mm"}) {
    CAPTURE(name);
    CHECK(is_cr80_media_name(name));
  }
  for (const char* name :
       {"iso_a4_210x297mm", "na_letter_8.5x11in", "om_cr80", "53.98x85.6mm", "om_cr80_53.98x85.6",
        "om_x_x85.6mm", "om_x_53.98xmm", "om_small_53.98x55mm", "om_x_-53.98x85.6mm"}) {
    CAPTURE(name);
    CHECK_FALSE(is_cr80_media_name(name));
  }
  QueueFacts by_size = good();
  by_size.media = {"iso_a4_210x297mm"};
  CHECK_FALSE(offers_cr80(by_size));
  by_size.media_sizes = {{21000, 29700}, {5398, 8560}};
  CHECK(offers_cr80(by_size));
}

TEST_CASE("each queue problem has its own code") {
  CHECK(code(good()) == "ok");

  QueueFacts f = good();
  f.device_uri = "ipp://localhost:8631/ipp/print";
  CHECK(code(f) == "printer.queue_wrong_backend");
  f.device_uri = "ektp-gate";
  CHECK(code(f) == "printer.queue_wrong_backend");
  f.device_uri = "ektp-gateway:ipp://x";
  CHECK(code(f) == "printer.queue_wrong_backend");
  f.device_uri = "";
  CHECK(code(f) == "printer.queue_wrong_backend");

  f = good();
  f.media = {"iso_a4_210x297mm", "na_letter_8.5x11in"};
  CHECK(code(f) == "printer.queue_no_cr80");
  f.media.clear();
  CHECK(code(f) == "printer.queue_no_cr80");

  f = good();
  f.state.state = PrinterState::stopped;
  CHECK(code(f) == "printer.queue_disabled");

  f = good();
  f.state.accepting = false;
  CHECK(code(f) == "printer.queue_rejecting");

  // Another backend name can be required (e.g. a test backend).
  f = good();
  f.device_uri = "ektp-test-sink:/dev/null";
  CHECK(judge_queue("kartu", f, "ektp-test-sink").ok());
  CHECK_FALSE(judge_queue("kartu", f).ok());
}
