#pragma once
/// Every state of a job and of an attempt, and every allowed transition, in one place.
///
/// A job is one accepted bundle; an attempt is one physical try at a card for it.
/// jobs.cpp, attempts.cpp and recovery.cpp change a state only through these tables
/// (check_job_transition / check_attempt_transition), each change in one transaction
/// committed before the physical step it announces.
///
///   job:     (intake) -> queued -> claimed -> printing -> done
///            queued <-> held; queued/held -> cancelled; (intake) -> rejected;
///            printing -> queued (spoiled, retry) | failed (limit) | blocked (in doubt);
///            blocked -> done | queued | failed (operator); done -> queued (void + reprint)
///   attempt: claimed -> feeding -> in_encoder -> chip_writing -> chip_locked
///            -> permit_issued -> permit_used -> card_out -> done
///            permit_issued -> chip_locked (an unused permit withdrawn; a fresh one follows)
///            any step from feeding to card_out -> spoiled; claimed -> abandoned;
///            feeding -> abandoned (unfeed: the printer fed nothing after all);
///            feeding..chip_locked -> to_recover; permit_issued..card_out -> in_doubt;
///            done -> voided (void + reprint)

#include <optional>
#include <span>
#include <string_view>

#include "drivers/common/result.hpp"

namespace ektp::spool {

enum class JobState {
  queued,     ///< waiting for a printer (Proses)
  claimed,    ///< taken by the pipeline; no blank fed yet
  printing,   ///< an attempt is under way
  held,       ///< held by an operator; skipped by claim-next
  blocked,    ///< an attempt is in doubt; only an operator unblocks it
  done,       ///< one good card (Selesai)
  failed,     ///< attempt limit reached (Gagal)
  cancelled,  ///< by an operator or by central (Gagal, with the reason)
  rejected,   ///< refused at intake (Ditolak)
};

enum class AttemptState {
  claimed,        ///< made by claim-next; nothing physical yet
  feeding,        ///< a blank is being fed (it left the hopper)
  in_encoder,     ///< the card sits in the contactless encoder
  chip_writing,   ///< the chip is being written
  chip_locked,    ///< chip read back, matched the signed hashes, locked
  permit_issued,  ///< face released to the printer (single-use permit issued)
  permit_used,    ///< the CUPS backend used the permit: the face is being printed
  card_out,       ///< the card left the printer
  done,           ///< a good card
  spoiled,        ///< the blank is spoiled (reason recorded)
  abandoned,      ///< released before any blank was fed, or its feed undone (unfeed)
  voided,         ///< a good card voided for an authorised reprint
  to_recover,     ///< interrupted before the permit: the pipeline settles it
  in_doubt,       ///< interrupted after the permit: an operator settles it
};

/// One allowed change; `from` empty = a new record (intake, claim).
template <class State>
struct Transition {
  std::optional<State> from;
  State to;
  std::string_view name;  ///< for people and logs, e.g. "card good"
};

using JobTransition = Transition<JobState>;
using AttemptTransition = Transition<AttemptState>;

/// The tables (in states.cpp).
std::span<const JobTransition> job_transitions();
std::span<const AttemptTransition> attempt_transitions();

/// All states, in declaration order (for tests and status counts).
std::span<const JobState> all_job_states();
std::span<const AttemptState> all_attempt_states();

/// Database spelling of a state (e.g. "chip_locked").
std::string_view to_string(JobState s);
std::string_view to_string(AttemptState s);
/// Parses the database spelling; empty for an unknown word.
std::optional<JobState> parse_job_state(std::string_view text);
std::optional<AttemptState> parse_attempt_state(std::string_view text);
/// A short description for people (e.g. "chip verified and locked").
std::string_view describe(JobState s);
std::string_view describe(AttemptState s);

/// True when the state ends the job (a tombstone is written).
bool is_final(JobState s);
/// True when the attempt is over (no physical step follows).
bool is_final(AttemptState s);

/// The transition from -> to, or an Error "spool.transition_refused" saying what the
/// job or attempt is doing now and why it cannot go there.
Result<JobTransition> check_job_transition(std::optional<JobState> from, JobState to);
Result<AttemptTransition> check_attempt_transition(std::optional<AttemptState> from,
                                                   AttemptState to);

}  // namespace ektp::spool
