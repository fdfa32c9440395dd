// Printing through the rig's real cupsd and ippeveprinter: a PDF submitted to the card
// queue reaches the printer's print command byte for byte and the job ends completed; a
// paused queue refuses with a clear message and nothing is left to print later.
#include <cups/cups.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include "drivers/printer/cups_queue.hpp"
#include "tests/support/card_pdf.hpp"
#include "tests/support/rig_env.hpp"

namespace fs = std::filesystem;
using namespace ektp::printer;

namespace {

/// Bound on waiting for CUPS and the printer (a job takes about 1 s; this only stops a
/// broken rig from hanging the suite).
constexpr auto kDeadline = std::chrono::seconds(60);

struct Rig {
  ektp::test::RigEnv env;
  std::string queue = env.at("EKTP_CUPS_QUEUE");
  fs::path printer_state = env.at("EKTP_PRINTER_STATE");

  Rig() {
    env.export_var("CUPS_SERVER");
    // The printer's mechanics in a known state: cards in the hopper, no jam.
    std::ofstream(printer_state / "hopper") << "100\n";
    fs::remove(printer_state / "jam");
  }

  std::string received_log() const {
    std::ifstream in(printer_state / "received.log");
    return {std::istreambuf_iterator<char>(in), {}};
  }

  /// Runs a CUPS admin command (e.g. "cupsdisable card") against the rig's cupsd.
  void admin(const std::string& command) const {
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
  }
};

/// A fresh, unique card PDF in a temporary directory.
struct CardPdf {
  fs::path dir;
  std::string path;
  std::string sha256;

  CardPdf() {
    std::random_device random;
    const std::string label = "EKTP TEST " + std::to_string(random());
    dir = fs::temp_directory_path() / ("ektp-cups-test-" + std::to_string(random()));
    fs::create_directories(dir);
    path = (dir / "card.pdf").string();
    ektp::test::write_card_pdf(path, label);
    sha256 = ektp::test::sha256_file(path);
  }
  ~CardPdf() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

/// Jobs CUPS still has to finish on `queue`.
int active_jobs(const std::string& queue) {
  cups_job_t* jobs = nullptr;
  const int count = cupsGetJobs2(CUPS_HTTP_DEFAULT, &jobs, queue.c_str(), 0, CUPS_WHICHJOBS_ACTIVE);
  cupsFreeJobs(count, jobs);
  return count;
}

}  // namespace

TEST_CASE("a PDF submitted to the card queue reaches the printer and the job completes") {
  Rig rig;
  CardPdf pdf;

  auto queue = check_queue(rig.queue);
  REQUIRE_MESSAGE(queue.ok(), (queue.ok() ? "" : queue.error().message));
  REQUIRE(queue->enabled());
  REQUIRE(queue->accepting);

  auto job = submit_document(rig.queue, pdf.path, "cups_print test card", "application/pdf");
  REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
  CHECK(*job > 0);

  // Wait for CUPS to finish the job and for the printer to log the document.
  const std::string witness = "sha256=" + pdf.sha256 + " ";
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  ektp::Result<JobStatus> status = ektp::fail("none", "not polled yet");
  for (;;) {
    status = job_status(rig.queue, *job);
    REQUIRE_MESSAGE(status.ok(), (status.ok() ? "" : status.error().message));
    if (status->finished() && rig.received_log().find(witness) != std::string::npos) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(to_string(status->state) == "completed");
  const std::string log = rig.received_log();
  const auto line_start = log.find(witness);
  REQUIRE_MESSAGE(line_start != std::string::npos,
                  "the printer never received a document with sha256 " << pdf.sha256);
  const std::string line = log.substr(line_start, log.find('\n', line_start) - line_start);
  CHECK(line.find("size=" + std::to_string(fs::file_size(pdf.path)) + " ") != std::string::npos);
  CHECK(line.find("type=application/pdf ") != std::string::npos);
  CHECK(line.find("outcome=printed") != std::string::npos);
  // CUPS keeps no copy of the document (PreserveJobFiles No: no d-files in its
  // RequestRoot): later these are card faces with personal data. (The simulated printer
  // deletes its copy when it forgets the job, about a minute later: tools/rig/README.md.)
  for (const auto& file : fs::directory_iterator(fs::path(rig.env.dir()) / "cups" / "spool"))
    CHECK_MESSAGE(file.path().filename().string().front() != 'd', file.path());
}

TEST_CASE("a paused card queue refuses the document with a clear message") {
  Rig rig;
  CardPdf pdf;
  rig.admin("cupsdisable " + rig.queue);
  struct Resume {
    const Rig& rig;
    ~Resume() { (void)std::system(("cupsenable " + rig.queue).c_str()); }
  } resume{rig};

  auto queue = check_queue(rig.queue);
  REQUIRE(queue.ok());
  CHECK_FALSE(queue->enabled());

  const std::string before = rig.received_log();
  auto job = submit_document(rig.queue, pdf.path, "paused queue test card", "application/pdf");
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "printer.queue_disabled");
  CHECK(job.error().message.find("is paused") != std::string::npos);
  CHECK(job.error().message.find("cupsenable " + rig.queue) != std::string::npos);

  // Nothing waits in CUPS to print once the queue is resumed, and nothing reached the
  // printer.
  CHECK(active_jobs(rig.queue) == 0);
  rig.admin("cupsenable " + rig.queue);
  auto resumed = check_queue(rig.queue);
  REQUIRE(resumed.ok());
  CHECK(resumed->enabled());
  CHECK(active_jobs(rig.queue) == 0);
  CHECK(rig.received_log() == before);
  CHECK(rig.received_log().find(pdf.sha256) == std::string::npos);
}

TEST_CASE("a queue CUPS does not know is reported as missing") {
  Rig rig;
  CardPdf pdf;
  auto queue = check_queue("no-such-queue");
  REQUIRE_FALSE(queue.ok());
  CHECK(queue.error().code == "printer.queue_missing");
  auto job = submit_document("no-such-queue", pdf.path, "missing queue", "application/pdf");
  REQUIRE_FALSE(job.ok());
  CHECK(job.error().code == "printer.queue_missing");
  CHECK(job.error().message.find("'no-such-queue' does not exist") != std::string::npos);
}

TEST_CASE("a job id CUPS does not know is reported as missing") {
  Rig rig;
  auto status = job_status(rig.queue, 999999);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().code == "printer.job_missing");
}
