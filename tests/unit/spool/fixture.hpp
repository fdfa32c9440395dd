#pragma once
/// A spool store in a temp directory with a manual clock, and helpers that bring a
/// job's attempt to any state through the public API (for the table-driven tests).

#include <cstdio>
#include <optional>
#include <string>

#include "drivers/common/clock.hpp"
#include "spool/attempts.hpp"
#include "spool/jobs.hpp"
#include "spool/recovery.hpp"
#include "tests/unit/spool/temp_store.hpp"

namespace ektp::spool::test {

/// A job id made from a number: 00000000-0000-4000-8000-<n, 12 digits>.
inline std::string job_id(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

inline NewJob new_job(int n, std::string pickup = "2024-02-01", std::int64_t priority = 0) {
  NewJob j;
  j.id = job_id(n);
  j.content_hash.assign(32, static_cast<std::uint8_t>(n));
  j.priority = priority;
  j.pickup_date = std::move(pickup);
  j.bundle_ref = "bundle-" + std::to_string(n);
  j.nik_hash.assign(32, 0xA5);
  return j;
}

struct Fixture {
  TempDir dir;
  ManualClock clock;
  QueueConfig config{3};
  Database db = open_store(dir);
  Jobs jobs{db, clock, config};
  Attempts attempts{db, clock, config};
  int next_job = 1;

  /// Reopens the store (as after a crash: nothing was finished) and runs recovery.
  RecoveryReport reopen() {
    db = Database(open_store(dir));
    auto report = recover_after_open(db, clock);
    REQUIRE_OK(report);
    return *report;
  }

  struct Reached {
    std::string job;
    std::int64_t attempt = 0;
    std::optional<PermitToken> token;
  };

  /// A new job whose (only) attempt is in `target`, reached through the API.
  Reached reach(AttemptState target) {
    using A = AttemptState;
    const int n = next_job++;
    REQUIRE_OK(jobs.accept(new_job(n)));
    Reached r{job_id(n), 0, std::nullopt};
    // claim_next takes the nearest pickup date: hold every other queued job meanwhile.
    auto held = db.prepare("UPDATE jobs SET state = 'held' WHERE state = 'queued' AND id <> ?1");
    REQUIRE_OK(held);
    REQUIRE_OK(held->bind(1, r.job).run());
    auto claim = jobs.claim_next();
    REQUIRE_OK(claim);
    REQUIRE(claim->has_value());
    REQUIRE((*claim)->job.id == r.job);
    r.attempt = (*claim)->attempt_id;
    auto step = [&](A s) { REQUIRE_OK(attempts.advance(r.attempt, s)); };
    if (target == A::claimed) return r;
    if (target == A::abandoned) {
      REQUIRE_OK(attempts.release(r.attempt, "card absent"));
      return r;
    }
    const A path[] = {A::feeding, A::in_encoder, A::chip_writing, A::chip_locked};
    const A pre_permit = target == A::to_recover ? A::chip_writing
                         : target == A::spoiled  ? A::feeding
                                                 : target;
    for (A s : path) {
      step(s);
      // The chip is read while it is written: its serial is known before it is locked.
      if (s == A::chip_writing)
        REQUIRE_OK(attempts.record_chip(r.attempt, "SN-" + std::to_string(n), "04A1B2C3"));
      if (s == pre_permit) break;
    }
    if (target == A::to_recover) {
      REQUIRE_OK(recover_after_open(db, clock));
      return r;
    }
    if (target == A::spoiled) {
      REQUIRE_OK(attempts.spoil(r.attempt, "write_failed"));
      return r;
    }
    if (target == A::feeding || target == A::in_encoder || target == A::chip_writing ||
        target == A::chip_locked)
      return r;
    auto token = attempts.issue_permit(r.attempt);
    REQUIRE_OK(token);
    r.token = *token;
    if (target == A::permit_issued) return r;
    if (target == A::in_doubt) {
      REQUIRE_OK(recover_after_open(db, clock));
      return r;
    }
    REQUIRE_OK(attempts.use_permit(r.attempt, *token, 100 + n));
    if (target == A::permit_used) return r;
    step(A::card_out);
    if (target == A::card_out) return r;
    REQUIRE_OK(attempts.finish(r.attempt));
    if (target == A::done) return r;
    REQUIRE(target == A::voided);
    REQUIRE_OK(attempts.void_and_reprint(r.job, "op-a", "sup-b", "face smudged"));
    return r;
  }

  AttemptState attempt_state(std::int64_t id) {
    auto a = attempts.get(id);
    REQUIRE_OK(a);
    return a->state;
  }
  JobState job_state(const std::string& id) {
    auto j = jobs.get(id);
    REQUIRE_OK(j);
    return j->state;
  }
};

}  // namespace ektp::spool::test
