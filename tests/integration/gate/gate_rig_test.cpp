// The station's CUPS backend ektp-gate in the real rig (cupsd + ippeveprinter + the
// printer simulator), with the permit service in this process backed by a real spool
// (daemon/spool_permit_authority): a placeholder with a valid permit prints the face
// byte for byte and uses the permit once; a used permit, an unknown token, a malformed
// placeholder, a job name that does not match and a service that is not listening are
// cancelled by the gate with nothing sent to the printer. Neither the face nor the
// token is left in cupsd's files or logs. A job paused mid-print and sent again by
// CUPS is refused the second time: at most one face.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "daemon/spool_permit_authority.hpp"
#include "drivers/printer/cups_queue.hpp"
#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/permit_service.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/card_pdf.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tests/unit/spool/fixture.hpp"

using namespace ektp;
using namespace std::chrono_literals;
using spool::AttemptState;
namespace fs = std::filesystem;
namespace permit = ektp::printer::permit;

namespace {

constexpr auto kDeadline = 60s;  // only stops a broken rig from hanging the suite

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct GateRig {
  test::RigEnv env;
  fs::path dir = env.dir();
  std::string queue = env.at("EKTP_CUPS_QUEUE");
  fs::path received = fs::path(env.at("EKTP_PRINTER_STATE")) / "received.log";
  fs::path work;
  // The face: a unique test card PDF (its label marks it in any file it could land in).
  std::string label = "EKTP GATE FACE " + std::to_string(std::random_device()());
  std::vector<std::uint8_t> face;
  std::string face_sha256;

  spool::test::Fixture spool;
  std::mutex spool_lock;
  daemon::SpoolPermitAuthority authority{
      spool.attempts, spool_lock,
      [this](std::int64_t) -> Result<std::vector<std::uint8_t>> { return face; }};
  std::unique_ptr<printer::PermitServer> server;
  std::vector<std::string> tokens_seen;  // hex, to look for afterwards

  GateRig() {
    env.export_var("CUPS_SERVER");
    REQUIRE_MESSAGE(!env.at("EKTP_GATE").empty(),
                    "the rig has no ektp-gate (build tools/gate before starting the rig)");
    printer::SimCardTransport sim(env.at("EKTP_PRINTERSIM_CTL"));
    for (const char* line : {"clear_faults", "cover closed", "ribbon 100", "load 10"}) {
      auto done = sim.request(line);
      REQUIRE_MESSAGE(done.ok(), line << ": " << (done.ok() ? "" : done.error().message));
    }
    work = fs::temp_directory_path() / ("ektp-gate-test-" + std::to_string(std::random_device()()));
    fs::create_directories(work);
    const auto pdf = (work / "face.pdf").string();
    test::write_card_pdf(pdf, label);
    face_sha256 = test::sha256_file(pdf);
    const std::string bytes = read_file(pdf);
    face.assign(bytes.begin(), bytes.end());
    fs::remove(pdf);
    start_service();
  }
  ~GateRig() {
    server.reset();
    std::error_code ignored;
    fs::remove_all(work, ignored);
  }

  void start_service() {
    printer::PermitServerOptions options;
    options.socket_path = env.at("EKTP_GATE_SOCKET");
    auto started = printer::PermitServer::start(authority, options);
    REQUIRE_OK(started);
    server = std::move(started).value();
  }

  /// An attempt with an issued permit, through the spool's API.
  spool::test::Fixture::Reached permitted() {
    auto r = spool.reach(AttemptState::permit_issued);
    tokens_seen.push_back(permit::token_hex(*r.token));
    return r;
  }

  /// Submits `document` as a raw job named `title`; returns the CUPS job id.
  int submit(const std::string& document, const std::string& title) {
    const auto path = work / "placeholder";
    std::ofstream(path, std::ios::binary) << document;
    auto job = printer::submit_document(queue, path.string(), title, "application/vnd.cups-raw");
    fs::remove(path);
    REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
    return *job;
  }

  /// Waits until CUPS is done with `job` (the rig's cupsd forgets finished jobs).
  void wait_done(int job) {
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    for (;;) {
      auto status = printer::job_status(queue, job);
      if (!status.ok()) {
        REQUIRE_MESSAGE(status.error().code == "printer.job_missing", status.error().message);
        return;
      }
      if (status->finished()) return;
      REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                      "CUPS job " << job << " never ended");
      std::this_thread::sleep_for(50ms);
    }
  }

  /// cupsd's error log lines about `job`.
  std::string job_log(int job) {
    const std::string log = read_file(dir / "logs" / "cups-error_log");
    const std::string tag = "[Job " + std::to_string(job) + "] ";
    std::string out;
    for (std::size_t at = log.find(tag); at != std::string::npos; at = log.find(tag, at + 1)) {
      const auto begin = log.rfind('\n', at) + 1;
      out += log.substr(begin, log.find('\n', at) - begin + 1);
    }
    return out;
  }

