// ./tools/bench spool_torture [--cycles N] [--seed S] [--max-kill-ms M]
// The spool's kill -9 torture (tests/integration/spool_torture): a worker (this program
// with --worker) runs random spool operations and is killed with SIGKILL after a random
// delay, N times; each time the store is reopened and checked. Prints key=value lines;
// exits 1 when anything was lost, doubled or unbalanced.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "tests/integration/spool_torture/torture.hpp"

int main(int argc, char** argv) {
  using namespace ektp::spool::torture;
  if (argc == 4 && std::strcmp(argv[1], "--worker") == 0)
    return run_worker(argv[2], std::stoull(argv[3]));

  Options o;
  o.cycles = 1000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--cycles")
      o.cycles = std::stoi(argv[i + 1]);
    else if (flag == "--seed")
      o.seed = std::stoull(argv[i + 1]);
    else if (flag == "--max-kill-ms")
      o.max_kill_ms = std::stoi(argv[i + 1]);
    else {
      std::fprintf(stderr,
                   "usage: bench_spool_torture [--cycles N] [--seed S] [--max-kill-ms M]\n");
      return 2;
    }
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "ektp-torture-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  o.dir = pattern;
  o.worker_argv = {std::filesystem::read_symlink("/proc/self/exe").string(), "--worker"};
  std::cout << "seed=" << o.seed << "\n";
  const Counts c = run(o);
  print(c, std::cout);
  const bool ok = c.bad() == 0;
  if (ok)
    std::filesystem::remove_all(o.dir);
  else
    std::cout << "store_kept=" << o.dir.string() << "\n";
  return ok ? 0 : 1;
}
