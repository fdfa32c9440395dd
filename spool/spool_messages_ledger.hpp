#pragma once
/// Catalogue of the spool's messages for people, part 8: the blank-card ledger's own
/// refusals (ledger). The refusals written in the schema's triggers are not here yet.
/// Mechanism: drivers/common/message_template.hpp; translations: po/id.po.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// TRANSLATORS: {0} is one of the reasons below.
inline constexpr Template<1> ledger_not_recorded{N_("{0}; nothing was recorded.")};
inline constexpr Template<0> ledger_count_positive{N_("The number of cards must be at least 1")};
inline constexpr Template<0> delivery_needs_note{N_("A delivery needs its delivery note number")};
inline constexpr Template<0> delivery_needs_operator{
    N_("A delivery needs the operator who received it")};
inline constexpr Template<0> load_needs_operator{
    N_("Loading the hopper needs the operator's name")};
inline constexpr Template<0> unfeed_needs_reason_short{
    N_("A card put back into the hopper needs a reason")};
inline constexpr Template<0> issue_needs_serial{N_("An issued card needs its chip serial")};
inline constexpr Template<0> spoil_where{
    N_("Only cards in the hopper, in the card path or issued can be spoiled")};
inline constexpr Template<0> return_needs_operator{N_("Returning cards needs the operator's name")};
inline constexpr Template<0> correct_counted_place{
    N_("Correct the place where the cards were counted, not the received total")};
inline constexpr Template<0> correction_zero{N_("A correction of zero cards changes nothing")};
inline constexpr Template<0> stocktake_needs_two{
    N_("A stocktake needs two different people: the operator who counted and a supervisor who "
       "approves it")};
inline constexpr Template<0> count_not_negative{
    N_("A counted number of cards cannot be below zero")};
inline constexpr Template<1> ledger_unknown_place{N_(
    // TRANSLATORS: {0} is a place name as stored (keep it).
    "The blank-card ledger names an unknown place for cards ({0}). Report this fault.")};
inline constexpr Template<1> counts_mismatch{N_(
    // TRANSLATORS: {0} is a list of the lines below, one per place for cards.
    "The blank-card counts do not match the recorded movements.{0} Stop printing, count the "
    "cards and report this to the supervisor.")};
inline constexpr Template<3> count_line{N_(
    // TRANSLATORS: one line of the list above, starting with a space: {0} is a place name
    // as stored (keep it), {1} and {2} numbers of cards.
    " {0}: shown {1}, movements say {2}.")};

}  // namespace ektp::spool::texts
