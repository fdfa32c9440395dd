#include "tests/unit/daemon/fake_printer.hpp"

namespace ektp::daemon::test {

Result<void> FakePrinter::feed() {
  if (cover_open) return fail("printer.cover_open", "cover open");
  if (at_encoder || jammed) return fail("printer.card_in_path", "card in path");
  delivered = false;
  if (hopper == 0 || hopper_empties_at_feed) {
    hopper_empties_at_feed = false;
    return fail("printer.hopper_empty", "The card hopper is empty. Load blank cards.");
  }
  --hopper;
  ++counter;
  if (jam_at_feed) {
    jam_at_feed = false;
    jammed = true;
    return fail("printer.jam", "A card is jammed.");
  }
  at_encoder = true;
  if (double_feed && hopper > 0) {
    double_feed = false;
    --hopper;
    ++counter;
    ++reject_bin;  // the printer notices the second blank and rejects it
  }
  return ok();
}

Result<void> FakePrinter::eject() {
  if (jammed) return fail("printer.jam", "A card is jammed.");
  if (at_encoder) {
    at_encoder = false;
    ++tray;
    return ok();
  }
  if (delivered) {
    delivered = false;
    return ok();
  }
  return fail("printer.no_card", "no card");
}

Result<void> FakePrinter::reject() {
  if (!at_encoder && !jammed) return fail("printer.no_card", "no card");
  at_encoder = jammed = false;
  ++reject_bin;
  return ok();
}

Result<printer::TransportStatus> FakePrinter::status() {
  printer::TransportStatus s;
  s.hopper_level = hopper;
  s.hopper_empty = hopper == 0;
  s.card_in_encoder = at_encoder;
  s.card_in_path = at_encoder || jammed;
  s.jammed = jammed;
  s.cover_open = cover_open;
  s.ribbon_percent = 100;
  s.card_counter = counter;
  return s;
}

Result<int> FakePrinter::submit_held(std::int64_t attempt_id, const spool::PermitToken& token) {
  ++submissions;
  JobScript script = JobScript::print;
  if (!scripts.empty()) {
    script = scripts.front();
    scripts.pop_front();
  }
  if (script == JobScript::fail_submit) return fail("printer.cups_unreachable", "cupsd is gone");
  const int id = next_job_++;
  jobs_[id] = Job{attempt_id, token, script};
  return id;
}

Result<void> FakePrinter::release(int job_id) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return fail("printer.job_missing", "no such job");
  it->second.released = true;
  return ok();
}

void FakePrinter::run_job(int id, Job& job) {
  job.done = true;
  if (job.script == JobScript::end_unsent) return;
  if (job.script == JobScript::pause_queue) {
    job.done = false;
    queue_paused = true;
    return;
  }
  {
    // What ektp-gate does through the permit service before the first byte.
    std::lock_guard lock(lock_);
    if (!spool_.use_permit(job.attempt_id, job.token, id)) return;  // refused: never printed
  }
  if (job.script == JobScript::used_no_card) return;
  if (!at_encoder) return;  // nothing to print on
  if (job.script == JobScript::jam_in_print) {
    at_encoder = false;
    jammed = true;
    return;
  }
  ++faces;
  at_encoder = false;
  delivered = true;
  ++tray;
}

Result<printer::PrintObservation> FakePrinter::observe(int job_id, std::chrono::milliseconds) {
  printer::PrintObservation seen;
  auto it = jobs_.find(job_id);
  if (it == jobs_.end() || it->second.cancelled) {
    seen.job_known = false;  // a cupsd without job history forgets a finished job
    return seen;
  }
  Job& job = it->second;
  if (!job.released) {
    seen.job_state = printer::JobState::held;
    return seen;
  }
  if (!job.done && !queue_paused) run_job(job_id, job);
  seen.queue_state = queue_paused ? printer::PrinterState::stopped : printer::PrinterState::idle;
  if (job.done) {
    seen.job_state = job.script == JobScript::end_unsent ? printer::JobState::canceled
                                                         : printer::JobState::completed;
    if (jammed) seen.job_reasons.push_back("media-jam-error");
  } else {
    seen.job_state = printer::JobState::pending;
  }
  return seen;
}

Result<void> FakePrinter::cancel(int job_id) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end()) return fail("printer.job_missing", "no such job");
  if (!it->second.done) ++cancels;
  it->second.cancelled = true;
  return ok();
}

}  // namespace ektp::daemon::test