  /// Submits `document` and checks that the gate cancelled it with `why` in its message
  /// and that the printer received nothing.
  void expect_refused(const std::string& document, const std::string& title,
                      const std::string& why) {
    const std::string before = read_file(received);
    const int job = submit(document, title);
    wait_done(job);
    const std::string log = job_log(job);
    CHECK_MESSAGE(log.find("ektp-gate: ") != std::string::npos, "no gate message for job " << job
                                                                                           << ":\n"
                                                                                           << log);
    CHECK_MESSAGE(log.find(why) != std::string::npos, "job " << job << " log lacks '" << why
                                                             << "':\n"
                                                             << log);
    CHECK_MESSAGE(log.find("Job completed") == std::string::npos, log);
    CHECK_MESSAGE(read_file(received) == before, "the printer received a document for job " << job);
  }

  /// Every file cupsd writes (ServerRoot, spool, cache, state, temp) and its logs.
  std::vector<fs::path> cups_files() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir / "cups"))
      if (entry.is_regular_file()) out.push_back(entry.path());
    for (const auto& entry : fs::directory_iterator(dir / "logs"))
      if (entry.is_regular_file() && entry.path().filename().string().rfind("cups-", 0) == 0)
        out.push_back(entry.path());
    return out;
  }
};

}  // namespace

TEST_CASE("the gate prints a face once per permit and cancels everything else") {
  GateRig rig;
  auto queue = printer::check_queue(rig.queue);
  REQUIRE_MESSAGE(queue.ok(), (queue.ok() ? "" : queue.error().message));

  // A valid permit: the face reaches the printer byte for byte; the permit is used.
  auto r = rig.permitted();
  const std::string placeholder = permit::format_placeholder({r.attempt, *r.token});
  const std::string title = permit::job_title(r.attempt);
  const int job = rig.submit(placeholder, title);
  const std::string witness = "sha256=" + rig.face_sha256 + " ";
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (read_file(rig.received).find(witness) == std::string::npos) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                    "the face never reached the printer; job log:\n"
                        << rig.job_log(job));
    std::this_thread::sleep_for(50ms);
  }
  rig.wait_done(job);
  {
    const std::string log = read_file(rig.received);
    const auto at = log.find(witness);
    const std::string line = log.substr(at, log.find('\n', at) - at);
    CHECK(line.find("size=" + std::to_string(rig.face.size()) + " ") != std::string::npos);
    CHECK(line.find("type=application/pdf ") != std::string::npos);
    CHECK(line.find("outcome=printed") != std::string::npos);
    std::lock_guard guard(rig.spool_lock);
    auto attempt = rig.spool.attempts.get(r.attempt);
    REQUIRE_OK(attempt);
    CHECK(attempt->state == AttemptState::permit_used);
    REQUIRE(attempt->cups_job_id.has_value());
    CHECK(*attempt->cups_job_id == job);
  }
  CHECK(rig.job_log(job).find("Job completed") != std::string::npos);
  const auto faces_after_first = read_file(rig.received);

  // The same placeholder again (a re-send): the permit is used.
  rig.expect_refused(placeholder, title, "no valid print permit");

  // An unknown token for a real attempt with an issued permit; that permit stays good.
  auto other = rig.permitted();
  auto forged = *other.token;
  forged[0] ^= 0x55;
  rig.expect_refused(permit::format_placeholder({other.attempt, forged}),
                     permit::job_title(other.attempt), "no valid print permit");
  CHECK(rig.spool.attempt_state(other.attempt) == AttemptState::permit_issued);

  // Malformed placeholders: another version, a PDF instead of a placeholder, a truncated
  // one; and a job name that does not match the placeholder's attempt.
  const std::string good = permit::format_placeholder({other.attempt, *other.token});
  rig.expect_refused("EKTP-PERMIT 2\n" + good.substr(14), permit::job_title(other.attempt),
                     "no valid permit placeholder");
  rig.expect_refused(std::string(rig.face.begin(), rig.face.end()),
                     permit::job_title(other.attempt), "no valid permit placeholder");
  rig.expect_refused(good.substr(0, good.size() - 10), permit::job_title(other.attempt),
                     "no valid permit placeholder");
  rig.expect_refused(good, permit::job_title(other.attempt + 1000), "does not match");
  CHECK(rig.spool.attempt_state(other.attempt) == AttemptState::permit_issued);

  // The permit service is not listening: fail closed, the permit stays unused.
  rig.server.reset();
  rig.expect_refused(good, permit::job_title(other.attempt), "does not answer");
  CHECK(rig.spool.attempt_state(other.attempt) == AttemptState::permit_issued);

  // Back up: the permit that was never used still prints, once.
  rig.start_service();
  const int second = rig.submit(good, permit::job_title(other.attempt));
  rig.wait_done(second);
  CHECK(rig.job_log(second).find("Job completed") != std::string::npos);
  CHECK(rig.spool.attempt_state(other.attempt) == AttemptState::permit_used);
  CHECK(read_file(rig.received).size() > faces_after_first.size());

  // Nothing of the face or the tokens is in cupsd's files or logs.
  for (const auto& file : rig.cups_files()) {
    const std::string content = read_file(file);
    CHECK_MESSAGE(content.find(rig.label) == std::string::npos, "the face's text is in " << file);
    CHECK_MESSAGE(content.find("%PDF-") == std::string::npos, "a PDF is in " << file);
    for (const auto& token : rig.tokens_seen)
      CHECK_MESSAGE(content.find(token) == std::string::npos, "a permit token is in " << file);
  }
}

