#pragma once
/// The one place where the station decides what became of a card being printed.
///
/// decide_outcome() is a pure function of what the caller observed: CUPS's word on the
/// queue and the job (CupsDriver::observe() fills it), the card transport's status and
/// its word on the card, and the permit record. CUPS alone never decides the card:
/// "completed" only means the data was sent (a jammed card's job is completed too),
/// "canceled" can be a card that printed, and CUPS forgets finished jobs at once
/// (PreserveJobHistory No) or loses them in a crash. So:
///
///   precedence  observation                                   outcome       cause
///   1  card path says the card is out (after its print)       printed       none
///   2  card path says jammed, or transport status jammed      failed_card   jam
///   3  card path says rejected (the printer refused it)       failed_card   card_rejected
///   4  a printer or job reason starts with media-jam          failed_card   jam
///   5  job ended or unknown to CUPS, permit never used        not_sent      job_ended_unsent
///   6  job ended or unknown to CUPS, otherwise                in_doubt      job_ended_without_card
///   7  queue missing / device-uri not the station's backend   queue_broken  queue_missing /
///   wrong_backend 8  queue paused (printer-state stopped)                   queue_broken
///   queue_paused 9  cover/door/interlock open (transport or reason)        waiting cover_open
///  10  hopper empty (transport, media-empty/media-needed)     waiting       hopper_empty
///  11  ribbon out (transport 0 %, toner-empty, marker-supply-empty) waiting ribbon_out
///  12  reject bin full (transport)                            waiting       reject_bin_full
///  13  printer offline (reason offline)                       waiting       offline
///  14  job held (not released yet)                            printing      held
///  15  otherwise (pending, processing, stopped job)           printing      none
///
/// Reasons are matched by prefix: CUPS and printers add -report, -warning or -error
/// (`media-empty-report` when idle, `media-empty-warning` during a job). The printer's
/// reasons (printer_reasons) count only once the job is past held/pending: cupsd
/// refreshes them only while a job runs, so before that they may be stale (a cover
/// closed since an earlier job still reads `cover-open-report`); the job's own reasons
/// and the card transport's status always count. A queue that
/// does not accept new jobs still prints the jobs it has: that is for the next submit
/// (check_station_queue() refuses it), not a verdict on the card in flight.
///
/// How the pipeline uses it: after every change CupsDriver::wait_for_change() reports,
/// fill `transport` (CardTransport::status()) and decide. When CUPS says the job ended,
/// call CardTransport::eject() first (it waits, bounded, for the printed card to come
/// out): on success set `card = out`; then decide. `in_doubt` means software cannot
/// know whether a face was printed: hold the attempt for an operator, never reprint.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/printer/card_transport.hpp"
#include "drivers/printer/cups_queue.hpp"

namespace ektp::printer {

/// The card path's word on this attempt's card (from the CardTransport calls).
enum class CardEvidence {
  none,      ///< no word (no transport, or not asked yet)
  in_path,   ///< still in the printer (at the encoder or being printed)
  out,       ///< in the output tray after its face was printed (eject() succeeded)
  jammed,    ///< stuck in the path
  rejected,  ///< refused by the printer / moved to the reject bin as bad
};

/// The permit record's word: did the station's backend take this attempt's face?
enum class PermitEvidence {
  unknown,  ///< not known (no permit service in this setup)
  unused,   ///< the backend never asked for the face: no byte of it left the station
  used,     ///< the backend took the face (it may or may not be on a card)
};

/// Everything decide_outcome() looks at. Defaults describe a healthy queue and a held job.
struct PrintObservation {
  // The station's queue (Get-Printer-Attributes).
  bool queue_exists = true;
  bool queue_accepting = true;   ///< informative only (see the header comment)
  bool queue_backend_ok = true;  ///< device-uri uses the station's backend
  PrinterState queue_state = PrinterState::idle;
  std::vector<std::string> printer_reasons;  ///< printer-state-reasons, "none" left out

  // The job (Get-Job-Attributes).
  bool job_known = true;  ///< false: CUPS has no such job (forgotten once done, or lost)
  JobState job_state = JobState::held;
  std::vector<std::string> job_reasons;  ///< job-state-reasons, "none" left out

  // The card path and the permit record (filled by the pipeline).
  std::optional<TransportStatus> transport;  ///< CardTransport::status(), when asked
  CardEvidence card = CardEvidence::none;
  PermitEvidence permit = PermitEvidence::unknown;
};

/// What became of the card, in a few words the pipeline acts on.
enum class PrintOutcome {
  printing,      ///< in progress (held, queued or printing): keep following
  printed,       ///< the card is out: done
  waiting,       ///< the printer needs the operator (load, close, refill, reconnect)
  failed_card,   ///< the blank is spoiled (jam, rejected): reject it, count it spoiled
  queue_broken,  ///< the queue cannot print (missing, paused, wrong backend): stop, fix
  not_sent,      ///< CUPS ended the job before the face was sent: the blank is still good
  in_doubt,      ///< nobody can say whether a face is on the card: hold for an operator
};

/// Why, for the message and the log (never personal data).
enum class PrintCause {
  none,
  held,
  hopper_empty,
  ribbon_out,
  cover_open,
  reject_bin_full,
  offline,
  jam,
  card_rejected,
  queue_missing,
  queue_paused,
  wrong_backend,
  job_ended_unsent,
  job_ended_without_card,
};

/// The decision: an outcome and its cause.
struct PrintVerdict {
  PrintOutcome outcome = PrintOutcome::printing;
  PrintCause cause = PrintCause::none;
  friend bool operator==(const PrintVerdict&, const PrintVerdict&) = default;
};

/// Decides the card's outcome from `seen` by the table in this header. Pure.
PrintVerdict decide_outcome(const PrintObservation& seen);

/// True when one of `reasons` starts with `prefix`.
bool has_reason_prefix(const std::vector<std::string>& reasons, std::string_view prefix);

/// "printing", "printed", ... (for logs and tests).
std::string_view to_string(PrintOutcome outcome);
/// "none", "held", "hopper_empty", ... (for logs and tests).
std::string_view to_string(PrintCause cause);

}  // namespace ektp::printer
