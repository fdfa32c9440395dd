#pragma once
/// Catalogue of the spool's messages for people, part 2: opening the spool store and
/// checking it is safe to use (db). Mechanism: drivers/common/message_template.hpp;
/// translations: po/id.po. Paths and schema numbers are not personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

inline constexpr Template<2> foreign_file{N_(
    // TRANSLATORS: {0} is a file path, {1} one of the reasons below.
    "The file {0} is not a station spool store ({1}). The station left it untouched. Check "
    "the state directory setting; if the file belongs to another program, move it away or "
    "point the station to another directory.")};
// TRANSLATORS: the reasons below complete "The file ... is not a station spool store (...)".
inline constexpr Template<0> foreign_not_sqlite{N_("it is not an SQLite database")};
inline constexpr Template<0> foreign_other_program{
    N_("it is an SQLite database of another program")};
inline constexpr Template<4> unsafe_setting{N_(
    // TRANSLATORS: {0} is what the spool was doing, {1} a setting name (keep it), {2} and
    // {3} numbers.
    "The spool store could not {0} ({1} is {2}, wanted {3}); the station will not run with a "
    "store that may lose work at a power cut. Report this to the technician.")};
inline constexpr Template<2> store_not_writable{N_(
    // TRANSLATORS: {0} is the store's file path, {1} one of the reasons below.
    "The spool store {0} cannot be written ({1}). Check that the station's state disk is "
    "mounted read-write and that the folder belongs to the station's user, then restart the "
    "station.")};
// TRANSLATORS: the reasons below complete "The spool store ... cannot be written (...)".
inline constexpr Template<0> disk_read_only{N_("the disk is mounted read-only")};
inline constexpr Template<0> no_permission{N_("no permission")};
inline constexpr Template<1> store_empty_file{N_(
    // TRANSLATORS: {0} is the store's file path.
    "The spool store {0} exists but is empty (0 bytes): it was cut off or damaged, and "
    "starting a new store over it would lose every job and the blank-card count. Restore the "
    "store from the latest backup, then do a stocktake. Only if this station never printed "
    "(its first start was interrupted), remove the empty file and start again.")};
inline constexpr Template<1> store_no_schema{N_(
    // TRANSLATORS: {0} is the store's file path.
    "The spool store {0} is empty. Check the state directory setting.")};
inline constexpr Template<3> store_newer_schema{N_(
    // TRANSLATORS: {0} is the store's file path, {1} and {2} schema numbers.
    "The spool store {0} was written by a newer version of the station software (schema {1}, "
    "this version knows {2}). Install that newer version again; do not delete the store.")};
inline constexpr Template<2> store_not_wal{N_(
    // TRANSLATORS: {0} is the store's file path, {1} an SQLite journal mode name (keep it).
    "The spool store {0} could not be switched to WAL mode (it is in {1} mode). Check that the "
    "state directory is on a local disk.")};
inline constexpr Template<0> store_sync_off{
    N_("The spool store cannot run without disk syncs outside the power-cut test; the station "
       "software is misconfigured (report it).")};
inline constexpr Template<1> store_missing{N_(
    // TRANSLATORS: {0} is the store's file path.
    "The spool store {0} does not exist. Check the state directory setting.")};

}  // namespace ektp::spool::texts
