#include "bench/print/chain_figures.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/chain_jobs.hpp"
#include "tests/support/rig_env.hpp"

namespace ektp::bench {

namespace {

namespace fs = std::filesystem;

/// The 20 s a real card printer takes per card: the figure the overhead is weighed
/// against (issue 15: <= 1 % of it).
constexpr double kRealPrintMs = 20'000;

int failed(const char* what, const Error& error) {
  std::fprintf(stderr, "%s: %s (%s)\n", what, error.message.c_str(), error.code.c_str());
  return 1;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int chain_figures(int cards, int print_ms) {
  test::RigEnv env;
  env.export_var("CUPS_SERVER");
  char pattern[] = "/tmp/ektp-bench-chain-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) return 1;
  const fs::path work = pattern;
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  } cleanup{work};

  auto pki = testpki::make_test_pki({.now = std::time(nullptr)});
  if (!pki) return failed("test PKI", pki.error());
  if (auto w = testpki::write_test_pki(*pki, (work / "pki").string()); !w) {
    return failed("test PKI", w.error());
  }
  spool::OpenOptions open;
  open.path = work / "spool.db";
  open.station_id = "station-bench";
  auto spool = spool::Spool::open(open, SystemClock::instance());
  if (!spool) return failed("spool", spool.error());

  printer::SimCardTransport printer(env.at("EKTP_PRINTERSIM_CTL"));
  (void)printer.request("reject");
  for (const std::string& line : std::vector<std::string>{
           "unload", "clear_faults", "cover closed", "ribbon 100", "reset_counters",
           "load " + std::to_string(cards), "trust " + (work / "pki" / "csca.pem").string()}) {
    if (auto r = printer.request(line); !r) return failed(line.c_str(), r.error());
  }
  const fs::path seconds = fs::path(env.at("EKTP_PRINTER_STATE")) / "seconds_per_card";
  std::ofstream(seconds) << print_ms / 1000.0 << "\n";

  std::mutex lock;
  test::MemoryJobContent content;
  if (auto r = spool->receive_stock({.count = cards,
                                     .delivery_ref = "SJ-BENCH",
                                     .serial_first = std::nullopt,
                                     .serial_last = std::nullopt,
                                     .operator_id = "bench",
                                     .note = "",
                                     .at = {}});
      !r) {
    return failed("stock", r.error());
  }
  if (auto r = spool->load_hopper({.count = cards, .operator_id = "bench", .at = {}}); !r) {
    return failed("hopper", r.error());
  }
  for (int i = 0; i < cards; ++i) {
    auto citizen = test::make_chain_citizen(i, *pki);
    if (!citizen) return failed("citizen", citizen.error());
    if (auto r = spool->accept(test::chain_job(*citizen, i)); !r) return failed("job", r.error());
    content.citizens[citizen->job_id] = std::move(*citizen);
  }

  daemon::CardRunOptions options;
  auto station = daemon::CardStation::start(*spool, lock, content,
                                            {.printer_control = env.at("EKTP_PRINTERSIM_CTL"),
                                             .encoder_reader = env.at("EKTP_ENCODER_READER"),
                                             .queue = env.at("EKTP_CUPS_QUEUE"),
                                             .gate_socket = env.at("EKTP_GATE_SOCKET"),
                                             .run = options});
  if (!station) return failed("station", station.error());

  std::vector<double> overhead_ms;
  std::vector<double> card_s;
  for (int i = 0; i < cards; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto report = (*station)->run_next();
    if (!report) return failed("card", report.error());
    if (!report->has_value() || (*report)->outcome != daemon::CardRunOutcome::good) {
      std::fprintf(
          stderr, "card %d: %s %s\n", i,
          report->has_value() ? std::string(to_string((*report)->outcome)).c_str() : "none",
          report->has_value() ? (*report)->message.c_str() : "");
      return 1;
    }
    card_s.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    overhead_ms.push_back(
        std::chrono::duration<double, std::milli>((*report)->release_to_out).count() - print_ms);
  }
  std::ofstream(seconds) << "0.2\n";  // the rig's default again

  auto counters = printer.request("counters");
  const double overhead = median(overhead_ms);
  std::printf("chain_cards=%d print_ms=%d\n", cards, print_ms);
  std::printf("release_to_out_overhead_ms=%.1f\n", overhead);
  std::printf("release_to_out_overhead_max_ms=%.1f\n",
              *std::max_element(overhead_ms.begin(), overhead_ms.end()));
  std::printf("cups_overhead_ratio=%.4f\n", overhead / kRealPrintMs);
  std::printf("card_s=%.2f\n", median(card_s));
  if (counters) std::printf("# witness: %s\n", counters->c_str());
  return 0;
}

}  // namespace ektp::bench
