// The one table of states and transitions (see states.hpp).
#include "spool/states.hpp"

#include <array>
#include <string>

#include "spool/spool_messages_states.hpp"

namespace ektp::spool {

namespace {

using J = JobState;
using A = AttemptState;

constexpr std::array kJobStates{J::queued, J::claimed, J::printing,  J::held,    J::blocked,
                                J::done,   J::failed,  J::cancelled, J::rejected};
constexpr std::array kAttemptStates{
    A::claimed,       A::feeding,     A::in_encoder, A::chip_writing, A::chip_locked,
    A::permit_issued, A::permit_used, A::card_out,   A::done,         A::spoiled,
    A::abandoned,     A::voided,      A::to_recover, A::in_doubt};

const JobTransition kJobTransitions[] = {
    {std::nullopt, J::queued, "accepted at intake"},
    {std::nullopt, J::rejected, "rejected at intake"},
    {J::queued, J::claimed, "claimed for printing"},
    {J::claimed, J::printing, "blank fed"},
    {J::claimed, J::queued, "released: no blank was fed"},
    {J::printing, J::done, "card good"},
    {J::printing, J::queued, "card spoiled, will try again"},
    {J::printing, J::failed, "card spoiled, attempt limit reached"},
    {J::printing, J::blocked, "attempt in doubt after an interruption"},
    {J::blocked, J::done, "operator: the card is good"},
    {J::blocked, J::queued, "operator: the card is spoiled, try again"},
    {J::blocked, J::failed, "operator: the card is spoiled, attempt limit reached"},
    {J::queued, J::held, "held by an operator"},
    {J::held, J::queued, "released by an operator"},
    {J::queued, J::cancelled, "cancelled"},
    {J::held, J::cancelled, "cancelled"},
    {J::done, J::queued, "card voided, reprint approved"},
};

const AttemptTransition kAttemptTransitions[] = {
    {std::nullopt, A::claimed, "claimed"},
    {A::claimed, A::feeding, "feeding a blank"},
    {A::claimed, A::abandoned, "released before a blank was fed"},
    {A::feeding, A::abandoned, "the printer fed no blank: the card is back in the hopper"},
    {A::feeding, A::in_encoder, "card in the encoder"},
    {A::in_encoder, A::chip_writing, "writing the chip"},
    {A::chip_writing, A::chip_locked, "chip verified and locked"},
    {A::chip_locked, A::permit_issued, "print permit issued (face released)"},
    {A::permit_issued, A::permit_used, "print permit used by the printer backend"},
    {A::permit_issued, A::chip_locked, "print permit withdrawn unused (the print job ended first)"},
    {A::permit_used, A::card_out, "card out of the printer"},
    {A::card_out, A::done, "card good"},
    {A::feeding, A::spoiled, "spoiled while feeding"},
    {A::in_encoder, A::spoiled, "spoiled in the encoder"},
    {A::chip_writing, A::spoiled, "spoiled while writing the chip"},
    {A::chip_locked, A::spoiled, "spoiled after the chip was locked"},
    {A::permit_issued, A::spoiled, "spoiled before printing"},
    {A::permit_used, A::spoiled, "spoiled while printing"},
    {A::card_out, A::spoiled, "spoiled at the printer's exit"},
    {A::feeding, A::to_recover, "interrupted while feeding"},
    {A::in_encoder, A::to_recover, "interrupted in the encoder"},
    {A::chip_writing, A::to_recover, "interrupted while writing the chip"},
    {A::chip_locked, A::to_recover, "interrupted after the chip was locked"},
    {A::permit_issued, A::in_doubt, "interrupted after the face was released"},
    {A::permit_used, A::in_doubt, "interrupted while printing"},
    {A::card_out, A::in_doubt, "interrupted after the card came out"},
    {A::to_recover, A::in_encoder, "recovered: card found in the encoder"},
    {A::to_recover, A::chip_locked, "recovered: chip found verified and locked"},
    {A::to_recover, A::spoiled, "recovered: blank spoiled"},
    {A::in_doubt, A::done, "operator: the card is good"},
    {A::in_doubt, A::spoiled, "operator: the card is spoiled"},
    {A::done, A::voided, "card voided, reprint approved"},
};

template <class State, std::size_t N>
std::optional<State> parse(std::string_view text, const std::array<State, N>& all) {
  for (State s : all)
    if (to_string(s) == text) return s;
  return std::nullopt;
}

template <class State, std::size_t N>
const Transition<State>* find(const Transition<State> (&table)[N], std::optional<State> from,
                              State to) {
  for (const auto& t : table)
    if (t.from == from && t.to == to) return &t;
  return nullptr;
}

}  // namespace

std::span<const JobTransition> job_transitions() { return kJobTransitions; }
std::span<const AttemptTransition> attempt_transitions() { return kAttemptTransitions; }
std::span<const JobState> all_job_states() { return kJobStates; }
std::span<const AttemptState> all_attempt_states() { return kAttemptStates; }

std::string_view to_string(JobState s) {
  switch (s) {
    case J::queued:
      return "queued";
    case J::claimed:
      return "claimed";
    case J::printing:
      return "printing";
    case J::held:
      return "held";
    case J::blocked:
      return "blocked";
    case J::done:
      return "done";
    case J::failed:
      return "failed";
    case J::cancelled:
      return "cancelled";
    case J::rejected:
      return "rejected";
  }
  return "?";
}

std::string_view to_string(AttemptState s) {
  switch (s) {
    case A::claimed:
      return "claimed";
    case A::feeding:
      return "feeding";
    case A::in_encoder:
      return "in_encoder";
    case A::chip_writing:
      return "chip_writing";
    case A::chip_locked:
      return "chip_locked";
    case A::permit_issued:
      return "permit_issued";
    case A::permit_used:
      return "permit_used";
    case A::card_out:
      return "card_out";
    case A::done:
      return "done";
    case A::spoiled:
      return "spoiled";
    case A::abandoned:
      return "abandoned";
    case A::voided:
      return "voided";
    case A::to_recover:
      return "to_recover";
    case A::in_doubt:
      return "in_doubt";
  }
  return "?";
}

std::string_view describe(JobState s) {
  switch (s) {
    case J::queued:
      return texts::job_queued.english;
    case J::claimed:
      return texts::job_claimed.english;
    case J::printing:
      return texts::job_printing.english;
    case J::held:
      return texts::job_held.english;
    case J::blocked:
      return texts::job_blocked.english;
    case J::done:
      return texts::job_done.english;
    case J::failed:
      return texts::job_failed.english;
    case J::cancelled:
      return texts::job_cancelled.english;
    case J::rejected:
      return texts::job_rejected.english;
  }
  return "?";
}

std::string_view describe(AttemptState s) {
  switch (s) {
    case A::claimed:
      return texts::attempt_claimed.english;
    case A::feeding:
      return texts::attempt_feeding.english;
    case A::in_encoder:
      return texts::attempt_in_encoder.english;
    case A::chip_writing:
      return texts::attempt_chip_writing.english;
    case A::chip_locked:
      return texts::attempt_chip_locked.english;
    case A::permit_issued:
      return texts::attempt_permit_issued.english;
    case A::permit_used:
      return texts::attempt_permit_used.english;
    case A::card_out:
      return texts::attempt_card_out.english;
    case A::done:
      return texts::attempt_done.english;
    case A::spoiled:
      return texts::attempt_spoiled.english;
    case A::abandoned:
      return texts::attempt_abandoned.english;
    case A::voided:
      return texts::attempt_voided.english;
    case A::to_recover:
      return texts::attempt_to_recover.english;
    case A::in_doubt:
      return texts::attempt_in_doubt.english;
  }
  return "?";
}

std::optional<JobState> parse_job_state(std::string_view text) { return parse(text, kJobStates); }
std::optional<AttemptState> parse_attempt_state(std::string_view text) {
  return parse(text, kAttemptStates);
}

bool is_final(JobState s) {
  return s == J::done || s == J::failed || s == J::cancelled || s == J::rejected;
}
bool is_final(AttemptState s) {
  return s == A::done || s == A::spoiled || s == A::abandoned || s == A::voided;
}

Result<JobTransition> check_job_transition(std::optional<JobState> from, JobState to) {
  if (const auto* t = find(kJobTransitions, from, to)) return *t;
  if (!from)
    return fail("spool.transition_refused",
                texts::say(texts::new_job_cannot_become, texts::state_text(to)));
  return fail(
      "spool.transition_refused",
      texts::say(texts::job_cannot_become, texts::state_text(*from), texts::state_text(to)));
}

Result<AttemptTransition> check_attempt_transition(std::optional<AttemptState> from,
                                                   AttemptState to) {
  if (const auto* t = find(kAttemptTransitions, from, to)) return *t;
  if (!from)
    return fail("spool.transition_refused",
                texts::say(texts::new_attempt_cannot_go, texts::state_text(to)));
  return fail(
      "spool.transition_refused",
      texts::say(texts::attempt_cannot_go, texts::state_text(*from), texts::state_text(to)));
}

}  // namespace ektp::spool
