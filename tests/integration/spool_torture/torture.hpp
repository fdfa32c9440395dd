#pragma once
/// The spool's kill -9 torture (issue 12): a worker process runs seeded random spool
/// operations until it is killed; the parent reopens the store (recovery runs), checks
/// the invariants against the worker's journal of what it KNOWS was committed, settles
/// what recovery flagged as an operator would, and starts the next worker.
///
/// Used by the CI test (spool_torture, label integration) and by
/// `./tools/bench spool_torture --cycles N`.

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ektp::spool::torture {

/// What the checks found, summed over the cycles.
struct Counts {
  int kill9_cycles = 0;        ///< workers killed with SIGKILL and checked after
  int lost_jobs = 0;           ///< journal says accepted (or finished), store lacks it
  int double_cards = 0;        ///< a job with two good cards, or two issues per attempt
  int double_permits = 0;      ///< a permit issued or used twice for one attempt
  int ledger_errors = 0;       ///< ledger::check failed or disagrees with the attempts
  int outbox_holes = 0;        ///< seq not 1..N, or a committed change without its event
  int unflagged_attempts = 0;  ///< left claimed..card_out after recovery
  int open_errors = 0;         ///< Spool::open (quick_check, recovery) failed
  int settle_errors = 0;       ///< an operator's or the pipeline's settlement was refused
  int worker_early_exits = 0;  ///< the worker stopped before it was killed
  int bundle_errors = 0;       ///< a sealed bundle that no longer opens or matches
  int backup_errors = 0;       ///< a committed backup that does not restore whole
  std::set<std::string> backups_checked;  ///< backups already restored and checked
  std::int64_t committed_ops = 0;         ///< "committed" journal lines (how much work was done)
  std::int64_t jobs_seen = 0;             ///< jobs in the store at the last check (never fewer)
  std::int64_t outbox_seq_seen = 0;       ///< highest outbox seq at the last check (never lower)
  std::map<std::string, int> committed;   ///< journalled commits per operation (coverage)
  std::map<std::string, int> refusals;    ///< worker calls refused, "<op> <code>" (for people)
  std::vector<std::string> problems;      ///< the first few problems, for people

  int bad() const {
    return lost_jobs + double_cards + double_permits + ledger_errors + outbox_holes +
           unflagged_attempts + open_errors + settle_errors + worker_early_exits + bundle_errors +
           backup_errors;
  }
  void note(std::string problem) {
    if (problems.size() < 20) problems.push_back(std::move(problem));
  }
};

struct Options {
  std::filesystem::path dir;  ///< holds spool.db and journal.txt
  int cycles = 100;
  std::uint64_t seed = 1;
  std::vector<std::string> worker_argv;  ///< the worker command; "<dir> <seed>" appended
  /// The worker is killed 0..max ms after it said its store is open (one cycle in
  /// five: after it was started, so that some kills land in open and recovery).
  int max_kill_ms = 200;
};

/// The worker: opens the spool in `dir` and runs random operations forever.
/// Returns only when the spool cannot be opened (an exit code).
int run_worker(const std::filesystem::path& dir, std::uint64_t seed);

/// Reopens the store, checks every invariant (adds to `counts`), then settles what
/// recovery flagged (as the pipeline and an operator would). Returns false when the
/// store could not be opened.
bool check_and_settle(const std::filesystem::path& dir, std::uint64_t seed, Counts& counts);

/// The parent's loop: start the worker, kill -9 it after a seeded random delay, check.
Counts run(const Options& options);

/// key=value lines (kill9_cycles=, lost_jobs=, double_cards=, double_permits=,
/// ledger_errors=, ...), then the problems found, if any.
void print(const Counts& counts, std::ostream& out);

}  // namespace ektp::spool::torture
