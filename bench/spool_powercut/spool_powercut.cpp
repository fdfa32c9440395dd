// ./tools/bench spool_powercut [--cycles N] [--seed S] [--max-events E] [--sync-off]
//   [--stop-on-problem] (EKTP_POWERCUT_TRACE=1: the failing cycle's trace.txt is kept)
// The spool's power-cut test (tests/integration/spool_powercut) at any length: N
// cycles of a child whose power is cut at a random write or sync, each reboot
// checked. Prints key=value lines; exits 1 when anything was lost, doubled or
// unbalanced (with --sync-off: exits 0, the losses are the expected finding).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "tests/integration/spool_powercut/powercut.hpp"

int main(int argc, char** argv) {
  using namespace ektp::spool::powercut;
  Options o;
  o.cycles = 1000;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--cycles" && has_value)
      o.cycles = std::stoi(argv[++i]);
    else if (flag == "--seed" && has_value)
      o.seed = std::stoull(argv[++i]);
    else if (flag == "--max-events" && has_value)
      o.max_events = std::stoi(argv[++i]);
    else if (flag == "--stop-on-problem")
      o.stop_on_problem = true;
    else if (flag == "--sync-off")
      o.sync_off = o.stop_on_problem = true;  // after the first loss the journal is moot
    else {
      std::fprintf(stderr,
                   "usage: bench_spool_powercut [--cycles N] [--seed S] [--max-events E] "
                   "[--sync-off] [--stop-on-problem]\n");
      return 2;
    }
  }
  std::string pattern = (std::filesystem::temp_directory_path() / "ektp-powercut-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    return 2;
  }
  o.dir = pattern;
  std::cout << "seed=" << o.seed << "\nsync=" << (o.sync_off ? "OFF" : "FULL") << "\n";
  const Counts c = run(o);
  print(c, std::cout);
  const bool ok = c.bad() == 0;
  if (ok || o.sync_off)
    std::filesystem::remove_all(o.dir);
  else
    std::cout << "store_kept=" << o.dir.string() << "\n";
  return ok || o.sync_off ? 0 : 1;
}
