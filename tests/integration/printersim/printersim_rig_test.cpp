// The printer simulator in the real rig: a blank fed through the printer's card path
// appears on the "EKTP Encoder" reader through pcscd; personalized there and its face
// printed through cupsd and ippeveprinter, the simulator's own check counts a verified
// face; a face printed on a blank counts as unverified; an empty hopper gives a plain
// status at feed and CUPS shows media-empty.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "chip/openssl_util.hpp"
#include "drivers/printer/cups_queue.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "drivers/reader/pcsc_reader.hpp"
#include "tests/integration/printersim/face_pdf.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/support/rig_env.hpp"
#include "tests/unit/personalizer/perso_fixture.hpp"
#include "tools/cardsim/control_client.hpp"

using namespace ektp;
using namespace ektp::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSampleNik = "3273015708900003";  // the sample record's (job_8k)
constexpr auto kDeadline = 60s;  // only stops a broken rig from hanging the suite

struct PrinterRig {
  RigEnv rig;
  fs::path ctl = rig.at("EKTP_PRINTERSIM_CTL");
  std::string queue = rig.at("EKTP_CUPS_DIRECT_QUEUE");
  std::string encoder_reader = rig.at("EKTP_ENCODER_READER");
  printer::SimCardTransport transport{ctl};
  fs::path dir;

  PrinterRig() {
    rig.export_var("CUPS_SERVER");
    dir = fs::path(rig.dir()) / ("printersim-test-" + std::to_string(std::random_device()()));
    fs::create_directories(dir);
    // A printer in a known state: no faults, closed, ribbon and blanks in, path clear.
    for (const char* line : {"clear_faults", "cover closed", "ribbon 100", "empty_reject"})
      sim(line);
    auto s = transport.status();
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    if (s->card_in_path) REQUIRE(transport.reject().ok());
    if (s->hopper_level < 10) sim("load 20");
    // The witness's trust anchor: the test PKI's CSCA.
    const auto csca = dir / "csca.pem";
    std::ofstream(csca) << chip::pem_of(shared_pki().csca.cert.get());
    sim("trust " + csca.string());
  }
  ~PrinterRig() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  std::string sim(const std::string& line) {
    auto answer = cardsim::control_request(ctl, line);
    REQUIRE_MESSAGE(answer.ok(), line << ": " << (answer.ok() ? "" : answer.error().message));
    return *answer;
  }

  std::map<std::string, std::string> counters() {
    std::map<std::string, std::string> out;
    std::istringstream words(sim("counters"));
    for (std::string word; words >> word;) {
      const auto eq = word.find('=');
      out[word.substr(0, eq)] = word.substr(eq + 1);
    }
    return out;
  }
  long count(const std::string& key) {
    auto c = counters();
    return c.count(key) ? std::stol(c[key]) : 0;
  }

  /// Personalize the card at the encoder through pcscd with the sample job.
  void personalize() {
    reader::PcscReader rd(encoder_reader);
    auto info = rd.connect(5s);
    REQUIRE_MESSAGE(info.ok(), (info.ok() ? "" : info.error().message));
    const chip::Transmit transmit = [&rd](const chip::Bytes& apdu) {
      return rd.transmit(apdu, 5s);
    };
    chip::PersoOptions options;
    options.atr = info->atr;
    const auto out = chip::personalize(job_8k(), transmit, options);
    REQUIRE_MESSAGE(out.result == chip::PersoResult::good, out.detail.message);
  }

  /// Print a face whose text is `text` through CUPS as job `title`; wait until the
  /// simulator has put a card in the tray for it.
  void print_face(const std::string& text, const std::string& title) {
    const auto pdf = dir / "face.pdf";
    write_face_pdf(pdf.string(), text);
    auto job = printer::submit_document(queue, pdf.string(), title, "application/pdf");
    REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
    fs::remove(pdf);
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (count("tray_job." + title) < 1) {
      REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                      "no card came out for " << title << ": " << sim("counters"));
      std::this_thread::sleep_for(50ms);
    }
  }
};

std::string attempt_id() { return "attempt-" + std::to_string(std::random_device()()); }

}  // namespace

TEST_CASE("a fed blank is on the encoder reader; personalized and printed, its face is verified") {
  PrinterRig p;
  const long verified = p.count("faces_verified");
  const long unverified = p.count("faces_unverified");
  const auto before = p.transport.status();
  REQUIRE(before.ok());

  REQUIRE_OK(p.transport.feed());
  auto at_encoder = p.transport.status();
  REQUIRE(at_encoder.ok());
  CHECK(at_encoder->card_in_encoder);
  CHECK(at_encoder->card_counter == before->card_counter + 1);
  CHECK(at_encoder->hopper_level == before->hopper_level - 1);

  p.personalize();  // through pcscd: the fed card is on "EKTP Encoder 00 00"
  const std::string attempt = attempt_id();
  p.print_face(std::string("NIK : ") + kSampleNik, attempt);
  CHECK(p.count("faces_verified") == verified + 1);
  CHECK(p.count("faces_unverified") == unverified);
  CHECK(p.count("tray_job." + attempt) == 1);
  REQUIRE_OK(p.transport.eject());  // "card out": it is
  CHECK_FALSE(p.transport.status()->card_in_path);
}

TEST_CASE("a face printed on a blank card counts as unverified") {
  PrinterRig p;
  const long verified = p.count("faces_verified");
  const long unverified = p.count("faces_unverified");
  REQUIRE_OK(p.transport.feed());
  p.print_face(std::string("NIK : ") + kSampleNik, attempt_id());
  CHECK(p.count("faces_unverified") == unverified + 1);
  CHECK(p.count("faces_verified") == verified);
}

