#pragma once
/// The whole card chain in the real rig, as the daemon composes it (daemon::CardStation):
/// a spool (temporary store) with generated citizens' jobs, the printer simulator's card
/// path, the encoder reader through pcscd, the permit service backed by the spool, the
/// CUPS driver on the station's `card` queue (ektp-gate), and daemon::run_card. The printer
/// simulator is the witness: tests read its counters and received.log, never the
/// station's opinion of itself.

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/card_station.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/chain_jobs.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tools/pki/test_pki.hpp"

namespace ektp::chain {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using Citizen = test::ChainCitizen;

struct Chain {
  test::RigEnv env;
  fs::path work;
  testpki::TestPki pki;
  std::mutex lock;  ///< the spool's: the permit service's thread shares it
  std::optional<spool::Spool> spool;
  test::MemoryJobContent content;
  std::map<std::string, Citizen>& citizens = content.citizens;
  /// The test's own line to the printer simulator (loading, faults, counters).
  printer::SimCardTransport printer{env.at("EKTP_PRINTERSIM_CTL")};
  std::unique_ptr<daemon::CardStation> station;
  std::vector<printer::PrintVerdict> waits;
  int deliveries = 0;

  /// `blanks` in the printer's hopper (and in the ledger's), `jobs` citizens queued.
  Chain(int blanks, int jobs, daemon::CardRunOptions options = {}) {
    env.export_var("CUPS_SERVER");
    char pattern[] = "/tmp/ektp-chain-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    work = pattern;
    auto made_pki = testpki::make_test_pki({.now = std::time(nullptr)});
    REQUIRE_OK(made_pki);
    pki = std::move(*made_pki);
    REQUIRE_OK(testpki::write_test_pki(pki, (work / "pki").string()));

    spool::OpenOptions open;
    open.path = work / "spool.db";
    open.station_id = "station-chain";
    auto opened = spool::Spool::open(open, SystemClock::instance());
    REQUIRE_OK(opened);
    spool.emplace(std::move(*opened));

    (void)printer.request("reject");  // a card an earlier run left in the path
    for (const char* line :
         {"unload", "clear_faults", "cover closed", "ribbon 100", "reset_counters"}) {
      REQUIRE_OK(printer.request(line));
    }
    REQUIRE_OK(printer.request("trust " + (work / "pki" / "csca.pem").string()));
    load(blanks);
    for (int i = 0; i < jobs; ++i) add_citizen(i);

    auto started = daemon::CardStation::start(*spool, lock, content,
                                              {.printer_control = env.at("EKTP_PRINTERSIM_CTL"),
                                               .encoder_reader = env.at("EKTP_ENCODER_READER"),
                                               .queue = env.at("EKTP_CUPS_QUEUE"),
                                               .gate_socket = env.at("EKTP_GATE_SOCKET"),
                                               .run = options});
    REQUIRE_OK(started);
    station = std::move(*started);
    station->on_waiting([this](printer::PrintVerdict v) { waits.push_back(v); });
  }

  ~Chain() {
    station.reset();
    std::error_code ignored;
    fs::remove_all(work, ignored);
  }

  /// Blanks into the printer's hopper, received and loaded in the ledger too.
  void load(int blanks) {
    if (blanks <= 0) return;
    REQUIRE_OK(printer.request("load " + std::to_string(blanks)));
    std::lock_guard guard(lock);
    REQUIRE_OK(spool->receive_stock({.count = blanks,
                                     .delivery_ref = "SJ-CHAIN-" + std::to_string(++deliveries),
                                     .serial_first = std::nullopt,
                                     .serial_last = std::nullopt,
                                     .operator_id = "op-a",
                                     .note = "",
                                     .at = {}}));
    REQUIRE_OK(spool->load_hopper({.count = blanks, .operator_id = "op-a", .at = {}}));
  }

  void add_citizen(int index) {
    auto citizen = test::make_chain_citizen(index, pki);
    REQUIRE_OK(citizen);
    {
      std::lock_guard guard(lock);
      REQUIRE_OK(spool->accept(test::chain_job(*citizen, index)));
    }
    citizens[citizen->job_id] = std::move(*citizen);
  }

  /// Claims the next job and runs its card.
  daemon::CardRunReport run_next() {
    auto report = station->run_next();
    REQUIRE_OK(report);
    REQUIRE_MESSAGE(report->has_value(), "no job left to claim");
    return **report;
  }
  daemon::CardRunReport run(const spool::Claim& claim) { return station->run(claim); }

  /// The witness's counters (`ctl counters`: key=value words).
  std::map<std::string, std::string> witness() {
    auto answer = printer.request("counters");
    REQUIRE_OK(answer);
    std::map<std::string, std::string> out;
    std::istringstream words(*answer);
    for (std::string word; words >> word;) {
      const auto eq = word.find('=');
      if (eq != std::string::npos) out[word.substr(0, eq)] = word.substr(eq + 1);
    }
    return out;
  }
  long witness_count(const std::string& key) {
    auto all = witness();
    auto it = all.find(key);
    REQUIRE_MESSAGE(it != all.end(), "the printer simulator reports no " << key);
    return std::stol(it->second);
  }

  /// received.log lines: one per document the printer got.
  std::vector<std::string> received() {
    std::ifstream in(fs::path(env.at("EKTP_PRINTER_STATE")) / "received.log");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  spool::JobState job_state(const std::string& id) {
    std::lock_guard guard(lock);
    auto job = spool->jobs().get(id);
    REQUIRE_OK(job);
    return job->state;
  }

  void require_ledger_ok() {
    std::lock_guard guard(lock);
    auto report = spool::ledger::check(spool->db());
    REQUIRE_OK(report);
    REQUIRE_MESSAGE(report->ok, report->message);
  }
};

}  // namespace ektp::chain
