#pragma once
/// Catalogue of the chip library's messages for people, part 5: talking to the card
/// (APDUs, status words) and writing it (personalizer). Mechanism:
/// drivers/common/message_template.hpp; translations: po/id.po.

#include <cstdint>

#include "drivers/common/message_template.hpp"

namespace ektp::chip::msg {

using ektp::msg::say;
using ektp::msg::Template;

// --- APDUs and hexadecimal text (apdu) ---

inline constexpr Template<2> apdu_too_long_short{
    N_("Command data of {0} bytes does not fit a short APDU (at most {1}).")};
inline constexpr Template<2> apdu_too_long_extended{
    N_("Command data of {0} bytes does not fit an extended APDU (at most {1}).")};
inline constexpr Template<1> apdu_bad_le_short{
    N_("Expected length {0} is not allowed in a short APDU.")};
inline constexpr Template<1> apdu_bad_le_extended{
    N_("Expected length {0} is not allowed in an extended APDU.")};
inline constexpr Template<0> card_no_answer{
    N_("The card gave no answer (it was removed or is not responding).")};
// TRANSLATORS: {0} is one character.
inline constexpr Template<1> hex_bad_digit{N_("Not a hexadecimal digit: '{0}'.")};
inline constexpr Template<0> hex_odd_length{N_("Hexadecimal text has an odd number of digits.")};
inline constexpr Template<1> card_response_too_long{
    N_("The card sent more than {0} bytes for one command; the card is faulty.")};
inline constexpr Template<1> card_length_loop{N_(
    // TRANSLATORS: {0} is a status word in hexadecimal.
    "The card asked twice for a different expected length ({0}); the card is faulty.")};
inline constexpr Template<1> card_too_many_rounds{
    N_("The card kept asking for more exchanges (over {0}); the card is faulty or not "
       "supported.")};

// --- status words: what the card's answer means (sw_meaning) ---

/// One status word and its meaning.
struct StatusText {
  std::uint16_t sw;
  Template<0> text;
};

inline constexpr StatusText kStatusTexts[] = {
    {0x9000, N_("success")},
    {0x6281, N_("part of the returned data may be corrupted")},
    {0x6282, N_("end of file reached before the expected length")},
    {0x6283, N_("the selected file is deactivated")},
    {0x6284, N_("file control information not formatted as expected")},
    {0x6300, N_("verification failed")},
    {0x6400, N_("execution error, card memory unchanged")},
    {0x6581, N_("memory failure (the card could not write)")},
    {0x6700, N_("wrong length")},
    {0x6881, N_("logical channel not supported")},
    {0x6882, N_("secure messaging not supported")},
    {0x6883, N_("last command of the chain expected")},
    {0x6884, N_("command chaining not supported")},
    {0x6981, N_("command incompatible with the file structure")},
    {0x6982, N_("security status not satisfied (access refused)")},
    {0x6983, N_("authentication method blocked")},
    {0x6984, N_("reference data not usable")},
    {0x6985, N_("conditions of use not satisfied")},
    {0x6986, N_("command not allowed (no current file)")},
    {0x6987, N_("expected secure messaging data objects missing")},
    {0x6988, N_("secure messaging data objects incorrect")},
    {0x6A80, N_("incorrect data in the command")},
    {0x6A81, N_("function not supported")},
    {0x6A82, N_("file or application not found")},
    {0x6A83, N_("record not found")},
    {0x6A84, N_("not enough memory space in the file")},
    {0x6A85, N_("data length inconsistent with its TLV structure")},
    {0x6A86, N_("incorrect parameters P1-P2")},
    {0x6A87, N_("data length inconsistent with P1-P2")},
    {0x6A88, N_("referenced data not found")},
    {0x6A89, N_("file already exists")},
    {0x6A8A, N_("application name already exists")},
    {0x6B00, N_("wrong parameters (offset outside the file)")},
    {0x6D00, N_("instruction not supported")},
    {0x6E00, N_("class not supported")},
    {0x6F00, N_("no precise diagnosis (card error)")},
};
inline constexpr Template<1> sw_more_bytes{N_("{0} more bytes available")};
inline constexpr Template<1> sw_wrong_le{N_("wrong expected length; exactly {0} bytes available")};
inline constexpr Template<1> sw_tries_left{N_("verification failed, {0} tries left")};
inline constexpr Template<0> sw_warning{N_("warning")};
inline constexpr Template<0> sw_execution_error{N_("execution error")};
inline constexpr Template<0> sw_checking_error{N_("checking error")};
inline constexpr Template<0> sw_unknown{N_("unknown status")};

// --- preparing a job for writing (personalizer) ---

inline constexpr Template<1> perso_job_invalid{N_(
    // TRANSLATORS: {0} is a reason clause.
    "The job's chip data cannot be written: {0}. The job must be rebuilt and signed again by "
    "central.")};
inline constexpr Template<0> perso_no_sod_last{N_("the profile has no EF.SOD last")};
// TRANSLATORS: {0} is a chip file name such as DG2 or EF.COM.
inline constexpr Template<1> perso_file_missing{N_("{0} is missing")};
inline constexpr Template<1> perso_file_empty{N_("{0} is empty")};
inline constexpr Template<1> perso_file_too_large{N_("{0} is larger than 32,767 bytes")};
inline constexpr Template<1> perso_not_in_profile{N_("{0} is not in the profile")};
// TRANSLATORS: {0} is the EF.SOD message (already in this language).
inline constexpr Template<1> perso_sod_unreadable{N_("its EF.SOD is unreadable ({0})")};
inline constexpr Template<1> perso_no_hash{N_("{0} has no hash in EF.SOD")};
inline constexpr Template<1> perso_hash_differs{N_("{0} does not match its hash in EF.SOD")};
inline constexpr Template<0> perso_not_prepared{
    N_("The job was not prepared for this profile (a program error).")};

// --- writing the card (personalizer, personalizer_card) ---

inline constexpr Template<0> perso_same_job_locked{
    N_("This card already holds this job's chip data and is locked. Take it out; it can be "
       "printed if its face was not.")};
inline constexpr Template<0> perso_other_locked{
    N_("This card was already personalized and locked (for another job, or its data cannot be "
       "read without authentication). Take it out and put it aside.")};
inline constexpr Template<1> perso_verify_mismatch{N_(
    // TRANSLATORS: {0} is a chip file name such as DG2.
    "{0} read back from the chip differs from the signed data. The card is spoiled; put it "
    "aside and use a new blank.")};
inline constexpr Template<1> perso_nothing_written{N_(
    // TRANSLATORS: {0} is the card's problem (already in this language).
    "{0} Nothing was written to the card; present it (or another blank) again.")};
inline constexpr Template<1> perso_writing_begun{
    N_("{0} Writing had begun: put the SAME card back for this job to finish it (a card that was "
       "already locked by then is reported as such).")};
inline constexpr Template<2> perso_refused_unidentified{N_(
    // TRANSLATORS: {0} is a step below, {1} the card's answer (a status word meaning).
    "{0} was refused by the card: {1}. The chip cannot be identified; put the card aside as "
    "spoiled.")};
inline constexpr Template<2> perso_refused_spoiled{
    N_("{0} was refused by the card: {1}. The card is spoiled; put it aside and use a new "
       "blank.")};
inline constexpr Template<0> step_read_cplc{N_("Reading the chip serial (CPLC)")};
inline constexpr Template<0> step_read_uid{N_("Reading the card's UID")};
inline constexpr Template<0> step_select_application{N_("Selecting the application")};
inline constexpr Template<0> step_select_mf{N_("Selecting the master file")};
inline constexpr Template<0> step_create_application{N_("Creating the application")};
// TRANSLATORS: {0} is a file id in hexadecimal.
inline constexpr Template<1> step_select_file{N_("Selecting file {0}")};
inline constexpr Template<0> step_read_back{N_("Reading a file back")};
// TRANSLATORS: {0} is a chip file name such as DG2.
inline constexpr Template<1> step_read_file_back{N_("Reading {0} back")};
inline constexpr Template<0> step_write{N_("Writing the chip data")};
inline constexpr Template<1> step_create_file{N_("Creating {0}")};
inline constexpr Template<1> step_lock_file{N_("Locking {0}")};
inline constexpr Template<0> step_lock_application{N_("Locking the application")};
inline constexpr Template<0> perso_bad_cplc{
    N_("The chip's serial (CPLC) is malformed. Put the card aside as spoiled.")};
inline constexpr Template<0> perso_no_room_application{
    N_("The card has no room for the application. Use a blank of the right type.")};
inline constexpr Template<0> perso_bad_fcp{
    N_("The card described a file in a malformed way. Put the card aside as spoiled.")};
inline constexpr Template<1> perso_layout_mismatch{
    N_("{0} on the card has another size or other access rules than this job needs (left by "
       "another job?). Files cannot be deleted: put the card aside as spoiled.")};
inline constexpr Template<1> perso_memory_full{
    N_("The card's memory is full before {0}: this job's chip data does not fit this card. Use a "
       "blank with more memory.")};
inline constexpr Template<0> perso_application_not_locked{
    N_("The application on the chip is not locked after ACTIVATE FILE. The card is spoiled; put "
       "it aside.")};
inline constexpr Template<1> perso_not_locked{
    N_("{0} is not locked after ACTIVATE FILE. The card is spoiled; put it aside.")};
inline constexpr Template<1> perso_still_readable{
    N_("{0} can still be read without authentication after locking. The card is spoiled; put it "
       "aside.")};
inline constexpr Template<1> perso_still_writable{
    N_("{0} can still be written after locking. The card is spoiled; put it aside.")};

}  // namespace ektp::chip::msg
