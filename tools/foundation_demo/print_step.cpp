#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "drivers/printer/cups_queue.hpp"
#include "tests/support/card_pdf.hpp"
#include "tools/foundation_demo/steps.hpp"

namespace ektp::demo {

bool print_step(const test::RigEnv& rig, const std::filesystem::path& out) {
  rig.export_var("CUPS_SERVER");
  const std::string queue = rig.at("EKTP_CUPS_QUEUE");
  std::printf("== Printer: a CR80 page through cupsd to the card printer (queue '%s')\n",
              queue.c_str());

  auto state = printer::check_queue(queue);
  if (!state) {
    std::printf("   FAIL %s\n", state.error().message.c_str());
    return false;
  }
  std::printf("   ok   queue %s, %s\n", state->enabled() ? "enabled" : "paused",
              state->accepting ? "accepting jobs" : "not accepting jobs");

  const auto pdf = (out / "demo-page.pdf").string();
  test::write_card_pdf(pdf, "EKTP-STATION DEMO");
  const std::string sha = test::sha256_file(pdf);
  auto job = printer::submit_document(queue, pdf, "ektp-demo", "application/pdf");
  if (!job) {
    std::printf("   FAIL %s\n", job.error().message.c_str());
    return false;
  }
  std::printf("   ok   CUPS job %d submitted\n", *job);

  // The rig's cupsd keeps no job history (no personal data stays in CUPS): a
  // finished job is forgotten at once, so "job missing" after the submit means
  // CUPS is done with it. CUPS's word is not the card's outcome anyway.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto status = printer::job_status(queue, *job);
    if (!status && status.error().code == "printer.job_missing") break;
    if (!status) {
      std::printf("   FAIL %s\n", status.error().message.c_str());
      return false;
    }
    if (status->finished()) {
      if (status->state != printer::JobState::completed) {
        std::printf("   FAIL CUPS ended the job as %s\n",
                    std::string(printer::to_string(status->state)).c_str());
        return false;
      }
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      std::printf("   FAIL the job did not finish within 60 s\n");
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::printf("   ok   CUPS is done with the job (it sent the data; the printer's log decides)\n");

  // The printer simulator's witness log: one line per document it received.
  const auto log = std::filesystem::path(rig.at("EKTP_PRINTER_STATE")) / "received.log";
  std::ifstream in(log);
  bool seen = false;
  for (std::string line; std::getline(in, line);)
    seen = seen || line.find(sha) != std::string::npos;
  std::printf("   %s the printer received the same bytes (sha256 %.16s...)\n",
              seen ? "ok  " : "FAIL", sha.c_str());
  std::filesystem::copy_file(log, out / "printer-received.log",
                             std::filesystem::copy_options::overwrite_existing);
  return seen;
}

}  // namespace ektp::demo
