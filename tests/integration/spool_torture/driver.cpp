// The parent's loop: start the worker, SIGKILL it after a seeded random delay, check.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <thread>

#include "tests/integration/spool_torture/journal.hpp"
#include "tests/integration/spool_torture/torture.hpp"

namespace ektp::spool::torture {
namespace {

/// A started worker: its pid and the read end of its stdout (it writes one byte once
/// its store is open).
struct Started {
  pid_t pid = -1;
  int ready_fd = -1;
};

/// fork + exec of the worker command with "<dir> <seed>" appended.
Started start_worker(const Options& o, std::uint64_t worker_seed) {
  std::vector<std::string> args = o.worker_argv;
  args.push_back(o.dir.string());
  args.push_back(std::to_string(worker_seed));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copy
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  if (pid < 0) {
    ::close(fds[0]);
    return {};
  }
  return {pid, fds[0]};
}

/// Waits (at most 30 s) until the worker says its store is open, or it ends.
void wait_ready(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 30'000) > 0) {
    char byte;
    [[maybe_unused]] const auto n = ::read(fd, &byte, 1);
  }
}

}  // namespace

Counts run(const Options& o) {
  Counts counts;
  std::mt19937_64 rng(o.seed);
  for (int cycle = 1; cycle <= o.cycles; ++cycle) {
    // Worker seeds differ per cycle; job ids are made from them (torture.hpp).
    const std::uint64_t worker_seed = (o.seed % 1000) * 100000 + static_cast<std::uint64_t>(cycle);
    const auto [pid, ready_fd] = start_worker(o, worker_seed);
    if (pid < 0) {
      counts.note(std::string("fork failed: ") + std::strerror(errno));
      ++counts.worker_early_exits;
      break;
    }
    // Mostly killed while it works; one cycle in five while it opens (recovery included).
    if (rng() % 5 != 0) wait_ready(ready_fd);
    const auto delay = std::uniform_int_distribution<int>(0, o.max_kill_ms)(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(ready_fd);  // only now: a worker writing to a closed pipe would die of SIGPIPE
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
      ++counts.worker_early_exits;
      counts.note("cycle " + std::to_string(cycle) + ": the worker stopped by itself (status " +
                  std::to_string(status) + ")");
      if (counts.worker_early_exits > 3) break;
    } else {
      ++counts.kill9_cycles;
    }
    if (!check_and_settle(o.dir, worker_seed, counts)) break;
  }
  counts.refusals = journal_refusals(o.dir);
  for (const auto& w : journal_committed(o.dir)) ++counts.committed[w[0]];
  return counts;
}

void print(const Counts& c, std::ostream& out) {
  out << "kill9_cycles=" << c.kill9_cycles << "\n"
      << "lost_jobs=" << c.lost_jobs << "\n"
      << "double_cards=" << c.double_cards << "\n"
      << "double_permits=" << c.double_permits << "\n"
      << "ledger_errors=" << c.ledger_errors << "\n"
      << "outbox_holes=" << c.outbox_holes << "\n"
      << "unflagged_attempts=" << c.unflagged_attempts << "\n"
      << "open_errors=" << c.open_errors << "\n"
      << "settle_errors=" << c.settle_errors << "\n"
      << "worker_early_exits=" << c.worker_early_exits << "\n"
      << "bundle_errors=" << c.bundle_errors << "\n"
      << "backup_errors=" << c.backup_errors << "\n"
      << "backups_checked=" << c.backups_checked.size() << "\n"
      << "committed_ops=" << c.committed_ops << "\n";
  out << "committed:";
  for (const auto& [op, n] : c.committed) out << " " << op << "=" << n;
  out << "\n";
  for (const auto& [what, n] : c.refusals) out << "refused: " << what << " x" << n << "\n";
  for (const auto& p : c.problems) out << "problem: " << p << "\n";
}

}  // namespace ektp::spool::torture
