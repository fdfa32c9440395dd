// The transition tables: every pair not in the table is refused (pure check), and the
// names and spellings of every state are complete.
#include <doctest/doctest.h>

#include <set>
#include <utility>
#include <vector>

#include "spool/states.hpp"

using namespace ektp::spool;

TEST_CASE("every state has a spelling that parses back, and a description") {
  for (JobState s : all_job_states()) {
    CHECK(parse_job_state(to_string(s)) == s);
    CHECK_FALSE(describe(s).empty());
  }
  for (AttemptState s : all_attempt_states()) {
    CHECK(parse_attempt_state(to_string(s)) == s);
    CHECK_FALSE(describe(s).empty());
  }
  CHECK_FALSE(parse_job_state("printed").has_value());
  CHECK_FALSE(parse_attempt_state("").has_value());
}

TEST_CASE("job transitions: exactly the table's pairs are allowed") {
  std::set<std::pair<int, int>> allowed;
  for (const auto& t : job_transitions()) {
    CHECK_FALSE(t.name.empty());
    CHECK(allowed.insert({t.from ? static_cast<int>(*t.from) : -1, static_cast<int>(t.to)}).second);
  }
  std::vector<std::optional<JobState>> froms{std::nullopt};
  for (JobState s : all_job_states()) froms.emplace_back(s);
  for (auto from : froms) {
    for (JobState to : all_job_states()) {
      const bool in_table = allowed.count(std::pair<int, int>(from ? static_cast<int>(*from) : -1,
                                                              static_cast<int>(to))) > 0;
      auto r = check_job_transition(from, to);
      CHECK(r.ok() == in_table);
      if (!r.ok()) {
        CHECK(r.error().code == "spool.transition_refused");
        CHECK(r.error().message.find(std::string(describe(to))) != std::string::npos);
      }
    }
  }
  // What people rely on, spelled out.
  CHECK_FALSE(check_job_transition(JobState::done, JobState::cancelled).ok());
  CHECK_FALSE(check_job_transition(JobState::blocked, JobState::claimed).ok());
  CHECK_FALSE(check_job_transition(JobState::failed, JobState::queued).ok());
  CHECK_FALSE(check_job_transition(JobState::held, JobState::claimed).ok());
}

TEST_CASE("attempt transitions: exactly the table's pairs are allowed") {
  std::set<std::pair<int, int>> allowed;
  for (const auto& t : attempt_transitions()) {
    CHECK_FALSE(t.name.empty());
    CHECK(allowed.insert({t.from ? static_cast<int>(*t.from) : -1, static_cast<int>(t.to)}).second);
  }
  std::vector<std::optional<AttemptState>> froms{std::nullopt};
  for (AttemptState s : all_attempt_states()) froms.emplace_back(s);
  for (auto from : froms) {
    for (AttemptState to : all_attempt_states()) {
      const bool in_table = allowed.count(std::pair<int, int>(from ? static_cast<int>(*from) : -1,
                                                              static_cast<int>(to))) > 0;
      CHECK(check_attempt_transition(from, to).ok() == in_table);
    }
  }
  // Invariant 3: the face is released only after the chip was verified and locked,
  // and a permit is issued from nowhere else.
  for (AttemptState s : all_attempt_states())
    CHECK(check_attempt_transition(s, AttemptState::permit_issued).ok() ==
          (s == AttemptState::chip_locked));
  // Final attempts go nowhere, but a good card may be voided for a reprint.
  for (AttemptState s : all_attempt_states())
    if (is_final(s) && s != AttemptState::done)
      for (AttemptState to : all_attempt_states())
        CHECK_FALSE(check_attempt_transition(s, to).ok());
  // In doubt only an operator's decision (done or spoiled) ends.
  for (AttemptState to : all_attempt_states())
    CHECK(check_attempt_transition(AttemptState::in_doubt, to).ok() ==
          (to == AttemptState::done || to == AttemptState::spoiled));
}