TEST_CASE("a job put back to pending mid-print is refused when CUPS sends it again") {
  // cupsdisable (Pause-Printer) stops the job being printed and puts it back to pending;
  // cupsenable sends it again. The permit was used by the first send: the gate cancels
  // the second, so the face reaches the printer at most once, and the attempt's permit
  // says it was used (the station settles it from the printer, never by reprinting).
  GateRig rig;
  const fs::path speed = fs::path(rig.env.at("EKTP_PRINTER_STATE")) / "seconds_per_card";
  const std::string old_speed = read_file(speed);
  std::ofstream(speed) << "5\n";  // long enough for the job to be in flight when paused
  struct Restore {
    const fs::path& speed;
    const std::string& old_speed;
    const std::string& queue;
    ~Restore() {
      std::ofstream(speed) << (old_speed.empty() ? std::string("0.2\n") : old_speed);
      (void)std::system(("cupsenable " + queue).c_str());
    }
  } restore{speed, old_speed, rig.queue};

  // Attempt ids restart with each test's spool: count only what the printer receives now.
  const std::size_t received_before = read_file(rig.received).size();
  auto r = rig.permitted();
  const int job =
      rig.submit(permit::format_placeholder({r.attempt, *r.token}), permit::job_title(r.attempt));
  // The gate redeemed the permit: the face is on its way.
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  for (;;) {
    {
      std::lock_guard guard(rig.spool_lock);
      auto a = rig.spool.attempts.get(r.attempt);
      REQUIRE_OK(a);
      if (a->permit_used) break;
    }
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "the gate never redeemed");
    std::this_thread::sleep_for(20ms);
  }
  auto in_flight = printer::job_status(rig.queue, job);
  REQUIRE_MESSAGE(in_flight.ok(), "the job ended before it could be paused");
  REQUIRE(in_flight->state == printer::JobState::processing);
  REQUIRE(std::system(("cupsdisable " + rig.queue).c_str()) == 0);
  // Back to pending (or held) while the queue is paused.
  for (;;) {
    auto s = printer::job_status(rig.queue, job);
    REQUIRE_MESSAGE(s.ok(), "CUPS dropped the job when the queue was paused");
    if (s->state == printer::JobState::pending || s->state == printer::JobState::held) break;
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                    "job state " << to_string(s->state));
    std::this_thread::sleep_for(20ms);
  }
  REQUIRE(std::system(("cupsenable " + rig.queue).c_str()) == 0);
  rig.wait_done(job);
  const std::string log = rig.job_log(job);
  CHECK_MESSAGE(log.find("no valid print permit") != std::string::npos,
                "the second send was not refused by the gate:\n"
                    << log);
  // Let the printer finish the card it may be printing (a card in its path), then count
  // the faces it received for the job.
  const std::string name = "job=" + permit::job_title(r.attempt) + " ";
  for (;;) {
    printer::SimCardTransport sim(rig.env.at("EKTP_PRINTERSIM_CTL"));
    auto status = sim.status();
    REQUIRE_OK(status);
    if (!status->card_in_path) break;
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline + kDeadline, "printer busy");
    std::this_thread::sleep_for(100ms);
  }
  const std::string received = read_file(rig.received).substr(received_before);
  std::size_t faces = 0;
  for (auto at = received.find(name); at != std::string::npos; at = received.find(name, at + 1))
    ++faces;
  CHECK(faces <= 1);
  std::lock_guard guard(rig.spool_lock);
  auto a = rig.spool.attempts.get(r.attempt);
  REQUIRE_OK(a);
  CHECK(a->state == AttemptState::permit_used);
  CHECK(*a->cups_job_id == job);
}
