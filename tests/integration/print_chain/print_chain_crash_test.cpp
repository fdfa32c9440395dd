// The card chain when CUPS lets go of a job in the middle of its print: cupsd killed and
// restarted (it sends the job again: DirtyCleanInterval 0), and the queue paused and
// resumed (the job goes back to pending and is sent again). The permit was used by the
// first send, so the gate refuses the second: the printer (the witness) gets one face,
// and the attempt is never printed again by itself (good when the card path shows the
// card came out after its print, else in doubt with the job blocked).
#include <doctest/doctest.h>

#include <cstdlib>
#include <thread>

#include "tests/integration/print_chain/chain_fixture.hpp"
#include "tests/support/paths.hpp"

namespace ektp::chain {
namespace {

using daemon::CardRunOutcome;
constexpr auto kDeadline = 90s;  // only stops a broken rig from hanging the suite

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/// The printer made slow for the test (so that a job is in flight long enough), and
/// made fast again afterwards, with the queue enabled whatever happened.
struct SlowPrinter {
  Chain& chain;
  explicit SlowPrinter(Chain& c, const char* seconds) : chain(c) {
    REQUIRE_OK(chain.printer.request(std::string("print_seconds ") + seconds));
  }
  ~SlowPrinter() {
    (void)chain.printer.request("print_seconds 0.2");
    (void)std::system(("cupsenable " + chain.env.at("EKTP_CUPS_QUEUE")).c_str());
  }
};

/// Claims the next job and runs its card on a thread; `interrupt` is called once the gate
/// has taken the face and the printer is printing it.
daemon::CardRunReport run_interrupted(Chain& chain, const std::function<void()>& interrupt,
                                      std::int64_t& attempt) {
  std::optional<spool::Claim> claim;
  {
    std::lock_guard guard(chain.lock);
    auto next = chain.spool->claim_next();
    REQUIRE_OK(next);
    REQUIRE(next->has_value());
    claim = **next;
  }
  attempt = claim->attempt_id;
  daemon::CardRunReport report;
  std::thread runner([&] { report = chain.run(*claim); });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();  // a failed REQUIRE: still wait for the run
    }
  } join{runner};

  // The permit used (the gate sent the face), then the printer printing it.
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  printer::SimCardTransport sim(chain.env.at("EKTP_PRINTERSIM_CTL"));
  bool printing = false;
  while (!printing && std::chrono::steady_clock::now() < deadline) {
    bool used = false;
    {
      std::lock_guard guard(chain.lock);
      auto a = chain.spool->attempts().get(attempt);
      used = a.ok() && a->permit_used;
    }
    if (used) {
      auto status = sim.request("status");
      printing = status.ok() && status->find("printing=yes") != std::string::npos;
    }
    if (!printing) std::this_thread::sleep_for(20ms);
  }
  if (printing) interrupt();
  CHECK_MESSAGE(printing, "the card was never being printed (the run ended: "
                              << daemon::to_string(report.outcome) << ")");
  runner.join();
  return report;
}

/// cupsd's error log lines about CUPS job `job`, written after `from`.
std::string job_log(Chain& chain, std::size_t from, std::int64_t job) {
  const std::string log = read_all(fs::path(chain.env.dir()) / "logs" / "cups-error_log");
  const std::string tag = "[Job " + std::to_string(job) + "] ";
  std::string out;
  for (auto at = log.find(tag, from); at != std::string::npos; at = log.find(tag, at + 1)) {
    const auto begin = log.rfind('\n', at) + 1;
    out += log.substr(begin, log.find('\n', at) - begin + 1);
  }
  return out;
}

/// How often cupsd started the backend for CUPS job `job` (since `from`).
int backend_starts(Chain& chain, std::size_t from, std::int64_t job) {
  const std::string log = job_log(chain, from, job);
  int n = 0;
  for (auto at = log.find("Started backend"); at != std::string::npos;
       at = log.find("Started backend", at + 1))
    ++n;
  return n;
}

