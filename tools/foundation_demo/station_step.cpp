// The demo's last step: the station's own chain (daemon::CardStation) prints several
// generated citizens' cards unattended, each job from the spool through feed, chip,
// permit, CUPS and ektp-gate to the tray, and the printer simulator's witness says
// what it saw.
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>

#include "daemon/card_station.hpp"
#include "drivers/common/clock.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/chain_jobs.hpp"
#include "tools/foundation_demo/steps.hpp"

namespace ektp::demo {

namespace {

bool check(bool ok, const std::string& what) {
  std::printf("   %s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  return ok;
}

template <class T>
bool check(const Result<T>& r, const std::string& what) {
  return check(r.ok(), what + (r.ok() ? "" : ": " + r.error().message));
}

/// One `key=value` of the witness's counters, -1 when missing.
long counter_of(const std::string& counters, const std::string& key) {
  std::istringstream words(counters);
  for (std::string word; words >> word;) {
    if (word.rfind(key + "=", 0) == 0) return std::stol(word.substr(key.size() + 1));
  }
  return -1;
}

}  // namespace

bool station_step(const test::RigEnv& rig, const std::filesystem::path& out, const DemoJob& demo,
                  int cards) {
  std::printf("== Station: %d jobs printed unattended through the whole chain\n", cards);
  std::printf(
      "        spool -> blank fed -> chip written and locked (pcscd) -> permit -> "
      "placeholder held in CUPS, released -> ektp-gate -> face printed -> card out\n");
  const auto dir = out / "station";
  std::filesystem::create_directories(dir);
  spool::OpenOptions open;
  open.path = dir / "spool.db";
  open.station_id = "station-demo";
  std::filesystem::remove(open.path);
  auto spool = spool::Spool::open(open, SystemClock::instance());
  if (!check(spool, "spool opened (" + open.path.string() + ")")) return false;

  printer::SimCardTransport printer(rig.at("EKTP_PRINTERSIM_CTL"));
  auto before = printer.request("counters");
  if (!check(before, "printer's witness counters read")) return false;
  if (!check(printer.request("load " + std::to_string(cards)),
             std::to_string(cards) + " blanks loaded into the hopper")) {
    return false;
  }
  if (!check(spool->receive_stock({.count = cards,
                                   .delivery_ref = "SJ-DEMO",
                                   .serial_first = std::nullopt,
                                   .serial_last = std::nullopt,
                                   .operator_id = "demo",
                                   .note = "",
                                   .at = {}}),
             "blanks received into stock (ledger)") ||
      !check(spool->load_hopper({.count = cards, .operator_id = "demo", .at = {}}),
             "blanks loaded into the hopper (ledger)")) {
    return false;
  }

  test::MemoryJobContent content;
  for (int i = 0; i < cards; ++i) {
    auto citizen = test::make_chain_citizen(100 + i, demo.pki, true);
    if (!check(citizen, "citizen " + std::to_string(i + 1) + " made (fake data)")) return false;
    const auto job_dir = dir / citizen->job_id;
    std::filesystem::create_directories(job_dir);
    std::ofstream(job_dir / "face.pdf", std::ios::binary)
        .write(reinterpret_cast<const char*>(citizen->face.data()),
               static_cast<std::streamsize>(citizen->face.size()));
    std::ofstream(job_dir / "face.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(citizen->face_png.data()),
               static_cast<std::streamsize>(citizen->face_png.size()));
    if (!check(spool->accept(test::chain_job(*citizen, i)),
               "job " + citizen->job_id + " queued (face: station/" + citizen->job_id +
                   "/face.pdf, .png)")) {
      return false;
    }
    content.citizens[citizen->job_id] = std::move(*citizen);
  }

  std::mutex lock;
  auto station = daemon::CardStation::start(*spool, lock, content,
                                            {.printer_control = rig.at("EKTP_PRINTERSIM_CTL"),
                                             .encoder_reader = rig.at("EKTP_ENCODER_READER"),
                                             .queue = rig.at("EKTP_CUPS_QUEUE"),
                                             .gate_socket = rig.at("EKTP_GATE_SOCKET"),
                                             .run = {}});
  if (!check(station, "station started: permit service listening, CUPS queue '" +
                          rig.at("EKTP_CUPS_QUEUE") + "' cleaned of its own old jobs")) {
    return false;
  }
  bool all_good = true;
  for (;;) {
    auto report = (*station)->run_next();
    if (!report) return check(report, "the next job claimed");
    if (!report->has_value()) break;
    const auto& r = **report;
    all_good = check(r.outcome == daemon::CardRunOutcome::good,
                     "attempt " + std::to_string(r.attempt_id) + ": " +
                         std::string(daemon::to_string(r.outcome)) +
                         (r.message.empty() ? "" : " (" + r.message + ")")) &&
               all_good;
  }
  auto after = printer.request("counters");
  if (!check(after, "printer's witness counters read")) return false;
  const long verified =
      counter_of(*after, "faces_verified") - counter_of(*before, "faces_verified");
  const long printed = counter_of(*after, "faces_printed") - counter_of(*before, "faces_printed");
  std::printf(
      "        witness: %ld faces printed, %ld on a verified chip whose NIK is the face's\n",
      printed, verified);
  auto ledger = spool::ledger::check(spool->db());
  return check(all_good && printed == cards && verified == cards,
               "every card printed once, on its own verified chip") &&
         check(ledger.ok() && ledger->ok, "blank-card ledger balanced");
}

}  // namespace ektp::demo
