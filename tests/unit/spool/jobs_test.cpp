// Intake (accept, no-op repeat, conflicting bundle, replay of a finished job, reject)
// and the operator's job operations from every job state, against the table.
#include <doctest/doctest.h>

#include <functional>
#include <set>

#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;
using ektp::spool::test::job_id;
using ektp::spool::test::new_job;
using A = AttemptState;

TEST_CASE("a job is accepted once; the same bundle again is a no-op") {
  Fixture f;
  auto first = f.jobs.accept(new_job(1, "2024-03-05", 2));
  REQUIRE_OK(first);
  CHECK(*first == Intake::accepted);
  auto again = f.jobs.accept(new_job(1, "2024-03-05", 2));
  REQUIRE_OK(again);
  CHECK(*again == Intake::already_queued);
  auto job = f.jobs.get(job_id(1));
  REQUIRE_OK(job);
  CHECK(job->state == JobState::queued);
  CHECK(job->priority == 2);
  CHECK(job->pickup_date == "2024-03-05");
  CHECK(job->bundle_ref == "bundle-1");
  CHECK(job->nik_hash == std::vector<std::uint8_t>(32, 0xA5));
  CHECK(job->received_at_ms > 0);
  // Upper-case ids are the same job.
  auto upper = new_job(1, "2024-03-05", 2);
  upper.id = "00000000-0000-4000-8000-00000000000A";
  REQUIRE_OK(f.jobs.accept(upper));
  CHECK(f.jobs.get("00000000-0000-4000-8000-00000000000a").ok());
}

TEST_CASE("a different bundle under a queued job's id is refused; the job is kept") {
  Fixture f;
  REQUIRE_OK(f.jobs.accept(new_job(1)));
  auto other = new_job(1, "2030-01-01");
  other.content_hash.assign(32, 0xEE);
  auto r = f.jobs.accept(other);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "spool.conflicting_bundle");
  auto job = f.jobs.get(job_id(1));
  REQUIRE_OK(job);
  CHECK(job->pickup_date == "2024-02-01");
  CHECK(job->content_hash == std::vector<std::uint8_t>(32, 1));
}

TEST_CASE("a replayed bundle of a finished job is refused, whatever its content") {
  Fixture f;
  auto done = f.reach(A::done);
  REQUIRE_OK(f.jobs.accept(new_job(500)));
  REQUIRE_OK(f.jobs.cancel_by_central(job_id(500), "withdrawn"));
  for (const std::string& id : {done.job, job_id(500)}) {
    CAPTURE(id);
    auto same = new_job(std::stoi(id.substr(24)));
    auto other = same;
    other.content_hash.assign(32, 0xEE);
    for (const auto& bundle : {same, other}) {
      auto replay = f.jobs.accept(bundle);
      REQUIRE_FALSE(replay.ok());
      CHECK(replay.error().code == "spool.job_finished");
      CHECK(replay.error().message.find("no second card") != std::string::npos);
    }
  }
  CHECK(f.job_state(done.job) == JobState::done);
  // The tombstone outlives the job row (erasure deletes jobs later): the trigger refuses.
  REQUIRE_OK(f.db.exec("PRAGMA foreign_keys = OFF"));
  REQUIRE_OK(f.db.exec("DELETE FROM attempts; DELETE FROM jobs"));
  auto after_erasure = f.jobs.accept(new_job(500));
  REQUIRE_FALSE(after_erasure.ok());
  CHECK(after_erasure.error().code == "spool.job_finished");
  auto raw = f.db.exec(
      "INSERT INTO jobs (id, content_hash, state, received_at_ms, updated_at_ms) "
      "VALUES ('" +
      job_id(500) + "', zeroblob(32), 'rejected', 0, 0)");
  REQUIRE_FALSE(raw.ok());
  CHECK(raw.error().code == "spool.refused");
  CHECK_FALSE(f.db.exec("DELETE FROM tombstones").ok());
}

TEST_CASE("malformed bundles are refused before anything is written") {
  Fixture f;
  auto bad_id = new_job(1);
  bad_id.id = "not-a-uuid";
  CHECK(f.jobs.accept(bad_id).error().code == "spool.bad_job");
  auto bad_date = new_job(2, "2024-02-30");
  CHECK(f.jobs.accept(bad_date).error().code == "spool.bad_job");
  auto bad_hash = new_job(3);
  bad_hash.nik_hash.resize(16);
  CHECK(f.jobs.accept(bad_hash).error().code == "spool.bad_job");
  auto counts = f.jobs.count_by_state();
  REQUIRE_OK(counts);
  for (const auto& [state, n] : *counts) CHECK(n == 0);
}

