#include "tools/foundation_demo/gate_print.hpp"

#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "daemon/spool_permit_authority.hpp"
#include "drivers/common/clock.hpp"
#include "drivers/printer/cups_queue.hpp"
#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/permit_service.hpp"
#include "spool/attempts.hpp"
#include "spool/jobs.hpp"

namespace ektp::demo {

namespace {

// The demo's one attempt, recorded through the spool's API up to chip_locked.
Result<std::int64_t> locked_attempt(spool::Jobs& jobs, spool::Attempts& attempts,
                                    const std::string& chip_serial) {
  spool::NewJob job;
  job.id = "00000000-0000-4000-8000-00000000de00";
  job.content_hash.assign(32, 0x11);
  job.pickup_date = "2024-02-01";
  job.bundle_ref = "demo";
  job.nik_hash.assign(32, 0x22);
  if (auto accepted = jobs.accept(job); !accepted) return accepted.error();
  auto claim = jobs.claim_next();
  if (!claim) return claim.error();
  if (!claim->has_value()) return fail("demo.no_claim", "The demo's job could not be claimed.");
  const std::int64_t attempt = (*claim)->attempt_id;
  using A = spool::AttemptState;
  for (A step : {A::feeding, A::in_encoder, A::chip_writing, A::chip_locked}) {
    if (auto r = attempts.advance(attempt, step); !r) return r.error();
    if (step == A::chip_writing)
      if (auto r = attempts.record_chip(attempt, chip_serial, "demo"); !r) return r.error();
  }
  return attempt;
}

}  // namespace

Result<GatePrint> print_through_gate(const test::RigEnv& rig, const std::string& queue,
                                     const std::filesystem::path& spool_dir,
                                     const std::string& chip_serial,
                                     const std::vector<std::uint8_t>& face_pdf) {
  std::filesystem::remove_all(spool_dir);
  std::filesystem::create_directories(spool_dir);
  spool::OpenOptions options;
  options.path = spool_dir / "spool.db";
  options.station_id = "station-demo";
  auto db = spool::Database::open(options);
  if (!db) return db.error();
  SystemClock clock;
  spool::Jobs jobs(*db, clock);
  spool::Attempts attempts(*db, clock);
  auto attempt = locked_attempt(jobs, attempts, chip_serial);
  if (!attempt) return attempt.error();
  auto token = attempts.issue_permit(*attempt);
  if (!token) return token.error();

  std::mutex spool_lock;
  daemon::SpoolPermitAuthority authority(
      attempts, spool_lock,
      [&face_pdf](std::int64_t) -> Result<std::vector<std::uint8_t>> { return face_pdf; });
  printer::PermitServerOptions server_options;
  server_options.socket_path = rig.at("EKTP_GATE_SOCKET");
  auto server = printer::PermitServer::start(authority, server_options);
  if (!server) return server.error();

  GatePrint out;
  out.job_name = printer::permit::job_title(*attempt);
  // The placeholder is the only document CUPS gets: the token, never the face.
  const auto placeholder = spool_dir / "placeholder";
  std::ofstream(placeholder, std::ios::binary)
      << printer::permit::format_placeholder({*attempt, *token});
  auto job = printer::submit_document(queue, placeholder.string(), out.job_name,
                                      "application/vnd.cups-raw");
  std::filesystem::remove(placeholder);
  if (!job) return job.error();
  out.cups_job = *job;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    auto status = printer::job_status(queue, *job);
    if (!status && status.error().code != "printer.job_missing") return status.error();
    if (!status || status->finished()) break;
    if (std::chrono::steady_clock::now() > deadline)
      return fail("demo.timeout", "CUPS did not finish the job within 60 s.");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::lock_guard guard(spool_lock);
  auto record = attempts.get(*attempt);
  if (!record) return record.error();
  out.permit_used = record->permit_used;
  return out;
}

}  // namespace ektp::demo
