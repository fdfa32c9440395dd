#pragma once
/// Catalogue of the spool's messages for people, part 1: the store itself: its storage
/// key (storage_key), SQLite errors (sqlite_error) and state changes of jobs and card
/// attempts (transition_sql). Mechanism: drivers/common/message_template.hpp;
/// translations: po/id.po. Paths, job ids and attempt numbers are not personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- the storage key (storage_key) ---

inline constexpr Template<2> key_read_failed{N_(
    // TRANSLATORS: {0} is one of the key places below, {1} a system error text.
    "Could not read the storage key {0} ({1}).")};
inline constexpr Template<2> key_wrong_size{N_(
    // TRANSLATORS: {0} is one of the key places below, {1} one of the advices below.
    "The storage key {0} is not a station key (it must be exactly 32 bytes). {1}")};
// TRANSLATORS: a key place: {0} is a systemd credential name.
inline constexpr Template<1> key_place_credential{N_("credential '{0}'")};
// TRANSLATORS: a key place: {0} is a file path.
inline constexpr Template<1> key_place_file{N_("file {0}")};
inline constexpr Template<0> key_advice_credential{
    N_("Make it again with systemd-creds from 32 random bytes only if this station has no "
       "jobs in its spool; otherwise restore the original key file.")};
inline constexpr Template<0> key_advice_file{
    N_("Restore the original key file; if the station has no jobs in its spool, you may move "
       "this file away and the station makes a new key.")};
inline constexpr Template<2> key_sync_failed{N_(
    // TRANSLATORS: {0} is a folder path, {1} a system error text.
    "Could not save the new storage key in {0} ({1}). Check the disk and try again.")};
inline constexpr Template<2> key_create_failed{N_(
    // TRANSLATORS: {0} is a file path, {1} a system error text.
    "Could not make the storage key file {0} ({1}). Check that the state directory exists and "
    "is writable.")};
inline constexpr Template<2> key_write_failed{N_(
    // TRANSLATORS: {0} is a file path, {1} a system error text.
    "Could not write the storage key file {0} ({1}). Check the disk and try again.")};
inline constexpr Template<0> key_no_credentials{N_(
    // TRANSLATORS: systemctl and LoadCredentialEncrypted= are names (keep them).
    "The station was started without its storage key (no systemd credentials). Start it "
    "through its service (systemctl start ektp-station), which loads the key with "
    "LoadCredentialEncrypted=.")};
inline constexpr Template<2> key_no_credential{N_(
    // TRANSLATORS: {0} is a credential name, {1} a system error text.
    "The station's service has no storage key credential '{0}' ({1}). Check the "
    "LoadCredentialEncrypted= line of the service and that the encrypted key file exists "
    "(see the installation guide).")};
inline constexpr Template<2> key_open_failed{N_(
    // TRANSLATORS: {0} is a file path, {1} a system error text.
    "Could not open the storage key file {0} ({1}). It must be a plain file, not a link; "
    "check the path.")};
inline constexpr Template<1> key_not_plain{N_(
    // TRANSLATORS: {0} is a file path.
    "The storage key file {0} is not a plain file. Check the path setting.")};
inline constexpr Template<1> key_other_owner{N_(
    // TRANSLATORS: {0} is a file path; chown and chmod are commands (keep them).
    "The storage key file {0} belongs to another user. Give it to the station's user (chown) "
    "and keep it readable by that user only (chmod 600).")};
inline constexpr Template<1> key_readable_by_others{N_(
    // TRANSLATORS: {0} is a file path; keep the command 'chmod 600 {0}' as it is.
    "The storage key file {0} can be read by other users, so the station refuses it. Run "
    "'chmod 600 {0}', then check who may have copied it; if it was exposed, the personal data "
    "of the queued jobs should be considered exposed too.")};

// --- SQLite errors (sqlite_error); {doing} texts come from the callers ---

// TRANSLATORS: stands for the store's file name when SQLite does not know it.
inline constexpr Template<0> store_unnamed{N_("(the spool store)")};
inline constexpr Template<1> disk_full{N_(
    // TRANSLATORS: {0} is what the spool was doing, such as "save the job".
    "The station's disk is full, so the spool could not {0}. Nothing was half-saved. Free "
    "space on the station's disk (ask the technician to remove old logs or backups), then try "
    "again.")};
