#pragma once
/// Catalogue of the printer library's messages for people, part 1: the CUPS queue, the
/// card in flight and what a print outcome means for the operator (describe()).
/// Mechanism: drivers/common/message_template.hpp; translations: po/id.po. Each message
/// says what happened and what to do; none carries personal data.

#include <string>
#include <string_view>

#include "drivers/common/message_template.hpp"
#include "drivers/printer/print_outcome.hpp"

namespace ektp::printer::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- the queue (queue_check) ---

inline constexpr Template<2> queue_wrong_backend{N_(
    // TRANSLATORS: {0} is a print queue name, {1} the station's backend name; lpadmin is
    // a command. Keep them.
    "The card printer queue '{0}' does not print through the station's gate ({1}), so "
    "the station cannot control what is printed. Ask the administrator to set the queue "
    "up again (lpadmin -p {0} -v {1}:<printer address>).")};
inline constexpr Template<1> queue_no_cr80{N_(
    // TRANSLATORS: {0} is a print queue name.
    "The card printer queue '{0}' does not offer the ID card size (CR80, 85.60 x 53.98 "
    "mm). Check that the queue is set up for the card printer, not another printer.")};

// --- the card in flight (cups_driver, cups_jobs) ---

inline constexpr Template<1> card_in_flight{N_(
    // TRANSLATORS: {0} is a print queue name.
    "A card is still being printed on '{0}'. Wait until it is finished before starting "
    "the next one.")};
inline constexpr Template<1> no_card_in_flight{N_(
    // TRANSLATORS: {0} is a print queue name.
    "No card is being printed on '{0}' right now.")};
inline constexpr Template<1> job_vanished{N_(
    // TRANSLATORS: {0} is a print queue name.
    "The print service dropped the job for this card on '{0}' before it was printed. "
    "Nothing was printed; try the card again.")};
// TRANSLATORS: a reason, shown after "printing failed on <queue>:".
inline constexpr Template<0> cups_no_job_id{N_("the print service gave no job number")};

// --- print outcomes (describe) ---

inline constexpr Template<0> printing{N_("The card is being printed.")};
inline constexpr Template<0> held{N_("The card is ready and waits for its turn to print.")};
inline constexpr Template<0> printed{N_("The card has been printed.")};
inline constexpr Template<0> hopper_empty{
    N_("The card printer has no blank cards left. Load blank cards into the hopper; "
       "printing goes on by itself.")};
inline constexpr Template<0> ribbon_out{
    N_("The card printer's ribbon is used up. Put in a new ribbon; printing goes on by "
       "itself.")};
inline constexpr Template<0> cover_open{
    N_("The card printer's cover is open. Close it; printing goes on by itself.")};
inline constexpr Template<0> reject_bin_full{
    N_("The card printer's reject bin is full. Empty it; printing goes on by itself.")};
inline constexpr Template<0> offline{
    N_("The card printer does not answer. Check that it is switched on and its cable is "
       "plugged in; printing goes on by itself.")};
inline constexpr Template<0> jam{
    N_("A card is stuck in the card printer and is spoiled. Open the printer, take the "
       "card out, put it with the spoiled cards, and close the printer.")};
inline constexpr Template<0> rejected{
    N_("The card printer refused the card and it is spoiled. Take it from the reject bin "
       "and put it with the spoiled cards.")};
inline constexpr Template<1> ended_unsent{N_(
    // TRANSLATORS: {0} is a print queue name.
    "The print service ended the job on '{0}' before the card face was sent: nothing was "
    "printed and the card is still good. Try again; if it happens again, restart the "
    "station.")};
inline constexpr Template<0> ended_without_card{
    N_("The print service says the job for this card has ended, but the printer did not "
       "report the card coming out. The station cannot tell whether the face was printed: "
       "take the card out, look at it, and tell the station what you see.")};

// --- the card transport (sim_card_transport) ---

inline constexpr Template<2> transport_unreachable{N_(
    // TRANSLATORS: {0} is a reason clause such as "no answer in time" or a system error,
    // {1} a socket path.
    "The card printer does not answer ({0} at {1}). Check that it is switched on and "
    "connected.")};
// TRANSLATORS: the reason clauses below go inside "The card printer does not answer (...)".
inline constexpr Template<0> transport_path_too_long{N_("the socket path is empty or too long")};
inline constexpr Template<0> transport_broke{N_("the connection broke")};
inline constexpr Template<0> transport_timeout{N_("no answer in time")};
inline constexpr Template<0> transport_closed{N_("the printer closed the connection")};
inline constexpr Template<0> transport_unreadable{N_("an answer it could not read")};
inline constexpr Template<0> transport_status_unreadable{
    N_("The card printer's status could not be read. Check the printer's connection.")};

/// What `verdict` means for the operator (and what to do), for the printer queue `queue`.
std::string describe(const PrintVerdict& verdict, std::string_view queue);

}  // namespace ektp::printer::texts