TEST_CASE("a bundle rejected at intake is remembered and its id refused later") {
  Fixture f;
  std::vector<std::uint8_t> hash(32, 9);
  REQUIRE_OK(f.jobs.reject(job_id(7), hash, "signature does not verify"));
  auto job = f.jobs.get(job_id(7));
  REQUIRE_OK(job);
  CHECK(job->state == JobState::rejected);
  CHECK(job->reason == "signature does not verify");
  CHECK(f.jobs.accept(new_job(7)).error().code == "spool.job_finished");
  // Rejecting a bundle for a job already queued leaves that job alone.
  REQUIRE_OK(f.jobs.accept(new_job(8)));
  REQUIRE_OK(f.jobs.reject(job_id(8), hash, "conflicting bundle"));
  CHECK(f.job_state(job_id(8)) == JobState::queued);
}

TEST_CASE("hold, release and cancel from every job state follow the table") {
  struct Op {
    const char* name;
    JobState target;
    std::set<JobState> domain;  // states the call accepts at all (empty = any)
    std::function<ektp::Result<void>(Fixture&, const std::string&)> run;
  };
  const std::vector<Op> ops{
      {"hold",
       JobState::held,
       {},
       [](Fixture& f, const std::string& id) { return f.jobs.hold(id, "op-a", "citizen asked"); }},
      {"release",
       JobState::queued,
       {JobState::held},
       [](Fixture& f, const std::string& id) { return f.jobs.release(id, "op-a"); }},
      {"cancel (operator)",
       JobState::cancelled,
       {},
       [](Fixture& f, const std::string& id) {
         return f.jobs.cancel_by_operator(id, "op-a", "sup-b", "duplicate");
       }},
      {"cancel (central)",
       JobState::cancelled,
       {},
       [](Fixture& f, const std::string& id) { return f.jobs.cancel_by_central(id, "withdrawn"); }},
  };
  Fixture f;
  f.config.attempt_limit = 1;
  Attempts strict(f.db, f.clock, f.config);
  // One job in each state, reached through the API.
  auto job_in = [&](JobState s) -> std::string {
    switch (s) {
      case JobState::queued: {
        const int n = f.next_job++;
        REQUIRE_OK(f.jobs.accept(new_job(n)));
        return job_id(n);
      }
      case JobState::claimed:
        return f.reach(A::claimed).job;
      case JobState::printing:
        return f.reach(A::feeding).job;
      case JobState::blocked:
        return f.reach(A::in_doubt).job;
      case JobState::done:
        return f.reach(A::done).job;
      case JobState::held: {
        const int n = f.next_job++;
        REQUIRE_OK(f.jobs.accept(new_job(n)));
        REQUIRE_OK(f.jobs.hold(job_id(n), "op", "x"));
        return job_id(n);
      }
      case JobState::failed: {
        auto r = f.reach(A::feeding);
        REQUIRE_OK(strict.spoil(r.attempt, "jam"));
        return r.job;
      }
      case JobState::cancelled: {
        const int n = f.next_job++;
        REQUIRE_OK(f.jobs.accept(new_job(n)));
        REQUIRE_OK(f.jobs.cancel_by_central(job_id(n), "x"));
        return job_id(n);
      }
      case JobState::rejected: {
        const int n = f.next_job++;
        REQUIRE_OK(f.jobs.reject(job_id(n), std::vector<std::uint8_t>(32, 1), "bad"));
        return job_id(n);
      }
    }
    return {};
  };
  for (const Op& op : ops) {
    for (JobState from : all_job_states()) {
      CAPTURE(op.name);
      CAPTURE(to_string(from));
      const std::string id = job_in(from);
      REQUIRE(f.job_state(id) == from);
      const bool expected = check_job_transition(from, op.target).ok() &&
                            (op.domain.empty() || op.domain.count(from) > 0);
      auto r = op.run(f, id);
      CHECK(r.ok() == expected);
      CHECK(f.job_state(id) == (expected ? op.target : from));
    }
  }
}

TEST_CASE("a cancel by an operator needs a second person; refusals say why") {
  Fixture f;
  f.next_job = 100;  // reach() makes jobs from 100 on
  REQUIRE_OK(f.jobs.accept(new_job(1)));
  CHECK(f.jobs.cancel_by_operator(job_id(1), "op-a", "op-a", "dup").error().code ==
        "spool.same_approver");
  CHECK(f.job_state(job_id(1)) == JobState::queued);
  auto done = f.reach(A::done);
  auto r = f.jobs.cancel_by_central(done.job, "withdrawn");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "spool.cancel_refused");
  CHECK(r.error().message.find("already printed") != std::string::npos);
  auto printing = f.reach(A::chip_writing);
  auto p = f.jobs.cancel_by_operator(printing.job, "op-a", "sup-b", "dup");
  REQUIRE_FALSE(p.ok());
  CHECK(p.error().message.find("being printed") != std::string::npos);
  REQUIRE_OK(f.jobs.cancel_by_operator(job_id(1), "op-a", "sup-b", "duplicate record"));
  auto job = f.jobs.get(job_id(1));
  REQUIRE_OK(job);
  CHECK(job->decided_by.find("sup-b") != std::string::npos);
  CHECK(job->reason == "duplicate record");
}