TEST_CASE("a face with another NIK on a verified chip counts as on a wrong chip") {
  PrinterRig p;
  const long wrong = p.count("faces_wrong_chip");
  REQUIRE_OK(p.transport.feed());
  p.personalize();
  p.print_face("NIK : 3273015708900099", attempt_id());
  CHECK(p.count("faces_wrong_chip") == wrong + 1);
}

TEST_CASE("hopper empty: feed says so plainly, CUPS shows media-empty, a refill resumes") {
  PrinterRig p;
  p.sim("unload");
  const auto feed = p.transport.feed();
  REQUIRE_FALSE(feed.ok());
  CHECK(feed.error().code == "printer.hopper_empty");
  CHECK(feed.error().message.find("Load blank cards") != std::string::npos);
  auto status = p.transport.status();
  REQUIRE(status.ok());
  CHECK(status->hopper_empty);
  CHECK_FALSE(status->card_in_path);

  // A face sent now waits in CUPS, which shows why (the ipp backend waits for media).
  const long printed = p.count("faces_printed");
  const auto pdf = p.dir / "face.pdf";
  write_face_pdf(pdf.string(), "no card for this face yet");
  const std::string attempt = attempt_id();
  auto job = printer::submit_document(p.queue, pdf.string(), attempt, "application/pdf");
  REQUIRE_MESSAGE(job.ok(), (job.ok() ? "" : job.error().message));
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  bool media_empty = false;
  while (!media_empty && std::chrono::steady_clock::now() < deadline) {
    auto queue = printer::check_queue(p.queue);
    REQUIRE(queue.ok());
    media_empty = queue->has_reason("media-empty");
    if (!media_empty) std::this_thread::sleep_for(100ms);
  }
  CHECK_MESSAGE(media_empty, "CUPS never showed media-empty for the empty hopper");
  CHECK(p.count("faces_printed") == printed);  // nothing printed meanwhile

  // Blanks in: the waiting face prints (on a blank it fed itself: unverified), once.
  p.sim("load 10");
  while (p.count("tray_job." + attempt) < 1) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                    "the waiting face never printed: " << p.sim("counters"));
    std::this_thread::sleep_for(50ms);
  }
  CHECK(p.count("faces_printed") == printed + 1);
  bool cleared = false;
  while (!cleared && std::chrono::steady_clock::now() < deadline) {
    auto queue = printer::check_queue(p.queue);
    REQUIRE(queue.ok());
    cleared = !queue->has_reason("media-empty");
    if (!cleared) std::this_thread::sleep_for(100ms);
  }
  CHECK_MESSAGE(cleared, "CUPS still shows media-empty after the refill");
}

TEST_CASE("faults through the card path: jam, double feed, cover, ribbon out, a dead printer") {
  PrinterRig p;
  auto before = p.transport.status();
  REQUIRE(before.ok());
  const long rejected = p.count("rejected");

  // A jam at the next card: it stays in the path until rejected; the next is fine.
  p.sim("fault jam_at 1");
  auto jam = p.transport.feed();
  REQUIRE_FALSE(jam.ok());
  CHECK(jam.error().code == "printer.jam");
  auto jammed = p.transport.status();
  REQUIRE(jammed.ok());
  CHECK(jammed->jammed);
  CHECK(jammed->card_in_path);
  CHECK(p.transport.feed().error().code == "printer.jam");
  REQUIRE_OK(p.transport.reject());
  REQUIRE_OK(p.transport.feed());
  {
    reader::PcscReader rd(p.encoder_reader);
    CHECK_OK(rd.connect(5s));  // the next card is on the encoder reader
  }
  REQUIRE_OK(p.transport.reject());
  CHECK(p.count("rejected") == rejected + 2);

  // A double feed: the printer's counter moves by two for one card.
  const auto counter = p.transport.status()->card_counter;
  p.sim("fault double_feed_at 1");
  REQUIRE_OK(p.transport.feed());
  CHECK(p.transport.status()->card_counter == counter + 2);
  REQUIRE_OK(p.transport.reject());

  // Cover open: nothing moves.
  p.sim("cover open");
  CHECK(p.transport.status()->cover_open);
  CHECK(p.transport.feed().error().code == "printer.cover_open");
  p.sim("cover closed");

  // Ribbon out: a face sent prints nothing, and no blank is spent on it.
  p.sim("ribbon 0");
  CHECK(p.transport.status()->ribbon_percent == 0);
  const long printed = p.count("faces_printed");
  const long refused = p.count("prints_refused");
  const auto fed = p.transport.status()->card_counter;
  const auto pdf = p.dir / "face.pdf";
  write_face_pdf(pdf.string(), "ribbon test");
  auto job = printer::submit_document(p.queue, pdf.string(), attempt_id(), "application/pdf");
  REQUIRE(job.ok());
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (p.count("prints_refused") == refused) {
    REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline, "the print never came");
    std::this_thread::sleep_for(50ms);
  }
  CHECK(p.count("faces_printed") == printed);
  CHECK(p.transport.status()->card_counter == fed);
  p.sim("ribbon 100");

  // Dead: the printer does not answer; the transport says so.
  p.sim("fault dead");
  auto dead = p.transport.status();
  REQUIRE_FALSE(dead.ok());
  CHECK(dead.error().code == "printer.unreachable");
  CHECK(p.transport.feed().error().code == "printer.unreachable");
  p.sim("revive");
  CHECK_OK(p.transport.status());
}
