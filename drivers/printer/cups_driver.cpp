#include "drivers/printer/cups_driver.hpp"

#include <thread>
#include <utility>

#include "drivers/printer/cups_jobs.hpp"
#include "drivers/printer/print_placeholder.hpp"
#include "drivers/printer/printer_messages.hpp"

namespace ektp::printer {

CupsDriver::CupsDriver(Options options) : options_(std::move(options)) {}

Result<std::vector<int>> CupsDriver::start_up() {
  return cancel_own_unfinished_jobs(options_.queue);
}

Result<QueueFacts> CupsDriver::check_queue() const {
  return check_station_queue(options_.queue, options_.backend);
}

Result<int> CupsDriver::submit(std::int64_t attempt_id, std::string_view token) {
  if (live_)
    return fail("printer.card_in_flight", texts::say(texts::card_in_flight, options_.queue));
  auto document = make_placeholder(attempt_id, token);
  if (!document) return document.error();
  if (auto facts = check_queue(); !facts) return facts.error();
  auto id = submit_held(options_.queue, job_name(attempt_id), *document, kPlaceholderFormat);
  if (!id) return id.error();
  live_ = *id;
  return *id;
}

Result<void> CupsDriver::release() {
  if (!live_)
    return fail("printer.no_card_in_flight", texts::say(texts::no_card_in_flight, options_.queue));
  return release_job(options_.queue, *live_);
}

Result<void> CupsDriver::cancel() {
  if (!live_)
    return fail("printer.no_card_in_flight", texts::say(texts::no_card_in_flight, options_.queue));
  if (auto done = cancel_job(options_.queue, *live_); !done) return done.error();
  live_.reset();
  return ok();
}

Result<PrintObservation> CupsDriver::observe() const {
  if (!live_)
    return fail("printer.no_card_in_flight", texts::say(texts::no_card_in_flight, options_.queue));
  PrintObservation seen;
  auto facts = read_queue_facts(options_.queue);
  if (facts) {
    seen.queue_accepting = facts->state.accepting;
    seen.queue_state = facts->state.state;
    seen.printer_reasons = facts->state.reasons;
    seen.queue_backend_ok = facts->device_uri.rfind(options_.backend + ":", 0) == 0;
  } else if (facts.error().code == "printer.queue_missing") {
    seen.queue_exists = false;
  } else {
    return facts.error();
  }
  auto job = job_status(options_.queue, *live_);
  if (job) {
    seen.job_state = job->state;
    seen.job_reasons = job->reasons;
  } else if (job.error().code == "printer.job_missing") {
    seen.job_known = false;
  } else {
    return job.error();
  }
  return seen;
}

Result<PrintObservation> CupsDriver::wait_for_change(const PrintObservation& last,
                                                     std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto seen = observe();
    if (!seen || !same_cups_view(*seen, last) || std::chrono::steady_clock::now() >= deadline)
      return seen;
    std::this_thread::sleep_for(options_.poll_interval);
  }
}

bool same_cups_view(const PrintObservation& a, const PrintObservation& b) {
  return a.queue_exists == b.queue_exists && a.queue_accepting == b.queue_accepting &&
         a.queue_backend_ok == b.queue_backend_ok && a.queue_state == b.queue_state &&
         a.printer_reasons == b.printer_reasons && a.job_known == b.job_known &&
         a.job_state == b.job_state && a.job_reasons == b.job_reasons;
}

}  // namespace ektp::printer
