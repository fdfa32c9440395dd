#include "drivers/printer/print_outcome.hpp"

#include <initializer_list>

namespace ektp::printer {
namespace {

/// cupsd refreshes printer-state-reasons only while a job runs (the backend copies the
/// printer's): before this job has run they may be an earlier job's (a cover closed
/// since still reads cover-open-report), so they count once the job is past held/pending.
bool printer_reasons_current(const PrintObservation& seen) {
  return !seen.job_known ||
         (seen.job_state != JobState::held && seen.job_state != JobState::pending);
}

bool any_prefix(const PrintObservation& seen, std::initializer_list<std::string_view> prefixes) {
  const bool printer = printer_reasons_current(seen);
  for (std::string_view prefix : prefixes)
    if ((printer && has_reason_prefix(seen.printer_reasons, prefix)) ||
        has_reason_prefix(seen.job_reasons, prefix))
      return true;
  return false;
}

bool job_ended(const PrintObservation& seen) {
  return !seen.job_known || seen.job_state == JobState::canceled ||
         seen.job_state == JobState::aborted || seen.job_state == JobState::completed;
}

/// Rules 9-13: what the operator must do before the printer can go on, if anything.
std::optional<PrintCause> waiting_cause(const PrintObservation& seen) {
  const TransportStatus* t = seen.transport ? &*seen.transport : nullptr;
  if ((t && t->cover_open) || any_prefix(seen, {"cover-open", "door-open", "interlock-open"}))
    return PrintCause::cover_open;
  if ((t && t->hopper_empty) || any_prefix(seen, {"media-empty", "media-needed"}))
    return PrintCause::hopper_empty;
  if ((t && t->ribbon_percent == 0) || any_prefix(seen, {"toner-empty", "marker-supply-empty"}))
    return PrintCause::ribbon_out;
  if (t && t->reject_bin_full) return PrintCause::reject_bin_full;
  if (any_prefix(seen, {"offline"})) return PrintCause::offline;
  return std::nullopt;
}

}  // namespace

bool has_reason_prefix(const std::vector<std::string>& reasons, std::string_view prefix) {
  for (const auto& reason : reasons)
    if (std::string_view(reason).substr(0, prefix.size()) == prefix) return true;
  return false;
}

PrintVerdict decide_outcome(const PrintObservation& seen) {
  using O = PrintOutcome;
  using C = PrintCause;
  // 1-4: the card path's word first; CUPS's job state never says a card is out.
  if (seen.card == CardEvidence::out) return {O::printed, C::none};
  if (seen.card == CardEvidence::jammed || (seen.transport && seen.transport->jammed))
    return {O::failed_card, C::jam};
  if (seen.card == CardEvidence::rejected) return {O::failed_card, C::card_rejected};
  if (any_prefix(seen, {"media-jam"})) return {O::failed_card, C::jam};
  // 5-6: CUPS is done with the job (or forgot it) and the card path did not say out.
  if (job_ended(seen)) {
    if (seen.permit == PermitEvidence::unused) return {O::not_sent, C::job_ended_unsent};
    return {O::in_doubt, C::job_ended_without_card};
  }
  // 7-8: the job cannot go on through this queue.
  if (!seen.queue_exists) return {O::queue_broken, C::queue_missing};
  if (!seen.queue_backend_ok) return {O::queue_broken, C::wrong_backend};
  if (seen.queue_state == PrinterState::stopped) return {O::queue_broken, C::queue_paused};
  // 9-13: the printer waits for the operator.
  if (auto cause = waiting_cause(seen)) return {O::waiting, *cause};
  // 14-15: in progress.
  if (seen.job_state == JobState::held) return {O::printing, C::held};
  return {O::printing, C::none};
}

std::string_view to_string(PrintOutcome outcome) {
  switch (outcome) {
    case PrintOutcome::printing:
      return "printing";
    case PrintOutcome::printed:
      return "printed";
    case PrintOutcome::waiting:
      return "waiting";
    case PrintOutcome::failed_card:
      return "failed_card";
    case PrintOutcome::queue_broken:
      return "queue_broken";
    case PrintOutcome::not_sent:
      return "not_sent";
    case PrintOutcome::in_doubt:
      return "in_doubt";
  }
  return "unknown";
}

std::string_view to_string(PrintCause cause) {
  switch (cause) {
    case PrintCause::none:
      return "none";
    case PrintCause::held:
      return "held";
    case PrintCause::hopper_empty:
      return "hopper_empty";
    case PrintCause::ribbon_out:
      return "ribbon_out";
    case PrintCause::cover_open:
      return "cover_open";
    case PrintCause::reject_bin_full:
      return "reject_bin_full";
    case PrintCause::offline:
      return "offline";
    case PrintCause::jam:
      return "jam";
    case PrintCause::card_rejected:
      return "card_rejected";
    case PrintCause::queue_missing:
      return "queue_missing";
    case PrintCause::queue_paused:
      return "queue_paused";
    case PrintCause::wrong_backend:
      return "wrong_backend";
    case PrintCause::job_ended_unsent:
      return "job_ended_unsent";
    case PrintCause::job_ended_without_card:
      return "job_ended_without_card";
  }
  return "unknown";
}

}  // namespace ektp::printer
