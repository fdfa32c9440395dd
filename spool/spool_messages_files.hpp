#pragma once
/// Catalogue of the spool's messages for people, part 4: the encrypted job files
/// (blob_store, bundle_crypto) and the store's own records (store, migrations, outbox,
/// audit, ledger_reports). Mechanism: drivers/common/message_template.hpp; translations:
/// po/id.po. Job ids, paths and stored names are not personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

// --- encrypted job files (blob_store) ---

inline constexpr Template<4> file_io{N_(
    // TRANSLATORS: {0} is one of the actions below, {1} a path, {2} a system error text,
    // {3} one of the advices below.
    "Could not {0} {1} ({2}). {3}")};
// TRANSLATORS: the actions below complete "Could not ... <path>".
inline constexpr Template<0> do_write{N_("write")};
inline constexpr Template<0> do_read{N_("read")};
inline constexpr Template<0> do_save{N_("save")};
inline constexpr Template<0> do_erase{N_("erase")};
inline constexpr Template<0> do_list{N_("list")};
inline constexpr Template<0> do_remove{N_("remove")};
inline constexpr Template<0> do_save_directory{N_("save the directory")};
inline constexpr Template<0> do_make_directory{N_("make the directory")};
inline constexpr Template<0> do_write_job_file{N_("write the encrypted job file")};
inline constexpr Template<0> do_store_job_file{N_("store the encrypted job file")};
inline constexpr Template<0> advice_check_disk{
    N_("Check the disk and the state directory, then try again.")};
inline constexpr Template<0> advice_disk_full{
    N_("The disk is full: free space (ask the technician to remove old logs or backups), then "
       "try again.")};
inline constexpr Template<0> advice_not_writable{
    N_("The state directory cannot be written: check that the disk is mounted writable and "
       "belongs to the station's user.")};
inline constexpr Template<0> no_file_reference{N_("The job has no encrypted file reference.")};
inline constexpr Template<1> job_file_missing{N_(
    // TRANSLATORS: {0} is a file path.
    "The encrypted job file {0} is missing. Restore the spool's state directory from a "
    "backup, or ask the central office to send the job again.")};

// --- reading a job's stored data (bundle_crypto) ---

inline constexpr Template<2> bundle_damaged{N_(
    // TRANSLATORS: {0} is a job id, {1} one of the reasons below.
    "The stored data of job {0} cannot be read: {1}. The job cannot be printed from this "
    "copy; hold it and ask the central office to send the job again (or restore the spool "
    "from a backup).")};
// TRANSLATORS: the reasons below complete "The stored data of job ... cannot be read: ...".
inline constexpr Template<0> key_record_bad{N_("its key record is missing or malformed (erased?)")};
inline constexpr Template<0> key_does_not_open{
    N_("its key does not open with this station's storage key (another station's key, another "
       "job's record, or a damaged record)")};
inline constexpr Template<0> not_bundle_file{N_("its encrypted file is not a station bundle file")};
inline constexpr Template<0> integrity_failed{
    N_("its encrypted file fails its integrity check (changed or damaged)")};

// --- the store's records (store, migrations, outbox, audit, ledger_reports) ---

inline constexpr Template<0> no_identity{
    N_("The spool store has no identity record. It was not made by this station software or "
       "is damaged: restore it from the latest backup.")};
inline constexpr Template<2> migration_failed{N_(
    // TRANSLATORS: {0} is a schema name such as 0001_jobs (keep it), {1} the error's message.
    "Updating the spool store to schema {0} failed: {1}")};
inline constexpr Template<1> outbox_unknown_event{N_(
    // TRANSLATORS: {0} is an event type name as stored (keep it).
    "The outbox holds an event of unknown type ({0}). Report this fault.")};
inline constexpr Template<0> audit_no_operator{
    N_("An action must name the operator who did it; log in first.")};
inline constexpr Template<0> audit_no_action{N_("An audit entry needs an action.")};
inline constexpr Template<2> spoiled_record_unknown{N_(
    // TRANSLATORS: {0} is a place name and {1} a reason name as stored (keep them).
    "A spoiled-card record has an unknown place or reason ({0}, {1}). Report this fault.")};
inline constexpr Template<0> issue_rate_window{
    N_("The period for the issue rate must be at least one day.")};

}  // namespace ektp::spool::texts
