// Printing through the rig's real cupsd and ippeveprinter: a PDF submitted to the card
// queue reaches the printer's print command byte for byte, the job ends completed and
// CUPS keeps nothing of it (document, job record, title); a paused queue refuses with a
// clear message and nothing is left to print later; a document that cannot be read is
// reported as such, before anything reaches CUPS.
#include <cups/cups.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer/cups_queue.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/card_pdf.hpp"
#include "tests/support/rig_env.hpp"

namespace fs = std::filesystem;
using namespace ektp::printer;

namespace {

/// Bound on waiting for CUPS and the printer (a job takes about 1 s; this only stops a
/// broken rig from hanging the suite).
constexpr auto kDeadline = std::chrono::seconds(60);

/// The whole file at `path` ("" if it cannot be read).
std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Rig {
  ektp::test::RigEnv env;
  std::string queue = env.at("EKTP_CUPS_DIRECT_QUEUE");
  fs::path printer_state = env.at("EKTP_PRINTER_STATE");

  Rig() {
    env.export_var("CUPS_SERVER");
    // The printer's mechanics (the printer simulator) in a known state: blanks in the
    // hopper, no fault, cover closed, ribbon in. A document with no card in the path is
    // printed on a blank the printer feeds itself (tools/printersim/README.md).
    ektp::printer::SimCardTransport printer(env.at("EKTP_PRINTERSIM_CTL"));
    for (const char* line : {"clear_faults", "cover closed", "ribbon 100", "load 10"}) {
      auto done = printer.request(line);
      REQUIRE_MESSAGE(done.ok(), line << ": " << (done.ok() ? "" : done.error().message));
    }
  }

  fs::path dir = env.dir();

  std::string received_log() const { return read_file(printer_state / "received.log"); }

  /// cupsd's error log (LogLevel info).
  std::string cups_log() const { return read_file(dir / "logs" / "cups-error_log"); }

  /// Every file cupsd writes: its ServerRoot, spool, cache and state, and its logs.
  std::vector<fs::path> cups_files() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir / "cups"))
      if (entry.is_regular_file()) out.push_back(entry.path());
    for (const auto& entry : fs::directory_iterator(dir / "logs"))
      if (entry.is_regular_file() && entry.path().filename().string().rfind("cups-", 0) == 0)
        out.push_back(entry.path());
    return out;
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

  // A title found nowhere else, to look for it afterwards.
  const std::string title = "cups-print-test-" + std::to_string(std::random_device()());
  auto job = submit_document(rig.queue, pdf.path, title, "application/pdf");
  REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
  CHECK(*job > 0);

  // Wait for the printer to log the document and for CUPS to be done with the job. The
  // rig's cupsd keeps no job history: a finished job is forgotten (job_missing) at once,
  // so "completed" is seldom seen here; cupsd's log says how the job ended.
  const std::string witness = "sha256=" + pdf.sha256 + " ";
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  bool forgotten = false;
  for (;;) {
    auto status = job_status(rig.queue, *job);
    if (!status.ok()) {
      REQUIRE_MESSAGE(status.error().code == "printer.job_missing", status.error().message);
      forgotten = true;
    } else if (status->finished()) {
      CHECK(to_string(status->state) == "completed");
    }
    if (forgotten && rig.received_log().find(witness) != std::string::npos) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK_MESSAGE(forgotten, "CUPS still knows job " << *job << " (PreserveJobHistory No?)");
  CHECK_MESSAGE(
      rig.cups_log().find("[Job " + std::to_string(*job) + "] Job completed.") != std::string::npos,
      "cupsd did not log job " << *job << " as completed");

  const std::string log = rig.received_log();
  const auto line_start = log.find(witness);
  REQUIRE_MESSAGE(line_start != std::string::npos,
                  "the printer never received a document with sha256 " << pdf.sha256);
  const std::string line = log.substr(line_start, log.find('\n', line_start) - line_start);
  CHECK(line.find("size=" + std::to_string(fs::file_size(pdf.path)) + " ") != std::string::npos);
  CHECK(line.find("type=application/pdf ") != std::string::npos);
  CHECK(line.find("outcome=printed") != std::string::npos);

  // CUPS keeps nothing of the job: no document (d files: later these are card faces) and
  // no job record (c files: job name and user) in its RequestRoot (PreserveJobFiles No,
  // PreserveJobHistory No), and the title is in none of its files or logs (no page log).
  // (The simulated printer keeps its copy, named after the title, until it forgets the
  // job about a minute later: tools/rig/README.md.)
  char control[16], document[16];
  std::snprintf(control, sizeof control, "c%05d", *job);
  std::snprintf(document, sizeof document, "d%05d-", *job);
  for (const auto& file : fs::directory_iterator(rig.dir / "cups" / "spool")) {
    const std::string name = file.path().filename().string();
    CHECK_MESSAGE(name != control, file.path());
    CHECK_MESSAGE(name.rfind(document, 0) != 0, file.path());
  }
  for (const auto& file : rig.cups_files())
    CHECK_MESSAGE(read_file(file).find(title) == std::string::npos, "the title is in " << file);
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

TEST_CASE("a document that cannot be read is reported as unreadable, not as a missing queue") {
  Rig rig;
  CardPdf pdf;
  const std::string before = rig.received_log();

  auto missing = submit_document(rig.queue, (pdf.dir / "no-such.pdf").string(), "unreadable",
                                 "application/pdf");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "printer.document_unreadable");
  CHECK(missing.error().message.find("no-such.pdf") != std::string::npos);

  auto directory = submit_document(rig.queue, pdf.dir.string(), "unreadable", "application/pdf");
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.error().code == "printer.document_unreadable");

  // Nothing was submitted.
  CHECK(active_jobs(rig.queue) == 0);
  CHECK(rig.received_log() == before);
}
