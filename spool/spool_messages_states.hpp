#pragma once
/// Catalogue of the spool's messages for people, part 5: what a job's or a card
/// attempt's state means (describe() in states.cpp returns these English texts) and the
/// refusals of a state change. Mechanism: drivers/common/message_template.hpp;
/// translations: po/id.po.

#include <string>

#include "drivers/common/language.hpp"
#include "drivers/common/message_template.hpp"
#include "spool/states.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- job states: read after "The job is ..." ---

inline constexpr Template<0> job_queued{N_("waiting to be printed")};
inline constexpr Template<0> job_claimed{N_("taken by a printer")};
inline constexpr Template<0> job_printing{N_("being printed")};
inline constexpr Template<0> job_held{N_("held by an operator")};
inline constexpr Template<0> job_blocked{N_("blocked until an operator checks its card")};
inline constexpr Template<0> job_done{N_("printed (card good)")};
inline constexpr Template<0> job_failed{N_("failed")};
inline constexpr Template<0> job_cancelled{N_("cancelled")};
inline constexpr Template<0> job_rejected{N_("rejected at intake")};

// --- card attempt states: read after "The card attempt is ..." ---

inline constexpr Template<0> attempt_claimed{N_("claimed")};
inline constexpr Template<0> attempt_feeding{N_("feeding a blank")};
inline constexpr Template<0> attempt_in_encoder{N_("in the encoder")};
inline constexpr Template<0> attempt_chip_writing{N_("writing the chip")};
inline constexpr Template<0> attempt_chip_locked{N_("chip verified and locked")};
inline constexpr Template<0> attempt_permit_issued{N_("face released to the printer")};
inline constexpr Template<0> attempt_permit_used{N_("printing the face")};
inline constexpr Template<0> attempt_card_out{N_("out of the printer")};
inline constexpr Template<0> attempt_done{N_("a good card")};
inline constexpr Template<0> attempt_spoiled{N_("spoiled")};
inline constexpr Template<0> attempt_abandoned{N_("released before a blank was fed")};
inline constexpr Template<0> attempt_voided{N_("voided for a reprint")};
inline constexpr Template<0> attempt_to_recover{N_("interrupted, to be recovered")};
inline constexpr Template<0> attempt_in_doubt{N_("in doubt, waiting for an operator")};

/// describe(state) in the current language.
template <class State>
std::string state_text(State state) {
  return i18n::translate(std::string(describe(state)).c_str());
}

// --- refused state changes (states) ---

inline constexpr Template<2> job_cannot_become{N_(
    // TRANSLATORS: {0} is a job state above, {1} another one.
    "The job is {0}; it cannot become {1} from there.")};
inline constexpr Template<1> new_job_cannot_become{N_(
    // TRANSLATORS: {0} is a job state above.
    "The job is new; it cannot become {0} from there.")};
inline constexpr Template<2> attempt_cannot_go{N_(
    // TRANSLATORS: {0} is a card attempt state above, {1} another one.
    "The card attempt is {0}; it cannot go to '{1}' from there.")};
inline constexpr Template<1> new_attempt_cannot_go{N_(
    // TRANSLATORS: {0} is a card attempt state above.
    "The card attempt is new; it cannot go to '{0}' from there.")};

}  // namespace ektp::spool::texts
