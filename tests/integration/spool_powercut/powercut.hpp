#pragma once
/// The spool's power-cut test (issue 12): kill -9 keeps what the kernel already has,
/// so it cannot catch a missing sync; this test can. Each cycle a child process opens
/// the store through the power-cut VFS (powercut_vfs.hpp), with the torture's storage
/// key and no retention, and runs the kill -9 torture's random operations (sealed
/// bundles, erasures with their TRUNCATE checkpoint and online backups included;
/// tests/integration/spool_torture, journalled the same way) until the VFS cuts the
/// power at a seeded random write, truncate or sync: the files are
/// left as the disk would hold them (unsynced writes lost, or torn, or partly kept
/// out of order; the -shm gone) and the child ends there. The parent then "reboots":
/// it reopens the store with the plain VFS and checks
///   - every transaction the journal says committed is still there (durability.cpp;
///     a call the power cut short may have committed without its journal line: a
///     resume, which can move an attempt back, is journalled "begin" first),
///   - the kill -9 torture's invariants (quick_check on open, no accepted job lost,
///     no job with two good cards, no permit used twice, the ledger balanced, outbox
///     ids without holes), then settles what recovery flagged, as the torture does.
///
/// Used by the CI test (spool_powercut) and `./tools/bench spool_powercut --cycles N`.

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "tests/integration/spool_torture/torture.hpp"

namespace ektp::spool::powercut {

struct Options {
  std::filesystem::path dir;  ///< holds spool.db and journal.txt
  int cycles = 200;
  std::uint64_t seed = 1;
  /// The cut comes at a random event (write, truncate or sync) 1..max_events after the
  /// child starts opening the store (a card's transaction is ~10-40 events).
  int max_events = 600;
  /// The store runs with synchronous=OFF (the proof that the test can fail).
  bool sync_off = false;
  /// Stop at the first cycle that finds anything wrong.
  bool stop_on_problem = false;
};

/// What the cycles found: the torture's counts plus the power cut's own.
struct Counts {
  torture::Counts torture;           ///< lost_jobs, double_cards, ... (see torture.hpp)
  int powercut_cycles = 0;           ///< children whose power was cut, then checked
  int lost_commits = 0;              ///< journalled commits gone after the cut
  int child_failures = 0;            ///< a child ended otherwise than by the cut
  int first_bad_cycle = 0;           ///< 0: none
  std::uint64_t unsynced_ops = 0;    ///< writes and truncates not yet synced at the cuts
  std::uint64_t kept_pieces = 0;     ///< ... sectors of them kept (torn, reordered)
  std::uint64_t dropped_pieces = 0;  ///< ... sectors of them lost
  /// Resumes durable in the store without their journal line: the power went inside
  /// the call after its commit (in SQLite's autocheckpoint). Not a loss; it shows the
  /// case the checker's "begin resume" rule is for (durability.cpp).
  int unjournalled_resumes = 0;
  int erased_jobs = 0;  ///< jobs erase_due erased (each erasure ends with a TRUNCATE checkpoint)
  std::vector<std::string> problems;

  int bad() const { return torture.bad() + lost_commits + child_failures; }
  void note(std::string problem) {
    if (problems.size() < 20) problems.push_back(std::move(problem));
  }
};

/// The cycles (forks one child per cycle).
Counts run(const Options& options);

/// Checks that every commit in the journal of `dir` survived in the store (open, with
/// recovery run); adds what is missing to counts.lost_commits / counts.problems.
void check_durability(const std::filesystem::path& dir, Counts& counts);

/// key=value lines: powercut_cycles=, lost_commits=, lost_jobs=, double_cards=,
/// double_permits=, ledger_errors=, ... then the problems found, if any.
void print(const Counts& counts, std::ostream& out);

}  // namespace ektp::spool::powercut
