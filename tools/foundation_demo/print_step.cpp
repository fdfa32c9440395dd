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
  std::printf("== Printer: a CR80 page through cupsd to the card printer (queue '%s')\n", queue.c_str());

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

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  Result<printer::JobStatus> status = fail("none", "");
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    status = printer::job_status(queue, *job);
  } while (status && !status->finished() && std::chrono::steady_clock::now() < deadline);
  if (!status || status->state != printer::JobState::completed) {
    std::printf("   FAIL job did not complete (%s)\n",
                status ? std::string(printer::to_string(status->state)).c_str()
                       : status.error().message.c_str());
    return false;
  }
  std::printf("   ok   CUPS says completed (the data was sent; the printer's own log decides)\n");

  // The printer simulator's witness log: one line per document it received.
  const auto log = std::filesystem::path(rig.at("EKTP_PRINTER_STATE")) / "received.log";
  std::ifstream in(log);
  bool seen = false;
  for (std::string line; std::getline(in, line);) seen = seen || line.find(sha) != std::string::npos;
  std::printf("   %s the printer received the same bytes (sha256 %.16s...)\n", seen ? "ok  " : "FAIL",
              sha.c_str());
  std::filesystem::copy_file(log, out / "printer-received.log",
                             std::filesystem::copy_options::overwrite_existing);
  return seen;
}

}  // namespace ektp::demo
