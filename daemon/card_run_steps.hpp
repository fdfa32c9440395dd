#pragma once
// The card run's steps (card_run.hpp), shared by card_run.cpp (feed and chip) and
// card_run_print.cpp (the print and its verdict). Internal to the daemon library.

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include "daemon/card_run.hpp"

namespace ektp::daemon::detail {

using printer::CardEvidence;
using printer::PermitEvidence;
using printer::PrintCause;
using printer::PrintOutcome;
using printer::PrintVerdict;
using spool::AttemptState;
using Clock = std::chrono::steady_clock;

/// Words for the operator when the printer waits for them.
std::string waiting_message(PrintCause cause);
/// The error for a print queue that cannot print.
Error queue_broken(PrintCause cause);

/// One attempt's run: each step commits its spool transaction before the physical step.
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

}  // namespace ektp::daemon::detail
