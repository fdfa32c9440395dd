#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "daemon/face_from_record.hpp"
#include "drivers/printer/cups_queue.hpp"
#include "drivers/printer/face_renderer.hpp"
#include "drivers/printer/sim_card_transport.hpp"
#include "tests/support/card_pdf.hpp"
#include "tools/foundation_demo/gate_print.hpp"
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

bool write_file(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

std::string command_output(const std::string& command) {
  std::string text;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    pclose(p);
  }
  return text;
}

/// The printer simulator's counters (key=value words).
std::map<std::string, long> counters_of(const std::string& text) {
  std::map<std::string, long> out;
  std::istringstream words(text);
  for (std::string w; words >> w;) {
    const auto eq = w.find('=');
    if (eq != std::string::npos) out[w.substr(0, eq)] = std::atol(w.c_str() + eq + 1);
  }
  return out;
}

/// Waits until CUPS is done with the job (the rig keeps no job history: a finished job
/// is forgotten at once). CUPS's word is never the card's outcome: the witness decides.
bool wait_cups_done(const std::string& queue, int job) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto status = printer::job_status(queue, job);
    if (!status && status.error().code == "printer.job_missing") return true;
    if (!status) return check(status, "job status");
    if (status->finished())
      return check(status->state == printer::JobState::completed,
                   "CUPS ended the job as completed");
    if (std::chrono::steady_clock::now() > deadline) return check(false, "job done within 60 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

bool face_step(const test::RigEnv& rig, const std::filesystem::path& out, const DemoJob& job) {
  std::printf("== Face: drawn from the same verified record as the chip's DG11\n");
  const auto& record = job.made.input.record;
  const auto fields =
      daemon::face_from_record(record, job.made.face_photo, job.made.input.signature_jpeg);
  if (!check(printer::check_fit(fields), "the record fits the face (nothing clipped)"))
    return false;
  auto face = printer::render_face(fields, {.pdf = true, .png = true, .png_dpi = 300});
  if (!check(face, "face rendered: CR80 landscape PDF, fonts embedded")) return false;
  const auto pdf_path = out / "face.pdf";
  if (!check(write_file(pdf_path, face->pdf) && write_file(out / "face.png", face->png),
             "face.pdf and face.png written (fake data: a demo may keep them)")) {
    return false;
  }
  const std::string text = command_output("pdftotext -q '" + pdf_path.string() + "' -");
  if (!check(
          text.find(record.nik) != std::string::npos && text.find(record.name) != std::string::npos,
          "the PDF's text holds the chip's NIK and name")) {
    return false;
  }

  rig.export_var("CUPS_SERVER");
  printer::SimCardTransport transport(rig.at("EKTP_PRINTERSIM_CTL"));
  if (!check(transport.request("trust " + (out / "pki" / "csca.pem").string()),
             "the printer's witness pins the test CSCA")) {
    return false;
  }
  // Through the station's queue and its backend ektp-gate when the rig has it (CUPS
  // holds only the print permit placeholder); else straight to the printer.
  const bool gated = !rig.at("EKTP_GATE").empty();
  const std::string queue = rig.at(gated ? "EKTP_CUPS_QUEUE" : "EKTP_CUPS_DIRECT_QUEUE");
  auto state = printer::check_queue(queue);
  std::string attempt = "demo-attempt-1";  // the CUPS job name: never personal data
  if (gated) {
    std::printf("== Print: the face through cupsd and the print permit gate onto the card\n");
    if (!check(state, "queue '" + queue + "' (" + rig.at("EKTP_GATE") + ") checked")) return false;
    auto printed = print_through_gate(rig, queue, out / "spool", job.chip_serial, face->pdf);
    if (!check(printed, "placeholder submitted to '" + queue +
                            "'; the gate redeemed its one-time permit and piped the face"))
      return false;
    attempt = printed->job_name;
    if (!check(printed->permit_used, "CUPS job " + std::to_string(printed->cups_job) + " ('" +
                                         attempt + "') done; the spool shows the permit used"))
      return false;
  } else {
    std::printf("== Print: the face through cupsd onto the card in the encoder\n");
    if (!check(state, "queue '" + queue + "' checked")) return false;
    auto cups_job = printer::submit_document(queue, pdf_path.string(), attempt, "application/pdf");
    if (!check(cups_job, "CUPS job submitted as '" + attempt + "'")) return false;
    if (!wait_cups_done(queue, *cups_job)) return false;
  }
  if (!check(transport.eject(), "card out in the output tray")) return false;

  std::printf("== Witness: what the printer simulator saw, by itself\n");
  auto raw = transport.request("counters");
  if (!check(raw, "printer counters read")) return false;
  auto c = counters_of(*raw);
  std::printf(
      "        faces_printed=%ld faces_verified=%ld faces_unverified=%ld "
      "faces_wrong_chip=%ld tray_job.%s=%ld feeds=%ld\n",
      c["faces_printed"], c["faces_verified"], c["faces_unverified"], c["faces_wrong_chip"],
      attempt.c_str(), c["tray_job." + attempt], c["feeds"]);
  bool good =
      check(c["faces_verified"] == 1 && c["faces_unverified"] == 0 && c["faces_wrong_chip"] == 0,
            "one face printed, on an activated chip whose SOD verifies and whose "
            "NIK is the face's");
  good = check(c["tray_job." + attempt] == 1 && c["feeds"] == 1,
               "one blank fed, one card in the tray for this attempt") &&
         good;
  const std::string sha = test::sha256_file(pdf_path.string());
  const auto log = std::filesystem::path(rig.at("EKTP_PRINTER_STATE")) / "received.log";
  std::ifstream in(log);
  bool seen = false;
  for (std::string line; std::getline(in, line);)
    seen = seen || line.find(sha) != std::string::npos;
  good = check(seen, "the printer received the rendered PDF byte for byte (sha256 " +
                         sha.substr(0, 16) + "...)") &&
         good;
  std::filesystem::copy_file(log, out / "printer-received.log",
                             std::filesystem::copy_options::overwrite_existing);
  return good;
}

}  // namespace ektp::demo
