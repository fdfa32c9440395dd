// The ledger equation under 2,000 random movement sequences (seeded property test).
//
// A model in C++ predicts, for each random movement, whether the database must
// accept or refuse it (refused exactly when a bucket would go negative or a rule
// is broken). After every movement and every sequence (committed or rolled
// back): the result matches the prediction, the balances cache equals the model
// and the balances recomputed from the movements, the equation holds and
// nothing is negative.
#include <doctest/doctest.h>

#include <random>

#include "spool/ledger.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool_ledger/store_fixture.hpp"

namespace ektp::spool::ledger {
namespace {

using namespace std::chrono_literals;

struct Step {
  Result<std::int64_t> result = fail("unset", "");
  bool expected_ok = false;
  Bucket from = Bucket::received;
  Bucket to = Bucket::received;
  std::int64_t count = 0;
  std::string what;
};

Step make(Bucket from, Bucket to, std::int64_t count, std::string what) {
  Step s;
  s.from = from;
  s.to = to;
  s.count = count;
  s.what = std::move(what);
  return s;
}

// One random movement; many are meant to be refused.
Step random_step(Database& db, std::mt19937_64& rng, const Balances& model, Time at,
                 std::int64_t attempt) {
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  const std::array<const char*, 3> people{"ani", "budi", "citra"};
  const auto reason = kAllSpoilReasons[static_cast<std::size_t>(pick(0, 9))];
  Step s;
  switch (pick(0, 9)) {
    case 0: {
      s = make(Bucket::received, Bucket::in_stock, pick(1, 40), "receipt");
      s.result = record_receipt(db, {.count = s.count,
                                     .delivery_ref = "SJ",
                                     .serial_first = {},
                                     .serial_last = {},
                                     .operator_id = "ani",
                                     .note = "",
                                     .at = at});
      break;
    }
    case 1:
      s = make(Bucket::in_stock, Bucket::in_hopper, pick(1, 30), "load");
      s.result = record_load(db, {.count = s.count, .operator_id = "budi", .at = at});
      break;
    case 2:
    case 3:
      s = make(Bucket::in_hopper, Bucket::in_card_path, 1, "feed");
      s.result = record_feed(db, {.job_id = {}, .attempt_id = pick(1, 1000), .at = at});
      break;
    case 4:
    case 5:
      s = make(Bucket::in_card_path, Bucket::issued, 1, "issue");
      s.result = record_issue(db, {.chip_serial = "04" + std::to_string(pick(0, 1 << 30)),
                                   .attempt_id = attempt,
                                   .job_id = {},
                                   .at = at});
      break;
    case 6: {
      const bool hopper = pick(0, 1) == 1;
      s = make(hopper ? Bucket::in_hopper : Bucket::in_card_path, Bucket::spoiled,
               hopper ? pick(1, 4) : 1, "spoil");
      s.result = record_spoil(db, {.from = s.from,
                                   .count = s.count,
                                   .reason = reason,
                                   .serial = {},
                                   .job_id = {},
                                   .attempt_id = {},
                                   .operator_id = {},
                                   .approver = {},
                                   .note = "",
                                   .at = at});
      break;
    }
    case 7:
      s = make(Bucket::in_stock, Bucket::returned, pick(1, 15), "return");
      s.result = record_return(
          db, {.count = s.count, .reason = "r", .operator_id = "ani", .note = "", .at = at});
      break;
    case 8: {
      // Any bucket, either way; one time in four the same person twice (refused).
      const auto bucket = kAllBuckets[static_cast<std::size_t>(pick(1, 6))];
      std::int64_t delta = pick(1, 10) * (pick(0, 1) == 1 ? 1 : -1);
      const bool two = pick(0, 3) != 0;
      const auto who_index = static_cast<std::size_t>(pick(0, 2));
      const auto* who = people[who_index];
      const auto* approver =
          two ? people[(who_index + static_cast<std::size_t>(pick(1, 2))) % 3] : who;
      s = make(delta > 0 ? Bucket::received : bucket, delta > 0 ? bucket : Bucket::received,
               delta > 0 ? delta : -delta, two ? "correction" : "correction by one person");
      s.result = record_correction(db, {.bucket = bucket,
                                        .delta = delta,
                                        .reason = "stocktake",
                                        .note = "",
                                        .operator_id = who,
                                        .approver = approver,
                                        .at = at});
      break;
    }
    default:
      s = make(Bucket::issued, Bucket::spoiled, 1, "void");
      s.result = record_spoil(db, {.from = Bucket::issued,
                                   .count = 1,
                                   .reason = SpoilReason::voided,
                                   .serial = "04",
                                   .job_id = {},
                                   .attempt_id = {},
                                   .operator_id = "ani",
                                   .approver = "citra",
                                   .note = "",
                                   .at = at});
      break;
  }
  const bool enough = s.from == Bucket::received || model[s.from] >= s.count;
  s.expected_ok = (s.what == "correction by one person") ? false : enough;
  return s;
}

void apply(Balances& model, const Step& s) {
  if (s.from == Bucket::received) {
    model[Bucket::received] += s.count;
    model[s.to] += s.count;
  } else if (s.to == Bucket::received) {
    model[s.from] -= s.count;
    model[Bucket::received] -= s.count;
  } else {
    model[s.from] -= s.count;
    model[s.to] += s.count;
  }
}

// After every movement and every transaction: the cache, the truth and the model agree.
void require_matches(Database& db, const Balances& model) {
  auto cached = balances(db);
  REQUIRE_OK(cached);
  auto truth = recompute(db);
  REQUIRE_OK(truth);
  REQUIRE(*cached == model);
  REQUIRE(*truth == model);
  REQUIRE(model.balanced());
}

TEST_CASE("the ledger equation holds under random movement sequences, refusals included") {
  // 10 seeds x 200 sequences of 1 to 8 movements (about 9,000 movements). Each
  // sequence is one transaction, each movement a nested one (a savepoint), as the
  // daemon's transitions will call the ledger; one sequence in five is rolled
  // back at its end, and the ledger must forget all of it.
  constexpr int kSeeds = 10;
  constexpr int kSequences = 200;
  int accepted = 0, refused = 0, rolled_back = 0, step_no = 0;
  for (std::uint64_t seed = 1; seed <= kSeeds; ++seed) {
    CAPTURE(seed);
    test::TempStore store;
    auto& db = store.db();
    std::mt19937_64 rng(seed);
    Balances model;
    for (int sequence = 0; sequence < kSequences; ++sequence) {
      CAPTURE(sequence);
      const Balances before = model;
      const auto length = std::uniform_int_distribution<int>(1, 8)(rng);
      const bool roll_back = std::uniform_int_distribution<int>(0, 4)(rng) == 0;
      auto outcome = db.transaction([&]() -> Result<void> {
        for (int i = 0; i < length; ++i) {
          ++step_no;
          CAPTURE(step_no);
          Step s;
          auto r = db.transaction([&]() -> Result<void> {
            // Each step is its own attempt: one good card per attempt.
            s = random_step(db, rng, model, test::at(std::chrono::minutes(step_no)), step_no);
            if (!s.result) return s.result.error();
            return ok();
          });
          CAPTURE(s.what);
          CHECK_MESSAGE(r.ok() == s.expected_ok, EKTP_RESULT_MESSAGE(r));
          if (r.ok()) {
            apply(model, s);
            ++accepted;
          } else {
            // Every refusal has its own code (a catch-all would hide a broken rule).
            CHECK(r.error().code.rfind("ledger.", 0) == 0);
            CHECK(r.error().code != "ledger.refused");
            CHECK_FALSE(r.error().message.empty());
            ++refused;
          }
          require_matches(db, model);
        }
        if (roll_back) return fail("test.roll_back", "the sequence is abandoned");
        return ok();
      });
      if (roll_back) {
        REQUIRE_FALSE(outcome.ok());
        model = before;
        ++rolled_back;
      } else {
        REQUIRE_OK(outcome);
      }
      require_matches(db, model);
    }
    auto report = check(db);
    REQUIRE_OK(report);
    CHECK_MESSAGE(report->ok, report->message);
  }
  // The walk must exercise every side, or it proves nothing.
  CHECK(accepted > 5000);
  CHECK(refused > 500);
  CHECK(rolled_back > 200);
  MESSAGE("movements accepted: " << accepted << ", refused: " << refused
                                 << ", sequences rolled back: " << rolled_back);
}

}  // namespace
}  // namespace ektp::spool::ledger
