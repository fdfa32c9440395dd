#include "daemon/card_run.hpp"

#include <exception>
#include <thread>
#include <utility>

namespace ektp::daemon {

namespace {

using printer::CardEvidence;
using printer::PermitEvidence;
using printer::PrintCause;
using printer::PrintOutcome;
using printer::PrintVerdict;
using spool::AttemptState;
using Clock = std::chrono::steady_clock;

/// The ledger's spoil reason for what the personalizer said.
spool::ledger::SpoilReason ledger_reason(chip::SpoilReason reason) {
  switch (reason) {
    case chip::SpoilReason::chip_unreadable:
      return spool::ledger::SpoilReason::chip_unreadable;
    case chip::SpoilReason::verify_failed:
      return spool::ledger::SpoilReason::verify_failed;
    case chip::SpoilReason::lock_failed:
      return spool::ledger::SpoilReason::lock_failed;
    case chip::SpoilReason::write_failed:
    case chip::SpoilReason::none:
      break;
  }
  return spool::ledger::SpoilReason::write_failed;
}

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

class Run {
 public:
  Run(CardRunParts& parts, const spool::Claim& claim, CounterWatch& counter,
      const CardRunOptions& options)
      : p_(parts), claim_(claim), counter_(counter), o_(options), id_(claim.attempt_id) {}

  CardRunReport go();

 private:
  template <class F>
  auto with_spool(F&& f) {
    std::lock_guard lock(p_.spool_lock);
    return f(p_.spool);
  }

  CardRunReport report(CardRunOutcome outcome, std::string code = {}, std::string message = {}) {
    return {outcome, id_, std::move(code), std::move(message)};
  }
  CardRunReport report(CardRunOutcome outcome, const Error& error) {
    return report(outcome, error.code, error.message);
  }
  /// Nothing was fed: the attempt is abandoned and the job waits in the queue.
  CardRunReport not_fed(CardRunOutcome outcome, const Error& why);
  /// The blank is spoiled (committed first), then sent to the reject bin.
  CardRunReport spoil(spool::ledger::SpoilReason reason, const std::string& detail,
                      CardRunOutcome outcome = CardRunOutcome::spoiled, Error why = {});

  CardRunReport feed();
  CardRunReport write_chip();
  CardRunReport print();
  /// Follows one released job to its verdict.
  Result<PrintVerdict> follow(int job);
  /// The attempt's permit as the spool knows it.
  PermitEvidence permit_evidence();
  /// Where the card is once CUPS is done with its job.
  CardEvidence card_after_job(const printer::PrintObservation& seen);
  /// Gives up on a job CUPS may still have: cancels it, then withdraws the permit when it
  /// was never used (the attempt is back at chip_locked, the card at the encoder) or
  /// holds the attempt for an operator when it was.
  CardRunReport give_up(int job, CardRunOutcome outcome, const Error& why);
  CardRunReport in_doubt(const std::string& why);