/// What must hold after an interrupted print and the next card.
/// `resent`: CUPS sent the job a second time (else the station cancelled it first).
void check_after(Chain& chain, std::int64_t attempt, const daemon::CardRunReport& report,
                 std::size_t log_from, bool resent = true) {
  INFO("outcome " << daemon::to_string(report.outcome) << " " << report.code << ": "
                  << report.message);
  const std::string job_id = chain.citizens.begin()->second.job_id;
  MESSAGE("the interrupted card's run: " << daemon::to_string(report.outcome) << " "
                                         << report.code);
  // Good only when the card path showed the card out after its print; else in doubt.
  if (report.outcome == CardRunOutcome::good) {
    CHECK(chain.job_state(job_id) == spool::JobState::done);
  } else {
    CHECK(report.outcome == CardRunOutcome::in_doubt);
    CHECK(chain.job_state(job_id) == spool::JobState::blocked);
  }
  // The gate refused CUPS's second send of the job.
  std::optional<std::int64_t> cups_job;
  {
    std::lock_guard guard(chain.lock);
    auto a = chain.spool->attempts().get(attempt);
    REQUIRE_OK(a);
    CHECK(a->permit_used);
    cups_job = a->cups_job_id;
  }
  REQUIRE(cups_job.has_value());
  // The station may know the card is out (from the card path) before CUPS has sent the
  // job again: wait, bounded, for the second send and the gate's refusal.
  // The second send ends one of two ways, both without a second face: the gate refuses
  // it (the permit is used), or the station, having seen the pause before the resend,
  // cancels the job while the second gate is still asking.
  std::string log = job_log(chain, log_from, *cups_job);
  const auto second_send_ended = [&] {
    return log.find("no valid print permit") != std::string::npos ||
           (backend_starts(chain, log_from, *cups_job) == 2 &&
            log.find("Canceled by") != std::string::npos);
  };
  for (int i = 0; resent && i < 300 && !second_send_ended(); ++i) {
    std::this_thread::sleep_for(100ms);
    log = job_log(chain, log_from, *cups_job);
  }
  if (resent) {
    CHECK_MESSAGE(backend_starts(chain, log_from, *cups_job) == 2, log);
    CHECK_MESSAGE(second_send_ended(),
                  "the second send was neither refused by the gate nor cancelled:\n"
                      << log);
  } else {
    CHECK_MESSAGE(backend_starts(chain, log_from, *cups_job) == 1, log);
  }

  // One face for the attempt, one card in the tray for it, no second attempt.
  CHECK(chain.witness_count("faces_printed") == 1);
  CHECK(chain.witness_count("faces_verified") == 1);
  CHECK(chain.witness_count("tray_job.ektp-attempt-" + std::to_string(attempt)) == 1);
  CHECK(chain.witness_count("counter") == 1);

  // The next card prints once.
  const auto next = chain.run_next();
  REQUIRE_MESSAGE(next.outcome == CardRunOutcome::good, next.code << ": " << next.message);
  CHECK(next.attempt_id != attempt);
  CHECK(chain.witness_count("faces_printed") == 2);
  CHECK(chain.witness_count("faces_verified") == 2);
  CHECK(chain.witness_count("tray_job.ektp-attempt-" + std::to_string(next.attempt_id)) == 1);
  CHECK(chain.witness_count("tray_job.ektp-attempt-" + std::to_string(attempt)) == 1);

  // The ledger balances and its feeds are the printer's counter.
  chain.require_ledger_ok();
  {
    std::lock_guard guard(chain.lock);
    auto balances = spool::ledger::balances(chain.spool->db());
    REQUIRE_OK(balances);
    using spool::ledger::Bucket;
    const auto fed = (*balances)[Bucket::issued] + (*balances)[Bucket::spoiled] +
                     (*balances)[Bucket::in_card_path];
    CHECK(fed == chain.witness_count("counter"));
    CHECK((*balances)[Bucket::in_hopper] == chain.witness_count("hopper"));
  }
  CHECK(chain.station->counter().expected == 2u);

  // Nothing of a face or a permit placeholder (its token) is in cupsd's files or logs
  // once CUPS is done with the jobs. The station knows a card is out from the card path,
  // before the stock ipp backend's completion poll tells cupsd (a second or more), so
  // the last job's placeholder (its token already used) may still be there for a moment.
  const fs::path cups_spool = fs::path(chain.env.dir()) / "cups" / "spool";
  const auto documents_left = [&] {
    for (const auto& entry : fs::directory_iterator(cups_spool))
      if (entry.path().filename().string().starts_with("d")) return true;
    return false;
  };
  for (int i = 0; i < 300 && documents_left(); ++i) std::this_thread::sleep_for(100ms);
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(chain.env.dir()) / "cups"))
    if (entry.is_regular_file()) files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(fs::path(chain.env.dir()) / "logs"))
    if (entry.is_regular_file() && entry.path().filename().string().starts_with("cups-"))
      files.push_back(entry.path());
  for (const auto& file : files) {
    const std::string content = read_all(file);
    CHECK_MESSAGE(content.find("%PDF-") == std::string::npos, "a PDF is in " << file);
    CHECK_MESSAGE(content.find("EKTP-PERMIT") == std::string::npos,
                  "a permit placeholder is in " << file);
  }
}

