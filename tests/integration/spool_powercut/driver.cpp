// The power-cut cycles: fork a child that runs the torture's operations through the
// power-cut VFS until the power goes, then reopen and check (see powercut.hpp).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

#include "drivers/common/clock.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_powercut/powercut.hpp"
#include "tests/integration/spool_powercut/powercut_vfs.hpp"
#include "tests/integration/spool_torture/journal.hpp"
#include "tests/integration/spool_torture/sealed_ops.hpp"
#include "tests/integration/spool_torture/worker_loop.hpp"

namespace ektp::spool::powercut {
namespace {

constexpr int kCutExit = 42;               ///< the child's exit code at the cut
constexpr unsigned kChildDeadlineS = 120;  ///< a child still running then is stuck

/// Where the cut lands and how the disk tears.
struct CyclePlan {
  ektp::test::PowercutPlan vfs;
  std::uint64_t worker_seed = 0;
  int autocheckpoint = 1000;
};

/// The child: never returns. Exit codes: kCutExit at the cut, others on a failure.
[[noreturn]] void child(const Options& o, const CyclePlan& plan) {
  ::alarm(kChildDeadlineS);  // SIGALRM ends a stuck child; the parent reports it
  ektp::test::PowercutVfs vfs("ektp_powercut", plan.vfs);
  vfs.on_cut([&] {
    // What the cut threw away, for the parent's report; then the power is off.
    const auto st = vfs.stats();
    const std::string line = std::to_string(st.unsynced_ops) + " " +
                             std::to_string(st.kept_pieces) + " " +
                             std::to_string(st.dropped_pieces) + "\n";
    if (FILE* f = std::fopen((o.dir / "cuts.txt").c_str(), "a")) {
      std::fputs(line.c_str(), f);
      std::fclose(f);
    }
    ::_exit(kCutExit);
  });
  OpenOptions options;
  options.path = o.dir / "spool.db";
  options.station_id = "station-torture";
  options.test_vfs = vfs.name();
  options.test_sync_off = o.sync_off;
  // With the torture's key and no retention: bundles are sealed, and erase_due really
  // erases (its TRUNCATE checkpoint included), as in the kill -9 torture.
  auto spool = Spool::open(options, SystemClock::instance(), QueueConfig{3}, torture::torture_key(),
                           torture::torture_erasure());
  if (!spool) {
    std::fprintf(stderr, "powercut child: %s: %s\n", spool.error().code.c_str(),
                 spool.error().message.c_str());
    ::_exit(3);
  }
  // Checkpoints (database file writes, the WAL started over) within the cycles too,
  // not only when the parent closes the store.
  if (!spool->db().exec("PRAGMA wal_autocheckpoint=" + std::to_string(plan.autocheckpoint)))
    ::_exit(5);
  torture::run_worker_loop(o.dir, plan.worker_seed, std::move(spool).value(), {},
                           torture::WorkerOps{});
}

/// Waits for the child: its exit code, or minus the signal that ended it.
int wait_child(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1000;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// Adds the last cut's line of cuts.txt (written by the child) to the counts.
void add_cut_stats(const std::filesystem::path& dir, Counts& counts) {
  std::ifstream in(dir / "cuts.txt");
  std::string line, last;
  while (std::getline(in, line)) last = line;
  std::istringstream words(last);
  std::uint64_t unsynced = 0, kept = 0, dropped = 0;
  if (words >> unsynced >> kept >> dropped) {
    counts.unsynced_ops += unsynced;
    counts.kept_pieces += kept;
    counts.dropped_pieces += dropped;
  }
}

}  // namespace

Counts run(const Options& o) {
  Counts counts;
  std::mt19937_64 rng(o.seed);
  for (int cycle = 1; cycle <= o.cycles; ++cycle) {
    CyclePlan plan;
    plan.vfs.cut_at_event = std::uniform_int_distribution<std::uint64_t>(
        1, static_cast<std::uint64_t>(o.max_events))(rng);
    const auto tear = rng() % 4;  // half clean cuts, a quarter torn, a quarter reordered
    plan.vfs.tear = tear < 2
                        ? ektp::test::Tear::drop_all
                        : (tear == 2 ? ektp::test::Tear::torn_prefix : ektp::test::Tear::reordered);
    plan.vfs.seed = rng();
    plan.worker_seed = (o.seed % 1000) * 100000 + static_cast<std::uint64_t>(cycle);
    plan.autocheckpoint = std::uniform_int_distribution<int>(5, 100)(rng);
    // EKTP_POWERCUT_TRACE set: the VFS's events and the journal of this cycle in
    // trace.txt (the last cycle's is left: with stop_on_problem, the failing one).
    if (std::getenv("EKTP_POWERCUT_TRACE") != nullptr) {
      plan.vfs.trace_path = (o.dir / "trace.txt").string();
      std::filesystem::remove(plan.vfs.trace_path);
    }

    std::fflush(nullptr);  // nothing buffered is written twice by the child
    const pid_t pid = ::fork();
    if (pid == 0) child(o, plan);
    if (pid < 0) {
      ++counts.child_failures;
      counts.note(std::string("fork failed: ") + std::strerror(errno));
      break;
    }
    const int code = wait_child(pid);
    if (code != kCutExit) {
      ++counts.child_failures;
      counts.note("cycle " + std::to_string(cycle) + ": the child ended with " +
                  std::to_string(code) + " instead of the power cut");
    } else {
      ++counts.powercut_cycles;
      add_cut_stats(o.dir, counts);
    }
    // "Reboot": the plain VFS, recovery on open, then every check.
    const int bad_before = counts.bad();
    check_durability(o.dir, counts);
    const bool opened = torture::check_and_settle(o.dir, plan.worker_seed, counts.torture);
    for (const auto& p : counts.torture.problems) counts.note(p);
    counts.torture.problems.clear();
    if (counts.bad() > bad_before && counts.first_bad_cycle == 0) counts.first_bad_cycle = cycle;
    if (!opened || (o.stop_on_problem && counts.bad() > 0)) break;
  }
  counts.torture.refusals = torture::journal_refusals(o.dir);
  for (const auto& w : torture::journal_committed(o.dir)) {
    ++counts.torture.committed[w[0]];
    if (w[0] == "erase" && w.size() == 2) counts.erased_jobs += std::stoi(w[1]);
  }
  return counts;
}

void print(const Counts& c, std::ostream& out) {
  const auto& t = c.torture;
  out << "powercut_cycles=" << c.powercut_cycles << "\n"
      << "lost_commits=" << c.lost_commits << "\n"
      << "lost_jobs=" << t.lost_jobs << "\n"
      << "double_cards=" << t.double_cards << "\n"
      << "double_permits=" << t.double_permits << "\n"
      << "ledger_errors=" << t.ledger_errors << "\n"
      << "outbox_holes=" << t.outbox_holes << "\n"
      << "unflagged_attempts=" << t.unflagged_attempts << "\n"
      << "open_errors=" << t.open_errors << "\n"
      << "settle_errors=" << t.settle_errors << "\n"
      << "child_failures=" << c.child_failures << "\n"
      << "first_bad_cycle=" << c.first_bad_cycle << "\n"
      << "unsynced_ops_at_cuts=" << c.unsynced_ops << "\n"
      << "torn_sectors_kept=" << c.kept_pieces << "\n"
      << "unsynced_sectors_lost=" << c.dropped_pieces << "\n"
      << "unjournalled_resumes=" << c.unjournalled_resumes << "\n"
      << "erased_jobs=" << c.erased_jobs << "\n"
      << "committed_ops=" << t.committed_ops << "\n";
  out << "committed:";
  for (const auto& [op, n] : t.committed) out << " " << op << "=" << n;
  out << "\n";
  for (const auto& p : c.problems) out << "problem: " << p << "\n";
}

}  // namespace ektp::spool::powercut
