#pragma once
/// Catalogue of the spool's messages for people, part 6: jobs (intake, hold, release,
/// cancel, claim) and card attempts (steps, print permit, good or spoiled card, reprint).
/// Mechanism: drivers/common/message_template.hpp; translations: po/id.po. Job ids and
/// attempt numbers are not personal data; states come from spool_messages_states.hpp.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- jobs (jobs) ---

inline constexpr Template<1> bad_job{N_(
    // TRANSLATORS: {0} is one of the reasons below.
    "The job bundle was refused: {0}. This is a fault at the central office; report it there.")};
// TRANSLATORS: the reasons below complete "The job bundle was refused: ...".
inline constexpr Template<0> job_id_not_uuid{N_("its job id is not a UUID")};
inline constexpr Template<0> content_hash_size{N_("its content hash is not 32 bytes")};
inline constexpr Template<0> nik_hash_size{N_("its NIK hash is not 32 bytes")};
inline constexpr Template<0> pickup_not_date{N_("its pickup date is not a date")};
inline constexpr Template<0> no_stored_bundle{N_("it has no stored bundle")};
inline constexpr Template<2> cannot_cancel{N_(
    // TRANSLATORS: {0} is a job id, {1} one of the reasons below.
    "Job {0} cannot be cancelled: {1}.")};
// TRANSLATORS: the reasons below complete "Job ... cannot be cancelled: ...".
inline constexpr Template<0> cancel_already_printed{N_("its card was already printed")};
inline constexpr Template<0> cancel_being_printed{
    N_("its card is being printed (or waits for an operator's check); cancel it after the card "
       "is finished or spoiled")};
// TRANSLATORS: {0} is a job state such as "cancelled".
inline constexpr Template<1> cancel_already_state{N_("it is already {0}")};
inline constexpr Template<2> job_finished{N_(
    // TRANSLATORS: {0} is a job id, {1} the job's final state as stored.
    "Job {0} was already finished at this station ({1}); this bundle is refused so that no "
    "second card is printed.")};
inline constexpr Template<1> conflicting_bundle{N_(
    // TRANSLATORS: {0} is a job id.
    "A different bundle for job {0} is already in the spool; the new one was refused and the "
    "job kept as it was. Report this to the central office.")};
inline constexpr Template<0> login_to_hold{N_("Log in to hold a job.")};
inline constexpr Template<0> login_to_release{N_("Log in to release a job.")};
inline constexpr Template<2> job_not_held{N_(
    // TRANSLATORS: {0} is a job id, {1} a job state.
    "Job {0} is {1}, not held; there is nothing to release.")};
inline constexpr Template<0> cancel_needs_two{
    N_("Cancelling a job needs the operator and a supervisor to log in.")};
inline constexpr Template<0> cancel_same_approver{
    N_("Cancelling a job needs a second person: the approver must be someone other than the "
       "operator.")};
inline constexpr Template<0> restored_store{
    N_("The spool was restored from a backup: no card is printed until an operator has counted "
       "the blank cards (stocktake).")};

// --- card attempts (attempts) ---

inline constexpr Template<1> permit_refused{N_(
    // TRANSLATORS: {0} is one of the reasons below.
    "The card face was not sent to the printer: {0}. No second face is ever printed for one "
    "chip; if a card is missing, spoil this attempt and let the job be printed again.")};
// TRANSLATORS: the reasons below complete "The card face was not sent to the printer: ...".
inline constexpr Template<0> permit_not_ours{N_("the print permit is not one this station issued")};
inline constexpr Template<0> permit_other_attempt{
    N_("the print permit belongs to another card attempt")};
inline constexpr Template<0> permit_already_used{N_("the print permit was already used")};
// TRANSLATORS: {0} is the error's own message.
inline constexpr Template<1> permit_not_waiting{
    N_("the card attempt is no longer waiting for its face ({0})")};
inline constexpr Template<1> not_a_plain_step{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "'{0}' is not a plain step of a card attempt; the station software used the wrong call "
    "(report it).")};
inline constexpr Template<1> chip_details_fixed{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "The card attempt is already {0}; its chip details cannot change.")};
inline constexpr Template<0> unfeed_needs_reason{
    N_("A card put back into the hopper needs a reason (what the printer reported).")};
inline constexpr Template<1> release_only_unfed{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "The card attempt is {0}; only an attempt whose blank was not fed yet can be released.")};
inline constexpr Template<1> unfeed_only_feeding{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "The card attempt is {0}; only a card being fed can be put back into the hopper.")};
inline constexpr Template<1> permit_used_kept{N_(
    // TRANSLATORS: {0} is a card attempt number.
    "The print permit of card attempt {0} was already used: the face may be on the card, so it "
    "is never withdrawn or issued again.")};
inline constexpr Template<1> good_only_out{N_(
    // TRANSLATORS: {0} is a card attempt state.
    "The card attempt is {0}; only a card out of the printer can be declared good.")};
inline constexpr Template<0> spoil_needs_reason{
    N_("A spoiled card needs a reason (for the destruction report).")};
inline constexpr Template<0> attempt_in_doubt_recovery{
    N_("This card attempt is in doubt: an operator decides what happened to its card "
       "(recovery).")};
inline constexpr Template<0> reprint_needs_two{
    N_("A reprint needs the operator and a supervisor to log in.")};
inline constexpr Template<0> reprint_same_approver{
    N_("A reprint needs a second person: the approver must be someone other than the "
       "operator.")};
inline constexpr Template<0> reprint_needs_reason{N_("A reprint needs a reason.")};
inline constexpr Template<2> void_only_printed{N_(
    // TRANSLATORS: {0} is a job id, {1} a job state.
    "Job {0} is {1}; only a printed card can be voided.")};
inline constexpr Template<1> reprint_erased{N_(
    // TRANSLATORS: {0} is a job id.
    "Job {0} cannot be reprinted here: its personal data was erased after it was finished. Ask "
    "the central office for a new job for this citizen.")};

}  // namespace ektp::spool::texts
