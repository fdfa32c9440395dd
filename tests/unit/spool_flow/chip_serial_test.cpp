// A chip is declared locked only with its serial recorded (a good card is issued by its
// serial), and an operator who declares a card in doubt good can give the serial
// scanned off the card when the station never read it.
#include <doctest/doctest.h>

#include "tests/unit/spool_flow/flow_fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::FlowFixture;
using A = AttemptState;

namespace {

// An attempt in chip_writing, its serial not read yet.
std::int64_t to_chip_writing(FlowFixture& f) {
  f.add_job();
  const auto c = f.claim();
  REQUIRE_OK(f.s().start_feeding(c.attempt_id));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::in_encoder));
  REQUIRE_OK(f.s().advance(c.attempt_id, A::chip_writing));
  return c.attempt_id;
}

// An attempt in doubt whose chip serial was never recorded: what a store written by
// an older version (before the serial was required) may hold.
std::int64_t in_doubt_without_serial(FlowFixture& f) {
  const auto id = to_chip_writing(f);
  REQUIRE_OK(f.s().record_chip(id, FlowFixture::serial_of(id), "04AA"));
  REQUIRE_OK(f.s().advance(id, A::chip_locked));
  REQUIRE_OK(f.s().issue_permit(id));
  auto clear = f.db().prepare("UPDATE attempts SET chip_serial = NULL WHERE id = ?1");
  REQUIRE_OK(clear);
  REQUIRE_OK(clear->bind(1, id).run());
  REQUIRE(f.reopen().in_doubt == 1);
  REQUIRE(f.attempt_state(id) == A::in_doubt);
  return id;
}

}  // namespace

TEST_CASE("advance to chip_locked is refused until the chip serial is recorded") {
  FlowFixture f;
  f.stock(5, 5);
  const auto id = to_chip_writing(f);
  auto refused = f.s().advance(id, A::chip_locked);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "spool.no_chip_serial");
  CHECK(refused.error().message.find("serial") != std::string::npos);
  CHECK(f.attempt_state(id) == A::chip_writing);  // nothing changed
  REQUIRE_OK(f.s().record_chip(id, "SN-77", "04AA"));
  REQUIRE_OK(f.s().advance(id, A::chip_locked));
  CHECK(f.attempt_state(id) == A::chip_locked);
}

TEST_CASE("resume to chip_locked is refused without a recorded serial; in_encoder is not") {
  FlowFixture f;
  f.stock(5, 5);
  const auto no_serial = to_chip_writing(f);
  const auto with_serial = to_chip_writing(f);
  REQUIRE_OK(f.s().record_chip(with_serial, "SN-88", "04BB"));
  REQUIRE(f.reopen().to_recover == 2);
  auto refused = f.s().resume(no_serial, A::chip_locked, "chip found locked");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "spool.no_chip_serial");
  CHECK(f.attempt_state(no_serial) == A::to_recover);
  REQUIRE_OK(f.s().resume(no_serial, A::in_encoder, "write the chip again"));
  REQUIRE_OK(f.s().resume(with_serial, A::chip_locked, "chip found locked"));
  CHECK(f.attempt_state(with_serial) == A::chip_locked);
}

TEST_CASE("resolve_in_doubt(card_good) takes the serial the operator scanned") {
  FlowFixture f;
  f.stock(5, 5);
  const auto id = in_doubt_without_serial(f);
  const auto job = f.s().attempts().get(id)->job_id;

  SUBCASE("no serial at all: refused, nothing changed") {
    auto r = f.s().resolve_in_doubt(id, DoubtDecision::card_good, "op-a", "card looks fine");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.no_chip_serial");
    CHECK(f.attempt_state(id) == A::in_doubt);
    CHECK(f.movements("issue").empty());
  }
  SUBCASE("with the scanned serial: a good card issued by that serial") {
    auto r = f.s().resolve_in_doubt(id, DoubtDecision::card_good, "op-a", "scanned", "SN-SCAN-1");
    REQUIRE_OK(r);
    CHECK(*r == JobState::done);
    CHECK(f.job_state(job) == JobState::done);
    CHECK(f.s().attempts().get(id)->chip_serial == "SN-SCAN-1");
    const auto issued = f.movements("issue");
    REQUIRE(issued.size() == 1);
    CHECK(issued[0].serial == "SN-SCAN-1");
    const auto good = f.events_of(outbox::EventType::card_good);
    REQUIRE(good.size() == 1);
    CHECK(good[0].payload.find("SN-SCAN-1") != std::string::npos);
    f.require_ledger_ok();
  }
}

TEST_CASE("a scanned serial must match the recorded one") {
  FlowFixture f;
  f.stock(5, 5);
  f.add_job();
  const auto c = f.claim();
  f.to_card_out(c.attempt_id);
  REQUIRE(f.reopen().in_doubt == 1);
  const std::string recorded = FlowFixture::serial_of(c.attempt_id);
  auto wrong = f.s().resolve_in_doubt(c.attempt_id, DoubtDecision::card_good, "op-a", "scan",
                                      "SN-OTHER-CARD");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "spool.serial_mismatch");
  CHECK(f.attempt_state(c.attempt_id) == A::in_doubt);
  REQUIRE_OK(
      f.s().resolve_in_doubt(c.attempt_id, DoubtDecision::card_good, "op-a", "scan", recorded));
  CHECK(f.movements("issue").at(0).serial == recorded);
}
