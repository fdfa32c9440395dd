// Every attempt transition through the API, and every refusal: for each state an
// attempt can be in and each operation, the outcome is what states.cpp's table says.
#include <doctest/doctest.h>

#include <functional>
#include <set>

#include "tests/unit/spool/fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::Fixture;
using A = AttemptState;

namespace {

struct Operation {
  const char* name;
  AttemptState target;
  std::set<AttemptState> domain;  ///< states the call accepts at all (empty = any)
  std::function<ektp::Result<void>(Fixture&, const Fixture::Reached&)> run;
};

ektp::Result<void> as_void(const ektp::Error* e) { return e ? ektp::Result<void>(*e) : ektp::ok(); }

template <class T>
ektp::Result<void> drop(const ektp::Result<T>& r) {
  return as_void(r.ok() ? nullptr : &r.error());
}

std::vector<Operation> operations() {
  std::vector<Operation> ops;
  for (A s : {A::feeding, A::in_encoder, A::chip_writing, A::chip_locked, A::card_out})
    ops.push_back({"advance", s, {}, [s](Fixture& f, const Fixture::Reached& r) {
                     return f.attempts.advance(r.attempt, s);
                   }});
  // Both end in abandoned; each only from its own state (a fed card needs its unfeed).
  ops.push_back({"release", A::abandoned, {A::claimed}, [](Fixture& f, const Fixture::Reached& r) {
                   return f.attempts.release(r.attempt, "card absent");
                 }});
  ops.push_back({"unfeed", A::abandoned, {A::feeding}, [](Fixture& f, const Fixture::Reached& r) {
                   return f.attempts.unfeed(r.attempt, "printer: hopper empty, nothing fed");
                 }});
  ops.push_back({"issue_permit", A::permit_issued, {}, [](Fixture& f, const Fixture::Reached& r) {
                   return drop(f.attempts.issue_permit(r.attempt));
                 }});
  ops.push_back({"use_permit", A::permit_used, {}, [](Fixture& f, const Fixture::Reached& r) {
                   // Only an attempt that holds a token can use it.
                   if (!r.token) return ektp::Result<void>(ektp::fail("test.no_token", ""));
                   return f.attempts.use_permit(r.attempt, *r.token, 7);
                 }});
  ops.push_back({"finish", A::done, {A::card_out}, [](Fixture& f, const Fixture::Reached& r) {
                   return f.attempts.finish(r.attempt);
                 }});
  std::set<A> spoilable;
  for (A s : all_attempt_states())
    if (s != A::in_doubt) spoilable.insert(s);
  ops.push_back({"spoil", A::spoiled, spoilable, [](Fixture& f, const Fixture::Reached& r) {
                   return drop(f.attempts.spoil(r.attempt, "jam"));
                 }});
  for (A s : {A::in_encoder, A::chip_locked})
    ops.push_back({"resume", s, {A::to_recover}, [s](Fixture& f, const Fixture::Reached& r) {
                     return resume(f.db, f.clock, r.attempt, s, "card found");
                   }});
  ops.push_back({"resolve good", A::done, {A::in_doubt}, [](Fixture& f, const Fixture::Reached& r) {
                   return drop(resolve_in_doubt(f.db, f.clock, f.config, r.attempt,
                                                DoubtDecision::card_good, "op-a", "scanned"));
                 }});
  ops.push_back(
      {"resolve spoiled", A::spoiled, {A::in_doubt}, [](Fixture& f, const Fixture::Reached& r) {
         return drop(resolve_in_doubt(f.db, f.clock, f.config, r.attempt,
                                      DoubtDecision::card_spoiled, "op-a", "blank face"));
       }});
  ops.push_back({"void", A::voided, {A::done}, [](Fixture& f, const Fixture::Reached& r) {
                   return f.attempts.void_and_reprint(r.job, "op-a", "sup-b", "misprint");
                 }});
  return ops;
}

}  // namespace

