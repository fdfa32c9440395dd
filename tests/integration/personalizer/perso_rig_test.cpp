// The personalizer through real pcscd and the vpcd reader to the card
// simulator: one good 8 KB short-APDU card and one 32 KB extended card, end
// to end, with the simulator's saved image as the witness and the redacted
// APDU trace compared with its golden file (tests/fixtures/traces/README.md).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/integration/personalizer/perso_golden.hpp"
#include "tests/integration/personalizer/perso_rig_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::PersoResult;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The trace equals its golden file; EKTP_UPDATE_GOLDEN=1 rewrites the file instead.
void compare_with_golden(const chip::ApduTrace& trace, const std::string& card) {
  const std::string path = golden_trace_path(card);
  const char* update = std::getenv("EKTP_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path) << trace.text();
    MESSAGE("golden trace written: " << path);
    return;
  }
  const std::string golden = read_text(path);
  REQUIRE_MESSAGE(!golden.empty(), "no golden trace " << path);
  // Line by line, so that a failure names the first exchange that differs.
  std::istringstream want(golden), got(trace.text());
  std::string w, g;
  for (int line = 1; std::getline(want, w); ++line) {
    const bool more = static_cast<bool>(std::getline(got, g));
    INFO(path << ":" << line);
    REQUIRE_MESSAGE(more, "the trace ends before line " << line << ": " << w);
    REQUIRE(g == w);
  }
  CHECK_MESSAGE(!std::getline(got, g), "the trace has more lines than the golden file: " << g);
}

void check_good_card(PersoEncoder& enc, const chip::PersoJob& job, const std::string& card) {
  chip::ApduTrace trace;
  const auto out = enc.personalize(job, &trace);
  INFO(std::string(chip::to_string(out.result))
       << " " << out.detail.code << ": " << out.detail.message);
  REQUIRE(out.result == PersoResult::good);
  CHECK(out.serial == "479012345678");
  CHECK(out.digest == job.digest);
  CHECK(trace.exchanges() == out.apdus);
  compare_with_golden(trace, card);

  enc.take_out();
  const auto image = enc.image("perso-" + card + ".img");
  const auto w = witness(image, job);
  CHECK_MESSAGE(w.exactly_signed, w.why);
  CHECK(w.all_activated);
  CHECK(w.application_activated);

  // Fed again: locked, never rewritten.
  enc.cmd("insert");
  const auto again = enc.personalize(job);
  CHECK(again.result == PersoResult::already_locked);
  CHECK(again.detail.code == "perso.already_locked");
}

}  // namespace

TEST_CASE("8 KB short-APDU card personalized end to end through pcscd; golden trace") {
  PersoEncoder enc;
  enc.fresh_card("capacity=8192 serial=4790500112345678");
  static const chip::Dataset data = golden_dataset(3500);
  check_good_card(enc, job_of(data), "short8k");
}

TEST_CASE(
    "32 KB extended card (ext_max 1024) personalized end to end through pcscd; golden trace") {
  PersoEncoder enc;
  enc.fresh_card("capacity=32768 ext_max=1024 serial=4790500112345678");
  static const chip::Dataset data = golden_dataset(20000);
  check_good_card(enc, job_of(data), "ext32k");
}
