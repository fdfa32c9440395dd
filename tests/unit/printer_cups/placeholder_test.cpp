// The placeholder CUPS holds for each attempt (the contract with the station's backend)
// and the job name: exact bytes, no personal data, refusal of malformed tokens.
#include <doctest/doctest.h>

#include <string>

#include "drivers/printer/cups_jobs.hpp"
#include "drivers/printer/print_placeholder.hpp"

using namespace ektp::printer;

namespace {
const std::string kToken("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
}

TEST_CASE("the placeholder is exactly the contract's three lines") {
  auto doc = make_placeholder(42, kToken);
  REQUIRE(doc.ok());
  CHECK(*doc == "EKTP-PERMIT 1\nattempt 42\ntoken " + kToken + "\n");
  auto big = make_placeholder(9223372036854775807LL, kToken);
  REQUIRE(big.ok());
  CHECK(*big == "EKTP-PERMIT 1\nattempt 9223372036854775807\ntoken " + kToken + "\n");
  CHECK(kPlaceholderFormat == "application/vnd.cups-raw");
}

TEST_CASE("a malformed token or attempt id makes no placeholder") {
  const std::string upper = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff";
  for (const std::string& token :
       {upper, kToken.substr(1), kToken + "0", std::string(64, 'g'), std::string(),
        kToken.substr(0, 63) + "\n", kToken.substr(0, 63) + " "}) {
    CAPTURE(token);
    auto doc = make_placeholder(1, token);
    REQUIRE_FALSE(doc.ok());
    CHECK(doc.error().code == "printer.bad_placeholder");
  }
  CHECK_FALSE(make_placeholder(0, kToken).ok());
  CHECK_FALSE(make_placeholder(-5, kToken).ok());
}

TEST_CASE("job names carry the attempt id only, and read back") {
  CHECK(job_name(7) == "ektp-attempt-7");
  CHECK(attempt_of_job_name("ektp-attempt-7") == 7);
  CHECK(attempt_of_job_name(job_name(1234567890123)) == 1234567890123);
  for (const char* other :
       {"ektp-attempt-", "ektp-attempt-07", "ektp-attempt--1", "ektp-attempt-12x", "EKTP-attempt-1",
        "report.pdf", "ektp-attempt-99999999999999999999"}) {
    CAPTURE(other);
    CHECK(attempt_of_job_name(other) == 0);
  }
}

TEST_CASE("start-up rule: the station's user AND an ektp-attempt- name") {
  CHECK(is_station_job({1, "ektp-attempt-3", "ektp", JobState::held}, "ektp"));
  CHECK(is_station_job({2, "ektp-attempt-3", "ektp", JobState::processing}, "ektp"));
  CHECK_FALSE(is_station_job({3, "ektp-attempt-3", "alice", JobState::held}, "ektp"));
  CHECK_FALSE(is_station_job({4, "report", "ektp", JobState::held}, "ektp"));
  CHECK_FALSE(is_station_job({5, "my-ektp-attempt-3", "ektp", JobState::held}, "ektp"));
  // CUPS hides names and users of other people's jobs: hidden is never ours.
  CHECK_FALSE(is_station_job({6, "", "", JobState::held}, ""));
  CHECK_FALSE(is_station_job({7, "ektp-attempt-3", "", JobState::held}, ""));
}
