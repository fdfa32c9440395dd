#include <thread>

#include "daemon/card_run_steps.hpp"

// The print of one card: the permit, the placeholder held and released, following CUPS
// and the card path to a verdict (print_outcome.hpp), and what the station does with it.
namespace ektp::daemon::detail {

/// Words for the operator for a printer verdict that needs them.
std::string waiting_message(PrintCause cause) {
  switch (cause) {
    case PrintCause::hopper_empty:
      return "The card hopper is empty. Load blank cards into the printer; printing goes on "
             "by itself.";
    case PrintCause::ribbon_out:
      return "The printer's ribbon is used up. Put in a new ribbon; printing goes on by itself.";
    case PrintCause::cover_open:
      return "The printer's cover is open. Close it; printing goes on by itself.";
    case PrintCause::reject_bin_full:
      return "The printer's reject bin is full. Empty it; printing goes on by itself.";
    case PrintCause::offline:
      return "The card printer is offline. Check its power and cable; printing goes on by "
             "itself.";
    default:
      return "The card printer is waiting for the operator. Look at the printer's display.";
  }
}

Error queue_broken(PrintCause cause) {
  switch (cause) {
    case PrintCause::queue_paused:
      return fail("printer.queue_disabled",
                  "The card print queue was paused. Resume it (cupsenable); the card waits "
                  "in the printer and is printed then.");
    case PrintCause::wrong_backend:
      return fail("printer.queue_wrong_backend",
                  "The card print queue no longer prints through the station's gate. Ask the "
                  "administrator to set the queue up again as the station's manual says.");
    default:
      return fail("printer.queue_missing",
                  "The card print queue is gone. Ask the administrator to set it up again as "
                  "the station's manual says.");
  }
}

CardRunReport Run::print() {
  for (int tries = 0;; ++tries) {
    // The face is released: committed before the placeholder can reach the printer.
    auto token = with_spool([&](spool::Spool& s) { return s.issue_permit(id_); });
    if (!token) return report(CardRunOutcome::failed, token.error());
    auto job = p_.print.submit_held(id_, *token);
    token->fill(0);
    if (!job) {
      // CUPS has no job: the permit cannot have been used.
      auto withdrawn = with_spool([&](spool::Spool& s) { return s.withdraw_permit(id_); });
      if (!withdrawn) return report(CardRunOutcome::failed, withdrawn.error());
      return report(CardRunOutcome::queue_broken, job.error());
    }
    const auto released_at = Clock::now();
    if (auto released = p_.print.release(*job); !released) {
      return give_up(*job, CardRunOutcome::queue_broken, released.error());
    }
    auto verdict = follow(*job);
    const auto decided_at = Clock::now();
    if (!verdict) return give_up(*job, CardRunOutcome::queue_broken, verdict.error());
    if (verdict->outcome != PrintOutcome::queue_broken &&
        verdict->outcome != PrintOutcome::printing && verdict->outcome != PrintOutcome::waiting) {
      p_.print.finish(*job);
    }

    switch (verdict->outcome) {
      case PrintOutcome::printed: {
        auto out = with_spool([&](spool::Spool& s) -> Result<void> {
          if (auto moved = s.advance(id_, AttemptState::card_out); !moved) return moved;
          return s.finish(id_);
        });
        if (!out) return report(CardRunOutcome::failed, out.error());
        auto good = report(CardRunOutcome::good);
        good.release_to_out =
            std::chrono::duration_cast<std::chrono::microseconds>(decided_at - released_at);
        return good;
      }
      case PrintOutcome::failed_card:
        return spoil(verdict->cause == PrintCause::jam ? spool::ledger::SpoilReason::jam
                                                       : spool::ledger::SpoilReason::print_failed,
                     std::string(printer::to_string(verdict->cause)));
      case PrintOutcome::in_doubt:
        return in_doubt(std::string(printer::to_string(verdict->cause)));
      case PrintOutcome::not_sent: {
        // CUPS ended the job before the gate gave out the face: the permit is withdrawn
        // and the card, still at the encoder, gets a fresh one.
        auto withdrawn = with_spool([&](spool::Spool& s) { return s.withdraw_permit(id_); });
        if (!withdrawn) return report(CardRunOutcome::failed, withdrawn.error());
        if (tries + 1 < o_.print_tries) continue;
        return report(CardRunOutcome::queue_broken,
                      fail("printer.not_sent",
                           "The print queue ended the card's job without printing it, "
                           "twice. Check the print queue's settings and the printer."));
      }
      case PrintOutcome::queue_broken:
        return give_up(*job, CardRunOutcome::queue_broken, queue_broken(verdict->cause));
      case PrintOutcome::printing:
      case PrintOutcome::waiting:
        return give_up(
            *job, CardRunOutcome::in_doubt,
            fail("printer.stalled", "The card's print job made no progress. Look at the printer."));
    }
  }
}

PermitEvidence Run::permit_evidence() {
  auto attempt = with_spool([&](spool::Spool& s) { return s.attempts().get(id_); });
  if (!attempt) return PermitEvidence::unknown;
  return attempt->permit_used ? PermitEvidence::used : PermitEvidence::unused;
}

CardEvidence Run::card_after_job(const printer::PrintObservation& seen) {
  if (seen.transport) {
    // A printed card leaves the encoder; one still there never had its face.
    if (seen.transport->jammed) return CardEvidence::jammed;
    if (seen.transport->card_in_encoder) return CardEvidence::in_path;
  }
  // The face was printed (or the card is gone): eject() waits, bounded, for a card being
  // printed to come out, and answers ok for one already in the tray.
  auto ejected = p_.transport.eject();
  if (!ejected) {
    if (ejected.error().code == "printer.jam") return CardEvidence::jammed;
    if (ejected.error().code == "printer.no_card") return CardEvidence::none;
    return CardEvidence::in_path;
  }
  // Out, yet the gate never gave the face out: not a card the station printed.
  if (seen.permit != PermitEvidence::used) return CardEvidence::none;
  return CardEvidence::out;
}

Result<PrintVerdict> Run::follow(int job) {
  auto last_change = Clock::now();
  std::optional<PrintVerdict> last;
  for (;;) {
    auto seen = p_.print.observe(job, o_.observe_step);
    if (!seen) {
      // cupsd down (crashed, restarting): the job and the card are where they were. Keep
      // following, bounded like a stalled job; a restarted cupsd sends a job it was
      // printing again, and the gate refuses that send when the permit was used.
      if (seen.error().code != "printer.cups_unreachable" ||
          Clock::now() - last_change > o_.print_stall) {
        return seen.error();
      }
      std::this_thread::sleep_for(o_.observe_step);
      continue;
    }
    if (auto status = p_.transport.status()) seen->transport = *status;
    seen->permit = permit_evidence();
    const auto state = seen->job_state;
    const bool job_ended = !seen->job_known || state == printer::JobState::completed ||
                           state == printer::JobState::canceled ||
                           state == printer::JobState::aborted;
    // The card path knows first: once the gate gave the face out and the card has left
    // the path, the card is out (CUPS learns that the job is done only at its backend's
    // next completion poll, a second or more later).
    const bool left_path =
        seen->permit == PermitEvidence::used && seen->transport && !seen->transport->card_in_path;
    if (job_ended || left_path) seen->card = card_after_job(*seen);
    PrintVerdict verdict = printer::decide_outcome(*seen);
    if (verdict.outcome == PrintOutcome::queue_broken && seen->permit == PermitEvidence::used &&
        seen->card == CardEvidence::none) {
      // The queue broke (paused, say) after the gate gave the face out: the job cannot
      // print again (the gate refuses a second send), so the card path decides. A card
      // being printed comes out (printed); one still at the encoder is in doubt.
      [[maybe_unused]] auto cancelled = p_.print.cancel(job);
      seen->job_known = false;
      seen->card = card_after_job(*seen);
      verdict = printer::decide_outcome(*seen);
    }
    if (verdict.outcome != PrintOutcome::printing && verdict.outcome != PrintOutcome::waiting) {
      return verdict;
    }
    if (!last || !(*last == verdict)) {
      last = verdict;
      last_change = Clock::now();
      if (verdict.outcome == PrintOutcome::waiting && p_.on_waiting) p_.on_waiting(verdict);
    }
    if (verdict.outcome == PrintOutcome::printing && Clock::now() - last_change > o_.print_stall) {
      return verdict;
    }
  }
}

CardRunReport Run::give_up(int job, CardRunOutcome outcome, const Error& why) {
  [[maybe_unused]] auto cancelled = p_.print.cancel(job);
  // Forget the job even when CUPS could not be told (cupsd down): the next card must be
  // able to go, and a send of this job CUPS may still make is refused by the gate (its
  // permit is withdrawn or used).
  p_.print.finish(job);
  if (permit_evidence() == PermitEvidence::unused) {
    auto withdrawn = with_spool([&](spool::Spool& s) { return s.withdraw_permit(id_); });
    if (withdrawn) return report(outcome, why);
  }
  auto held = in_doubt(why.code);
  if (held.outcome == CardRunOutcome::failed) return held;
  return report(CardRunOutcome::in_doubt, why);
}

CardRunReport Run::in_doubt(const std::string& why) {
  auto held = with_spool([&](spool::Spool& s) { return s.hold_in_doubt(id_, why); });
  if (!held) return report(CardRunOutcome::failed, held.error());
  // The card stays where it is: ejecting a card still at the encoder would let a printer
  // that already holds the face print it on the next blank it takes by itself. The next
  // feed waits (a card in the path) until the operator has taken it out.
  return report(CardRunOutcome::in_doubt, "card.in_doubt",
                "Nobody can tell whether this card's face was printed (" + why +
                    "). Take the card out of the printer, check it, and settle it in the "
                    "station (good or spoiled); it is not printed again by itself.");
}

}  // namespace ektp::daemon::detail
