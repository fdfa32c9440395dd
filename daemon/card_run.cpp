#include <exception>

#include "daemon/card_run_steps.hpp"

namespace ektp::daemon {

namespace detail {

namespace {

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

}  // namespace

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

}  // namespace detail

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
    return detail::Run(parts, claim, counter, options).go();
  } catch (const std::exception& e) {
    return {CardRunOutcome::failed, claim.attempt_id, "station.internal",
            std::string("The station failed inside the card run (") + e.what() +
                "). Restart the station; the card's state is kept."};
  }
}

}  // namespace ektp::daemon