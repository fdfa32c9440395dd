// kill -9 torture (issue 12): 100 cycles of a worker killed at a random moment; after
// each, the reopened store keeps every committed job, one card per job, one permit
// use per attempt, a balanced ledger and an outbox without holes.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include "tests/integration/spool_torture/journal.hpp"
#include "tests/integration/spool_torture/torture.hpp"
#include "tests/unit/spool/temp_store.hpp"

namespace ektp::spool::torture {
namespace {

TEST_CASE("a spool killed with SIGKILL 100 times loses nothing and counts every blank") {
  const char* worker = std::getenv("EKTP_TORTURE_WORKER");
  REQUIRE_MESSAGE(worker != nullptr, "EKTP_TORTURE_WORKER names the worker program");
  test::TempDir dir;
  Options o;
  o.dir = dir.path();
  o.cycles = 100;
  o.seed = 12;
  o.worker_argv = {worker};
  const Counts c = run(o);
  print(c, std::cout);

  CHECK(c.kill9_cycles == 100);
  CHECK(c.lost_jobs == 0);
  CHECK(c.double_cards == 0);
  CHECK(c.double_permits == 0);
  CHECK(c.ledger_errors == 0);
  CHECK(c.outbox_holes == 0);
  CHECK(c.unflagged_attempts == 0);
  CHECK(c.open_errors == 0);
  CHECK(c.settle_errors == 0);
  CHECK(c.worker_early_exits == 0);
  CHECK(c.bundle_errors == 0);  // every sealed bundle still opens
  CHECK(c.backup_errors == 0);  // every committed backup restores whole
  CHECK(c.problems.empty());

  // The workers really went through the card's life, so the checks had work to see.
  std::map<std::string, int> ops;
  for (const auto& w : journal_committed(dir.path())) ++ops[w[0]];
  CHECK(ops["accept"] > 20);
  CHECK(ops["erase"] > 0);  // personal data erased under the kills too
  CHECK(ops["issue"] > 0);
  CHECK(ops["use"] > 0);
  CHECK(ops["finish"] > 0);
  CHECK(ops["spoil"] > 0);
  CHECK(ops["ack"] > 0);
}

TEST_CASE("the checks see a lost job, a second good card and a permit used twice") {
  const char* worker = std::getenv("EKTP_TORTURE_WORKER");
  REQUIRE(worker != nullptr);
  test::TempDir dir;
  Options o;
  o.dir = dir.path();
  o.cycles = 3;
  o.worker_argv = {worker};
  REQUIRE(run(o).bad() == 0);

  // What a broken spool would leave: the journal says more was committed than is there.
  const std::string ghost = job_id_of(999'999'999'999ULL);
  journal_append(dir.path(), "committed accept " + ghost);
  journal_append(dir.path(), "committed finish 1 " + ghost);
  journal_append(dir.path(), "committed use 77");
  journal_append(dir.path(), "committed use 77");
  {  // a torn last line (the kill came mid-write) is not trusted
    std::ofstream torn(journal_path(dir.path()), std::ios::app);
    torn << "committed accept " << job_id_of(888'888'888'888ULL);
  }
  Counts c;
  REQUIRE(check_and_settle(dir.path(), 1, c));
  CHECK(c.lost_jobs == 2);  // the job, and its finished card
  CHECK(c.double_permits == 1);
  CHECK(c.ledger_errors == 0);
}

}  // namespace
}  // namespace ektp::spool::torture