TEST_CASE("every attempt operation from every state does what the table says") {
  Fixture f;
  std::set<std::pair<A, A>> exercised;
  for (const Operation& op : operations()) {
    for (A from : all_attempt_states()) {
      CAPTURE(std::string(op.name));
      CAPTURE(to_string(op.target));
      CAPTURE(to_string(from));
      auto reached = f.reach(from);
      REQUIRE(f.attempt_state(reached.attempt) == from);
      const bool expected = check_attempt_transition(from, op.target).ok() &&
                            (op.domain.empty() || op.domain.count(from) > 0);
      auto r = op.run(f, reached);
      CHECK(r.ok() == expected);
      if (expected) {
        exercised.insert({from, op.target});
        CHECK(f.attempt_state(reached.attempt) == op.target);
      } else {
        CHECK(f.attempt_state(reached.attempt) == from);  // a refusal changes nothing
      }
    }
  }
  // Every transition of the table is exercised by some call: the claim (a new attempt)
  // in claim_test.cpp, the flags of recovery (-> to_recover, -> in_doubt) in
  // recovery_test.cpp, all the others here.
  for (const auto& t : attempt_transitions()) {
    if (!t.from || t.to == A::to_recover || t.to == A::in_doubt) continue;
    CAPTURE(std::string(t.name));
    CHECK(exercised.count({*t.from, t.to}) == 1);
  }
}

TEST_CASE("the job follows its attempt: printing while fed, done with a good card") {
  Fixture f;
  auto r = f.reach(A::claimed);
  CHECK(f.job_state(r.job) == JobState::claimed);
  REQUIRE_OK(f.attempts.advance(r.attempt, A::feeding));
  CHECK(f.job_state(r.job) == JobState::printing);
  REQUIRE_OK(f.attempts.record_chip(r.attempt, "SN-0001", "04A1B2C3"));
  for (A s : {A::in_encoder, A::chip_writing, A::chip_locked})
    REQUIRE_OK(f.attempts.advance(r.attempt, s));
  auto token = f.attempts.issue_permit(r.attempt);
  REQUIRE_OK(token);
  REQUIRE_OK(f.attempts.use_permit(r.attempt, *token, 42));
  REQUIRE_OK(f.attempts.advance(r.attempt, A::card_out));
  REQUIRE_OK(f.attempts.finish(r.attempt));
  CHECK(f.job_state(r.job) == JobState::done);
  auto a = f.attempts.get(r.attempt);
  REQUIRE_OK(a);
  CHECK(a->chip_serial == "SN-0001");
  CHECK(a->chip_uid == "04A1B2C3");
  CHECK(a->cups_job_id == 42);
  CHECK(a->permit_issued);
  CHECK(a->permit_used);
  CHECK(a->ended_at_ms.has_value());
  auto good = f.attempts.good_attempt(r.job);
  REQUIRE_OK(good);
  REQUIRE(good->has_value());
  CHECK((*good)->id == r.attempt);
}

TEST_CASE("the print permit is single-use and bound to its attempt") {
  Fixture f;
  auto one = f.reach(A::permit_issued);
  auto two = f.reach(A::permit_issued);

  SUBCASE("a second permit for the same attempt is refused") {
    auto again = f.attempts.issue_permit(one.attempt);
    REQUIRE_FALSE(again.ok());
    CHECK(f.attempt_state(one.attempt) == A::permit_issued);
    // Even after the permit was used, or the attempt spoiled.
    REQUIRE_OK(f.attempts.use_permit(one.attempt, *one.token, 1));
    CHECK_FALSE(f.attempts.issue_permit(one.attempt).ok());
    REQUIRE_OK(f.attempts.spoil(one.attempt, "print_failed"));
    CHECK_FALSE(f.attempts.issue_permit(one.attempt).ok());
  }
  SUBCASE("a permit is used once") {
    REQUIRE_OK(f.attempts.use_permit(one.attempt, *one.token, 1));
    auto twice = f.attempts.use_permit(one.attempt, *one.token, 2);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == "spool.permit_refused");
    CHECK(twice.error().message.find("already used") != std::string::npos);
    auto a = f.attempts.get(one.attempt);
    REQUIRE_OK(a);
    CHECK(a->cups_job_id == 1);  // the first use stands
  }
  SUBCASE("another attempt's token or an unknown token is refused") {
    auto other = f.attempts.use_permit(one.attempt, *two.token, 1);
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().message.find("another card attempt") != std::string::npos);
    PermitToken forged{};
    forged.fill(0x11);
    auto unknown = f.attempts.use_permit(one.attempt, forged, 1);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.find("not one this station issued") != std::string::npos);
    CHECK(f.attempt_state(one.attempt) == A::permit_issued);
    CHECK(f.attempt_state(two.attempt) == A::permit_issued);
  }
  SUBCASE("a spoiled attempt's permit cannot be used") {
    REQUIRE_OK(f.attempts.spoil(one.attempt, "jam"));
    CHECK_FALSE(f.attempts.use_permit(one.attempt, *one.token, 1).ok());
  }
  SUBCASE("the database itself refuses a second permit or a second use") {
    auto q = f.db.prepare("UPDATE attempts SET permit_hash = randomblob(32) WHERE id = ?1");
    REQUIRE_OK(q);
    auto r = q->bind(1, one.attempt).run();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.refused");
    REQUIRE_OK(f.attempts.use_permit(one.attempt, *one.token, 1));
    auto u = f.db.prepare("UPDATE attempts SET permit_used_at_ms = 1 WHERE id = ?1");
    REQUIRE_OK(u);
    auto r2 = u->bind(1, one.attempt).run();
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().message.find("already used") != std::string::npos);
  }
}

