#pragma once
/// Catalogue of the spool's messages for people, part 3: backing up and restoring the
/// spool store (backup). Mechanism: drivers/common/message_template.hpp; translations:
/// po/id.po. Paths and file names are not personal data.

#include "drivers/common/message_template.hpp"

namespace ektp::spool::texts {

using ektp::msg::say;
using ektp::msg::Template;

inline constexpr Template<1> backup_failed{N_(
    // TRANSLATORS: {0} is one of the reasons below.
    "The spool backup could not be made: {0}. Nothing of this backup is kept; check the "
    "backup disk (space, mounted read-write) and try again.")};
inline constexpr Template<1> restore_failed{N_(
    // TRANSLATORS: {0} is one of the reasons below.
    "The spool could not be restored: {0}. The station's store was not changed; check the "
    "disk and try again.")};
// TRANSLATORS: the reasons below complete "The spool backup could not be made: ..." or
// "The spool could not be restored: ..."; {0} is a path or a file name.
inline constexpr Template<1> cannot_make{N_("cannot make {0}")};
inline constexpr Template<1> cannot_create{N_("cannot create {0}")};
inline constexpr Template<1> cannot_sync{N_("cannot sync {0}")};
inline constexpr Template<1> cannot_name_backup{N_("cannot name the backup folder {0}")};
inline constexpr Template<0> backup_disk_full{N_("the backup disk is full")};
inline constexpr Template<0> store_copy_failed{N_("copying the store failed")};
inline constexpr Template<1> pack_not_copied{
    N_("the bundle file {0} cannot be copied (missing or unreadable)")};
inline constexpr Template<0> store_copy_unreadable{N_("the store copy cannot be read")};
inline constexpr Template<0> bundle_folder_not_placed{
    N_("the bundle folder cannot be put in place")};
inline constexpr Template<0> store_not_placed{N_("the store cannot be put in place")};

inline constexpr Template<1> copy_unreadable{N_(
    // TRANSLATORS: {0} is a file path.
    "The store copy {0} cannot be read.")};
inline constexpr Template<1> backup_exists{N_(
    // TRANSLATORS: {0} is a folder path.
    "The backup folder {0} already exists. Choose a new folder for each backup.")};
inline constexpr Template<1> restore_target_exists{N_(
    // TRANSLATORS: {0} is a file path; -blobs is part of a folder name (keep it).
    "The station already has a spool store at {0}. A restore never overwrites a store: move "
    "the store and its -blobs folder away first (keep them for the technician), then restore "
    "again.")};
inline constexpr Template<1> not_a_backup{N_(
    // TRANSLATORS: {0} is a folder path; spool.db is a file name (keep it).
    "The folder {0} holds no spool backup (no spool.db). Choose the folder a backup was "
    "written to.")};

}  // namespace ektp::spool::texts
