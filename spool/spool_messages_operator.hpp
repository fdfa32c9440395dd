#pragma once
/// Catalogue of the spool's messages for people, part 7: the spool's front (spool,
/// spool_bundles: job data and the storage key), the operator's actions (spool_operator)
/// and decisions on interrupted or doubtful cards (recovery). Mechanism:
/// drivers/common/message_template.hpp; translations: po/id.po. Job ids, attempt numbers
/// and chip serials are not personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- job data and the storage key (spool_bundles, spool) ---

inline constexpr Template<0> no_storage_key{
    N_("The spool was opened without the station's storage key, so job data cannot be stored "
       "or read. Restart the station through its service (it loads the key).")};
inline constexpr Template<0> wrong_storage_key{
    N_("The storage key given to the station is not the one this spool's job data was sealed "
       "with, so no job could be read. Nothing was changed. Give the station its original key "
       "(credential or key file); do not delete the spool.")};
inline constexpr Template<0> batch_too_large{
    N_("At most 100 bundles are accepted in one step; the station software passed more (report "
       "it).")};
inline constexpr Template<1> bundle_hash_mismatch{N_(
    // TRANSLATORS: {0} is a job id.
    "The job bundle {0} was refused: its content hash does not match its content. This is a "
    "fault in the station software; report it.")};
inline constexpr Template<0> new_job_unsealed{
    N_("Internal error: a new job without its sealed data.")};
inline constexpr Template<1> bundle_erased{N_(
    // TRANSLATORS: {0} is a job id.
    "The personal data of job {0} was erased after it was finished; only its record is kept. A "
    "new card needs a new job from central.")};
inline constexpr Template<1> no_bundle{N_(
    // TRANSLATORS: {0} is a job id.
    "Job {0} has no job data stored at this station.")};
// TRANSLATORS: {0} is a job id, {1} the error's own message.
inline constexpr Template<2> job_error{N_("Job {0}: {1}")};
inline constexpr Template<0> feed_wrong_call{
    N_("Feeding a blank is recorded with its card movement (start_feeding); the station "
       "software used the wrong call (report it).")};

// --- the operator's actions (spool_operator) ---

inline constexpr Template<0> handover_needs_operator{
    N_("A handover needs the operator's name; log in and try again.")};
inline constexpr Template<2> handover_not_done{N_(
    // TRANSLATORS: {0} is a job id, {1} a job state as stored (keep it).
    "The card of job {0} is not a finished good card (the job is {1}): only a good card can "
    "be handed over.")};
inline constexpr Template<1> already_handed_over{N_(
    // TRANSLATORS: {0} is a job id.
    "The card of job {0} was already handed over; nothing was changed.")};
inline constexpr Template<0> login_to_spoil_hopper{
    N_("Log in to record spoiled cards from the hopper.")};

// --- interrupted and doubtful cards (recovery) ---

inline constexpr Template<2> serial_mismatch{N_(
    // TRANSLATORS: {0} is the scanned chip serial, {1} the recorded one.
    "The scanned chip serial {0} is not the one recorded for this card attempt ({1}): it is "
    "another card. Scan the card that came out for this attempt.")};
inline constexpr Template<0> serial_never_read{
    N_("The chip serial of this card was never read. Scan the card's chip and enter its serial "
       "number to declare the card good, or declare it spoiled.")};
inline constexpr Template<0> resume_where{
    N_("An interrupted attempt resumes in the encoder or with its chip locked only.")};
inline constexpr Template<1> not_to_recover{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "This card attempt is {0}, not waiting for recovery.")};
inline constexpr Template<0> login_to_decide{N_("Log in to decide about a card in doubt.")};
inline constexpr Template<1> nothing_to_decide{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "This card attempt is {0}; there is nothing to decide.")};

}  // namespace ektp::spool::texts