TEST_CASE("spoiled attempts re-queue the job until the attempt limit, then it fails") {
  Fixture f;  // limit 3
  REQUIRE_OK(f.jobs.accept(ektp::spool::test::new_job(1)));
  const auto id = ektp::spool::test::job_id(1);
  for (int i = 1; i <= 3; ++i) {
    CAPTURE(i);
    auto claim = f.jobs.claim_next();
    REQUIRE_OK(claim);
    REQUIRE(claim->has_value());
    CHECK((*claim)->attempt_number == i);
    REQUIRE_OK(f.attempts.advance((*claim)->attempt_id, A::feeding));
    auto spoiled = f.attempts.spoil((*claim)->attempt_id, "chip_unreadable");
    REQUIRE_OK(spoiled);
    CHECK(spoiled->job_state == (i < 3 ? JobState::queued : JobState::failed));
  }
  auto job = f.jobs.get(id);
  REQUIRE_OK(job);
  CHECK(job->state == JobState::failed);
  CHECK(job->reason.find("attempt limit") != std::string::npos);
  auto next = f.jobs.claim_next();
  REQUIRE_OK(next);
  CHECK_FALSE(next->has_value());
  // A release (no blank fed) does not count against the limit.
  REQUIRE_OK(f.jobs.accept(ektp::spool::test::new_job(2)));
  for (int i = 0; i < 5; ++i) {
    auto claim = f.jobs.claim_next();
    REQUIRE_OK(claim);
    REQUIRE(claim->has_value());
    REQUIRE_OK(f.attempts.release((*claim)->attempt_id, "card_absent"));
  }
  CHECK(f.job_state(ektp::spool::test::job_id(2)) == JobState::queued);
}

TEST_CASE("void and reprint needs two different people and makes a counted reprint attempt") {
  Fixture f;
  auto r = f.reach(A::done);
  auto same = f.attempts.void_and_reprint(r.job, "op-a", "op-a", "misprint");
  REQUIRE_FALSE(same.ok());
  CHECK(same.error().code == "spool.same_approver");
  CHECK_FALSE(f.attempts.void_and_reprint(r.job, "op-a", "", "misprint").ok());
  CHECK_FALSE(f.attempts.void_and_reprint(r.job, "op-a", "sup-b", "").ok());
  CHECK(f.job_state(r.job) == JobState::done);

  REQUIRE_OK(f.attempts.void_and_reprint(r.job, "op-a", "sup-b", "misprint"));
  CHECK(f.attempt_state(r.attempt) == A::voided);
  CHECK(f.job_state(r.job) == JobState::queued);
  auto claim = f.jobs.claim_next();
  REQUIRE_OK(claim);
  REQUIRE(claim->has_value());
  CHECK((*claim)->job.id == r.job);
  CHECK((*claim)->attempt_number == 2);
  CHECK((*claim)->reprint);
  // Not a second reprint from one approval: the next claim is an ordinary attempt.
  REQUIRE_OK(f.attempts.release((*claim)->attempt_id, "card_absent"));
  auto again = f.jobs.claim_next();
  REQUIRE_OK(again);
  REQUIRE(again->has_value());
  CHECK_FALSE((*again)->reprint);
  // Only a printed job can be voided.
  CHECK_FALSE(f.attempts.void_and_reprint(r.job, "op-a", "sup-b", "misprint").ok());
}

TEST_CASE("plain advance refuses the steps that have their own call") {
  Fixture f;
  auto r = f.reach(A::chip_locked);
  for (A s : {A::permit_issued, A::permit_used, A::done, A::spoiled, A::abandoned, A::voided,
              A::to_recover, A::in_doubt, A::claimed}) {
    CHECK_FALSE(f.attempts.advance(r.attempt, s).ok());
  }
  CHECK(f.attempt_state(r.attempt) == A::chip_locked);
  CHECK_FALSE(f.attempts.advance(999999, A::feeding).ok());
}