  CardRunParts& p_;
  const spool::Claim& claim_;
  CounterWatch& counter_;
  const CardRunOptions& o_;
  std::int64_t id_;
  std::optional<chip::PersoJob> perso_;
};

CardRunReport Run::go() {
  // An attempt whose chip is locked (its print given up on earlier, the permit
  // withdrawn) goes on with the card at the encoder.
  auto attempt = with_spool([&](spool::Spool& s) { return s.attempts().get(id_); });
  if (!attempt) return report(CardRunOutcome::failed, attempt.error());
  if (attempt->state == AttemptState::chip_locked) return print();
  if (attempt->state != AttemptState::claimed) {
    return report(CardRunOutcome::failed,
                  fail("station.attempt_state",
                       "The station cannot go on with this card from where it stopped. "
                       "Restart the station; recovery settles it."));
  }
  // The chip's content first: a job whose data cannot be prepared moves no blank.
  auto perso = p_.perso_job(claim_.job);
  if (!perso) return not_fed(CardRunOutcome::failed, perso.error());
  perso_ = std::move(*perso);

  if (auto fed = feed(); fed.outcome != CardRunOutcome::good) return fed;
  if (auto written = write_chip(); written.outcome != CardRunOutcome::good) return written;
  return print();
}

CardRunReport Run::not_fed(CardRunOutcome outcome, const Error& why) {
  auto released = with_spool([&](spool::Spool& s) { return s.release_attempt(id_, why.code); });
  if (!released) return report(CardRunOutcome::failed, released.error());
  return report(outcome, why);
}

CardRunReport Run::spoil(spool::ledger::SpoilReason reason, const std::string& detail,
                         CardRunOutcome outcome, Error why) {
  auto spoiled = with_spool([&](spool::Spool& s) {
    return s.spoil(id_, spool::SpoilCause{reason, detail});
  });
  if (!spoiled) return report(CardRunOutcome::failed, spoiled.error());
  if (auto rejected = p_.transport.reject(); !rejected) {
    // The spoil is recorded; the card is still in the path: the operator takes it out.
    return report(CardRunOutcome::waiting, rejected.error());
  }
  if (why.code.empty()) why = Error{"card.spoiled", detail};
  return report(outcome, why);
}

CardRunReport Run::feed() {
  auto status = p_.transport.status();
  if (!status) return not_fed(CardRunOutcome::waiting, status.error());
  if (status->jammed || status->card_in_path) {
    return not_fed(CardRunOutcome::waiting,
                   fail("printer.card_in_path",
                        "A card is still in the printer. Take it out and put it with the "
                        "spoiled cards, then continue."));
  }
  if (status->cover_open) {
    return not_fed(CardRunOutcome::waiting,
                   fail("printer.cover_open", waiting_message(PrintCause::cover_open)));
  }
  if (status->hopper_empty) {
    return not_fed(CardRunOutcome::waiting,
                   fail("printer.hopper_empty", waiting_message(PrintCause::hopper_empty)));
  }
  if (status->reject_bin_full) {
    return not_fed(CardRunOutcome::waiting,
                   fail("printer.reject_bin_full", waiting_message(PrintCause::reject_bin_full)));
  }
  const std::uint64_t before = status->card_counter;
  if (counter_.expected && before != *counter_.expected) {
    counter_.expected.reset();
    return not_fed(CardRunOutcome::count_mismatch,
                   fail("printer.count_mismatch",
                        "The printer's card counter moved while the station fed nothing (" +
                            std::to_string(before - std::min(before, *counter_.expected)) +
                            " card(s) unaccounted for). Count the blank cards (stocktake) "
                            "before printing goes on."));
  }

  // The ledger's feed is committed before the blank moves.
  auto started = with_spool([&](spool::Spool& s) { return s.start_feeding(id_); });
  if (!started) {
    const bool empty = started.error().code == "ledger.hopper_empty";
    return not_fed(empty ? CardRunOutcome::waiting : CardRunOutcome::failed, started.error());
  }
  auto fed = p_.transport.feed();
  auto after = p_.transport.status();
  if (!after) {
    // Whether a blank moved is unknown: the counter decides at the next card.
    counter_.expected.reset();
    return report(CardRunOutcome::count_mismatch, after.error());
  }
  const std::uint64_t moved = after->card_counter - std::min(after->card_counter, before);
  counter_.expected = after->card_counter;

  if (!fed && moved == 0) {
    // Nothing left the hopper (empty at feed time, cover opened...): the blank the
    // ledger moved to the card path goes back.
    auto unfed = with_spool([&](spool::Spool& s) { return s.unfeed(id_, fed.error().code); });
    if (!unfed) return report(CardRunOutcome::failed, unfed.error());
    return report(CardRunOutcome::waiting, fed.error());
  }
  if (moved != 1) {
    return spoil(spool::ledger::SpoilReason::double_feed,
                 "the printer took " + std::to_string(moved) + " blanks for one card",
                 CardRunOutcome::count_mismatch,
                 fail("printer.count_mismatch",
                      "The printer took " + std::to_string(moved) +
                          " blank cards for one card; they are in the reject bin. Count the "
                          "blank cards (stocktake) before printing goes on."));
  }
  if (!fed) {
    if (fed.error().code == "printer.jam") {
      return spoil(spool::ledger::SpoilReason::jam, "jammed at feed", CardRunOutcome::spoiled,
                   fed.error());
    }
    return spoil(spool::ledger::SpoilReason::damaged, "the encoder did not take the card",
                 CardRunOutcome::spoiled, fed.error());
  }
  auto in_encoder =
      with_spool([&](spool::Spool& s) { return s.advance(id_, AttemptState::in_encoder); });
  if (!in_encoder) return report(CardRunOutcome::failed, in_encoder.error());
  return report(CardRunOutcome::good);
}

CardRunReport Run::write_chip() {
  auto writing =
      with_spool([&](spool::Spool& s) { return s.advance(id_, AttemptState::chip_writing); });
  if (!writing) return report(CardRunOutcome::failed, writing.error());

  chip::PersoOutcome outcome;
  for (int attempt = 0; attempt < o_.chip_tries; ++attempt) {
    outcome = p_.write_chip(*perso_);
    if (!outcome.serial.empty()) {
      std::string uid;
      static constexpr char kHex[] = "0123456789ABCDEF";
      for (std::uint8_t b : outcome.uid) {
        uid += kHex[b >> 4];
        uid += kHex[b & 15];
      }
      auto recorded =
          with_spool([&](spool::Spool& s) { return s.record_chip(id_, outcome.serial, uid); });
      if (!recorded) return report(CardRunOutcome::failed, recorded.error());
    }
    if (outcome.result != chip::PersoResult::retry &&
        outcome.result != chip::PersoResult::interrupted) {
      break;
    }
  }
  switch (outcome.result) {
    case chip::PersoResult::good:
      break;
    case chip::PersoResult::already_locked:
      if (outcome.same_job == true) break;  // finished earlier with this job's data
      return spoil(spool::ledger::SpoilReason::damaged, "the blank was already personalized",
                   CardRunOutcome::spoiled, outcome.detail);
    case chip::PersoResult::spoiled:
      return spoil(ledger_reason(outcome.reason), chip::to_string(outcome.reason),
                   CardRunOutcome::spoiled, outcome.detail);
    case chip::PersoResult::retry:
      return spoil(spool::ledger::SpoilReason::chip_unreadable, "the chip did not answer",
                   CardRunOutcome::spoiled, outcome.detail);
    case chip::PersoResult::interrupted:
      return spoil(spool::ledger::SpoilReason::write_failed, "writing the chip kept failing",
                   CardRunOutcome::spoiled, outcome.detail);
  }
  auto locked =
      with_spool([&](spool::Spool& s) { return s.advance(id_, AttemptState::chip_locked); });
  if (!locked) return report(CardRunOutcome::failed, locked.error());
  return report(CardRunOutcome::good);
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

}  // namespace

std::string_view to_string(CardRunOutcome outcome) {
  switch (outcome) {
    case CardRunOutcome::good:
      return "good";
    case CardRunOutcome::spoiled:
      return "spoiled";
    case CardRunOutcome::waiting:
      return "waiting";
    case CardRunOutcome::in_doubt:
      return "in_doubt";
    case CardRunOutcome::queue_broken:
      return "queue_broken";
    case CardRunOutcome::count_mismatch:
      return "count_mismatch";
    case CardRunOutcome::failed:
      return "failed";
  }
  return "failed";
}

CardRunReport run_card(CardRunParts& parts, const spool::Claim& claim, CounterWatch& counter,
                       const CardRunOptions& options) {
  try {
    return Run(parts, claim, counter, options).go();
  } catch (const std::exception& e) {
    return {CardRunOutcome::failed, claim.attempt_id, "station.internal",
            std::string("The station failed inside the card run (") + e.what() +
                "). Restart the station; the card's state is kept."};
  }
}

}  // namespace ektp::daemon
