#pragma once
/// One card, from a claimed attempt to a card in the tray (or a spoiled blank, or a
/// question for an operator): the station's pipeline for a single job.
///
///   feed a blank          spool: start_feeding (ledger feed), committed first
///   chip in the encoder   spool: in_encoder, chip_writing; the personalizer writes,
///                         reads back, locks; spool: record_chip, chip_locked
///   face released         spool: issue_permit (committed), then the placeholder is
///                         submitted held and released; the gate uses the permit
///   card out              the card path says it is out: spool card_out, finish
///
/// Every spool call is one transaction committed before the physical step it announces
/// (attempts.hpp). What the printer says is decided in one place (print_outcome.hpp);
/// CUPS's job state alone never decides a card.
///
/// The printer's card counter is read around every card: it must move by exactly the
/// blanks the station fed (one per feed). Any other movement (a double feed, a card
/// taken by someone else, a counter reset) is `count_mismatch`: the run stops until an
/// operator has counted the cards (stocktake).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "chip/personalizer.hpp"
#include "daemon/face_print_path.hpp"
#include "drivers/printer/card_transport.hpp"
#include "spool/spool.hpp"

namespace ektp::daemon {

/// Writes the chip of the card at the encoder (bound to the encoder's reader: PcscReader
/// + chip::personalize; tests bind a card simulator).
using ChipWriter = std::function<chip::PersoOutcome(const chip::PersoJob&)>;

/// The job's chip content, prepared from its verified bundle (in memory only).
using PersoJobSource = std::function<Result<chip::PersoJob>(const spool::JobRecord&)>;

/// The devices and data one card needs.
struct CardRunParts {
  spool::Spool& spool;
  std::mutex& spool_lock;  ///< held around every spool call (the permit service shares it)
  printer::CardTransport& transport;
  ChipWriter write_chip;
  PersoJobSource perso_job;
  FacePrintPath& print;
  /// Told what the printer waits for while a card is being printed (say it to the
  /// operator); may be empty.
  std::function<void(printer::PrintVerdict)> on_waiting;
};

struct CardRunOptions {
  /// Tries at the chip of one card when the personalizer says retry or interrupted.
  int chip_tries = 3;
  /// How long a job may show no change while printing (not while waiting for the
  /// operator), or CUPS may not answer (cupsd down or restarting), before the station
  /// gives up on it.
  std::chrono::milliseconds print_stall = std::chrono::minutes{5};
  /// One wait for news from CUPS.
  std::chrono::milliseconds observe_step{100};
  /// Fresh submissions when CUPS ended a job before the face was sent.
  int print_tries = 2;
};

/// What became of the card.
enum class CardRunOutcome {
  good,            ///< the card is in the tray, the job done
  spoiled,         ///< the blank was spoiled (reason in the report); the job is queued
                   ///< again or failed at its attempt limit: go on with the next job
  waiting,         ///< nothing moved (the attempt abandoned, the blank back in the
                   ///< hopper's count): the printer needs the operator (report says what)
  in_doubt,        ///< nobody can say whether a face is on the card: the job is blocked
                   ///< for an operator; go on with the next job
  queue_broken,    ///< the print queue cannot print: stop until it is fixed
  count_mismatch,  ///< the printer's counter disagrees with the station's: stop, stocktake
  failed,          ///< the station could not record a step (the spool said no): stop
};

std::string_view to_string(CardRunOutcome outcome);

struct CardRunReport {
  CardRunOutcome outcome = CardRunOutcome::failed;
  std::int64_t attempt_id = 0;
  std::string code;     ///< the cause's code, e.g. "printer.hopper_empty", "" when good
  std::string message;  ///< for the operator (no personal data)
  /// good: from the release of the print job to the station knowing the card is out
  /// (the printer's print time included); for the log and the benchmark.
  std::chrono::microseconds release_to_out{0};
};

/// The printer's card counter as the station last saw it (kept across cards).
struct CounterWatch {
  std::optional<std::uint64_t> expected;  ///< unset until the first card
};

/// Runs `claim`'s attempt to its end: from claimed (a new card), or from chip_locked (a
/// card at the encoder whose print was given up on, its permit withdrawn). Never throws.
CardRunReport run_card(CardRunParts& parts, const spool::Claim& claim, CounterWatch& counter,
                       const CardRunOptions& options = {});

}  // namespace ektp::daemon
