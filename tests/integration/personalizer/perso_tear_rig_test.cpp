// Tears through real pcscd: the card leaves the field at every APDU index of
// the sequence, and inside every UPDATE BINARY (part of the chunk reaches
// EEPROM). The outcome is never "good" unless the card is verified and
// locked; a lost card is never spoiled; the same card, put back, is finished
// by the next run (or reported locked when the tear came after locking); one
// PcscReader serves every card (no crash, no hang).
//
// Runtime: each torn card costs ~1.7 s under ASan at -O0, mostly pcscd
// noticing the card leave and come back (it polls the vpcd reader), so every
// index and every UPDATE on the 8 KB card (~100 + ~30 cards, ~3.8 min) and a
// seeded sample on the 32 KB extended card (24 indices with its first and
// last, 8 UPDATEs, ~1 min). tests/fixtures/traces/ shows which APDU an index is.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "tests/integration/personalizer/perso_rig_fixture.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"

using namespace ektp;
using namespace ektp::test;
using chip::PersoResult;

namespace {

/// What the loop saw, so that a loop that never reached a case fails.
struct Tally {
  std::size_t retry = 0;          ///< torn before anything was written
  std::size_t resumed_good = 0;   ///< interrupted, finished by the second run
  std::size_t locked_before = 0;  ///< torn after every file was locked
};

/// A clean run on a fresh card: its trace (the APDU list the faults index).
chip::ApduTrace clean_run(PersoEncoder& enc, const std::string& settings,
                          const chip::PersoJob& job) {
  enc.fresh_card(settings);
  chip::ApduTrace trace;
  const auto out = enc.personalize(job, &trace);
  REQUIRE_MESSAGE(out.result == PersoResult::good, out.detail.message);
  return trace;
}

/// Lc of every UPDATE BINARY (INS D6) in a trace, in order.
std::vector<std::size_t> update_lengths(const chip::ApduTrace& trace) {
  std::vector<std::size_t> out;
  const std::regex update(R"(^\d{4} 00 D6 [0-9A-F]{2} [0-9A-F]{2} lc=(\d+))");
  std::istringstream in(trace.text());
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, update)) out.push_back(std::stoul(m[1].str()));
  }
  return out;
}

/// One card: `fault` armed, personalized (torn), put back, personalized again.
void torn_then_finished(PersoEncoder& enc, Tally& tally, const std::string& settings,
                        const chip::PersoJob& job, const std::string& fault) {
  CAPTURE(fault);
  enc.fresh_card(settings);
  enc.cmd("fault " + fault);
  const auto first = enc.personalize(job);
  INFO("first: " << std::string(chip::to_string(first.result)) << " " << first.detail.code << ": "
                 << first.detail.message);
  // Every fault here fires within the sequence: the card left mid-way.
  REQUIRE(first.result != PersoResult::good);
  REQUIRE((first.result == PersoResult::retry || first.result == PersoResult::interrupted));
  CHECK(first.reason == chip::SpoilReason::none);
  CHECK_FALSE(first.detail.message.empty());
  const auto before = witness(enc.image("tear-before.img"), job);
  if (first.result == PersoResult::retry) {
    CHECK(before.app_files == 0);
    ++tally.retry;
  }

  enc.put_back();
  const auto second = enc.personalize(job);
  INFO("second: " << std::string(chip::to_string(second.result)) << " " << second.detail.code
                  << ": " << second.detail.message);
  enc.take_out();
  const auto after = witness(enc.image("tear-after.img"), job);
  CHECK_MESSAGE(after.exactly_signed, after.why);
  CHECK(after.all_activated);
  CHECK(after.application_activated);
  if (before.all_activated) {
    CHECK(second.result == PersoResult::already_locked);
    ++tally.locked_before;
  } else {
    REQUIRE(second.result == PersoResult::good);
    CHECK(second.digest == job.digest);
    // (A tear at the very first write command leaves nothing to resume.)
    if (first.result == PersoResult::interrupted && second.resumed) ++tally.resumed_good;
  }
}

/// `count` distinct indices of 1..total from a fixed seed, with 1, 2 and total among them.
std::vector<std::size_t> sample(std::size_t total, std::size_t count, unsigned seed) {
  std::set<std::size_t> picked{1, 2, total};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(1, total);
  while (picked.size() < std::min(count, total)) picked.insert(pick(rng));
  return {picked.begin(), picked.end()};
}

}  // namespace

TEST_CASE("8 KB card through pcscd: a tear at every APDU index, then finished") {
  PersoEncoder enc;
  const std::string settings = "capacity=8192";
  const auto clean = clean_run(enc, settings, job_8k());
  Tally tally;
  for (std::size_t n = 1; n <= clean.exchanges(); ++n) {
    torn_then_finished(enc, tally, settings, job_8k(), "tear_at " + std::to_string(n));
  }
  CHECK(tally.retry > 0);
  CHECK(tally.resumed_good > 0);
  CHECK(tally.locked_before > 0);
}

TEST_CASE("8 KB card through pcscd: a tear inside every UPDATE BINARY, then finished") {
  PersoEncoder enc;
  const std::string settings = "capacity=8192";
  const auto lengths = update_lengths(clean_run(enc, settings, job_8k()));
  REQUIRE(lengths.size() > 20);
  Tally tally;
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    // Half the chunk reaches EEPROM (at least one byte).
    const std::size_t part = std::max<std::size_t>(1, lengths[k] / 2);
    torn_then_finished(enc, tally, settings, job_8k(),
                       "tear_in_write " + std::to_string(k + 1) + " " + std::to_string(part));
  }
  CHECK(tally.resumed_good > 0);
}

TEST_CASE("32 KB extended card through pcscd: tears at a seeded sample of indices and UPDATEs") {
  PersoEncoder enc;
  const std::string settings = "capacity=32768 ext_max=1024";
  const auto clean = clean_run(enc, settings, job_32k());
  Tally tally;
  for (std::size_t n : sample(clean.exchanges(), 24, 20261123)) {
    torn_then_finished(enc, tally, settings, job_32k(), "tear_at " + std::to_string(n));
  }
  const auto lengths = update_lengths(clean);
  for (std::size_t k : sample(lengths.size(), 8, 14)) {
    const std::size_t part = std::max<std::size_t>(1, lengths[k - 1] / 2);
    torn_then_finished(enc, tally, settings, job_32k(),
                       "tear_in_write " + std::to_string(k) + " " + std::to_string(part));
  }
  CHECK(tally.resumed_good > 0);
  CHECK(tally.locked_before > 0);
}