inline constexpr Template<2> store_read_only{N_(
    // TRANSLATORS: {0} is the store's file name, {1} what the spool was doing.
    "The spool store {0} cannot be written (read-only), so the spool could not {1}. Check that "
    "the station's state disk is mounted read-write and that the folder belongs to the "
    "station's user, then restart the station.")};
inline constexpr Template<3> store_cannot_open{N_(
    // TRANSLATORS: {0} is the store's file name, {1} SQLite's error text, {2} what the
    // spool was doing.
    "The spool store {0} cannot be opened ({1}), so the spool could not {2}. Check that its "
    "folder exists, is writable by the station's user and the disk is mounted, then restart "
    "the station.")};
inline constexpr Template<2> store_damaged{N_(
    // TRANSLATORS: {0} is the store's file name, {1} SQLite's error text.
    "The spool store {0} is damaged ({1}). Do not delete it: stop the station, keep the file "
    "for the technician and restore the store from the latest backup; then do a stocktake of "
    "the blank cards.")};
inline constexpr Template<2> store_busy{N_(
    // TRANSLATORS: {0} is the store's file name, {1} what the spool was doing.
    "The spool store {0} is in use by another program, so the spool could not {1}. Make sure "
    "only one station service runs, then try again.")};
inline constexpr Template<2> disk_io_error{N_(
    // TRANSLATORS: {0} is a system error text, {1} what the spool was doing.
    "The station could not read or write its disk ({0}) while trying to {1}. The disk may be "
    "failing or was removed: tell the technician.")};
inline constexpr Template<2> store_constraint{N_(
    // TRANSLATORS: {0} is what the spool was doing, {1} SQLite's error text.
    "The spool refused to {0}: {1}. This is a fault in the station software: report it.")};
inline constexpr Template<2> store_failed{N_(
    // TRANSLATORS: {0} is what the spool was doing, {1} SQLite's error text.
    "The spool could not {0} ({1}). This is a fault in the station software: report it.")};

// --- what the spool was doing: {0} in the SQLite errors above ("could not ...") ---

inline constexpr Template<0> doing_read_identity{N_("read the store's identity")};
inline constexpr Template<0> doing_read_version{N_("read the store's schema version")};
inline constexpr Template<0> doing_read_schema{N_("read the store's schema")};
inline constexpr Template<0> doing_check{N_("check the store")};
inline constexpr Template<0> doing_open_writing{N_("open the store for writing")};
inline constexpr Template<0> doing_switch_wal{N_("switch the store to WAL mode")};
inline constexpr Template<0> doing_syncs_off{N_("turn disk syncs off for the power-cut test")};
inline constexpr Template<0> doing_syncs_full{N_("turn on full disk syncs")};
inline constexpr Template<0> doing_reference_checks{N_("turn on reference checks")};
inline constexpr Template<0> doing_secure_delete{N_("turn on secure deletion")};
inline constexpr Template<0> doing_open{N_("open the store")};
inline constexpr Template<0> doing_prepare{N_("prepare a query")};
inline constexpr Template<0> doing_save_or_read{N_("save or read its records")};
inline constexpr Template<0> doing_start_saving{N_("start saving")};
inline constexpr Template<0> doing_save{N_("save its records")};

// --- state changes (transition_sql) ---

inline constexpr Template<1> unknown_job{N_(
    // TRANSLATORS: {0} is a job id.
    "There is no job {0} at this station. Check the job id.")};
inline constexpr Template<1> unknown_job_state{N_(
    // TRANSLATORS: {0} is a state name as stored (English, keep it).
    "The spool store holds an unknown job state '{0}': restore from a backup.")};
inline constexpr Template<0> job_changed{
    N_("The job changed while it was being updated; try again.")};
inline constexpr Template<1> unknown_attempt{N_(
    // TRANSLATORS: {0} is a card attempt number.
    "There is no card attempt {0} at this station.")};
inline constexpr Template<1> unknown_attempt_state{N_(
    // TRANSLATORS: {0} is a state name as stored (English, keep it).
    "The spool store holds an unknown attempt state '{0}': restore from a backup.")};
inline constexpr Template<0> attempt_changed{
    N_("The card attempt changed while it was being updated; try again.")};
inline constexpr Template<1> no_chip_serial{N_(
    // TRANSLATORS: {0} is a card attempt number.
    "The chip of card attempt {0} cannot be declared locked: its serial number was not read. "
    "Read the chip again (or spoil the card); a card is only counted as good with its "
    "serial.")};

}  // namespace ektp::spool::texts