TEST_CASE(
    "cupsd killed while the card is printed and restarted: its second send is refused, one "
    "face, the attempt not printed again") {
  Chain chain(3, 2);
  SlowPrinter slow(chain, "4");
  const std::size_t log_from =
      read_all(fs::path(chain.env.dir()) / "logs" / "cups-error_log").size();
  const std::string restart =
      "EKTP_RIG_DIR='" + chain.env.dir() + "' '" +
      (fs::path(test::source_dir()) / "tools" / "rig" / "restart-cupsd").string() + "'";
  std::string down = "0";
  SUBCASE("restarted at once") {}
  // Long enough for the station to find cupsd gone (it waits for it to come back).
  SUBCASE("down for 2 s") { down = "2"; }
  std::int64_t attempt = 0;
  const auto report = run_interrupted(
      chain, [&] { CHECK(std::system((restart + " --down " + down).c_str()) == 0); }, attempt);
  check_after(chain, attempt, report, log_from);
}

TEST_CASE(
    "the queue paused and resumed while the card is printed: the job's second send is "
    "refused, one face, the attempt not printed again") {
  Chain chain(3, 2);
  SlowPrinter slow(chain, "4");
  const std::size_t log_from =
      read_all(fs::path(chain.env.dir()) / "logs" / "cups-error_log").size();
  const std::string queue = chain.env.at("EKTP_CUPS_QUEUE");
  std::int64_t attempt = 0;
  const auto report = run_interrupted(
      chain,
      [&] {
        // As an operator's pause and resume: CUPS stops the job's backend, puts the job
        // back to pending and starts the backend again. The spool is held meanwhile (the
        // station's run and its permit service wait), so that the station cannot cancel
        // the job before CUPS has sent it again: the gate's refusal is what is tested.
        std::lock_guard guard(chain.lock);
        auto a = chain.spool->attempts().get(attempt);
        REQUIRE_OK(a);
        REQUIRE(a->cups_job_id.has_value());
        CHECK(std::system(("cupsdisable " + queue + " && cupsenable " + queue).c_str()) == 0);
        const auto deadline = std::chrono::steady_clock::now() + kDeadline;
        while (backend_starts(chain, log_from, *a->cups_job_id) < 2 &&
               std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(20ms);
        }
      },
      attempt);
  check_after(chain, attempt, report, log_from);
}

TEST_CASE(
    "the queue paused while the card is printed and left paused: the station settles the "
    "card from the printer, one face, nothing left for CUPS to send again") {
  Chain chain(3, 2);
  SlowPrinter slow(chain, "4");
  const std::size_t log_from =
      read_all(fs::path(chain.env.dir()) / "logs" / "cups-error_log").size();
  const std::string queue = chain.env.at("EKTP_CUPS_QUEUE");
  std::int64_t attempt = 0;
  const auto report = run_interrupted(
      chain, [&] { CHECK(std::system(("cupsdisable " + queue).c_str()) == 0); }, attempt);
  // The run has ended with the queue still paused: the job was cancelled, so resuming
  // the queue sends nothing.
  REQUIRE(std::system(("cupsenable " + queue).c_str()) == 0);
  check_after(chain, attempt, report, log_from, false);
}

}  // namespace
}  // namespace ektp::chain
