#pragma once
/// Online backup and restore of the spool (issue 12, item 1).
///
/// A backup is a directory: `spool.db` (a consistent copy of the store, made with
/// SQLite's backup API while the station runs) and `spool.db-blobs/` (the packs of
/// sealed bundles that copy's rows name, blob_store.hpp). The bundles stay sealed
/// under their wrapped data keys: a backup is useless without the station's storage
/// key, which it does not contain (storage_key.hpp).
///
/// A restored store gets a new store id and is marked *restored* (store.hpp) before
/// it is put in place, in one step: tombstones and ledger movements made after the
/// backup are gone, so no card is printed until an operator's stocktake clears the mark
/// (and, once the daemon exists, a resync of finished job ids with central), and its
/// outbox events never reuse an id central has seen.

#include <cstdint>
#include <filesystem>

#include "drivers/common/result.hpp"
#include "spool/db.hpp"

namespace ektp::spool {

struct BackupReport {
  std::filesystem::path store;  ///< the backup's copy of the store
  int packs = 0;                ///< bundle packs copied
  std::uint64_t bytes = 0;      ///< store + packs
};

/// Backs up the open store `db` (whose file is `store_path`) into `dest`, a directory
/// that must not exist yet (made 0700; files 0600, synced; written as `dest`.partial and
/// renamed when complete, so a cut-off backup never looks whole). Errors: spool.backup_exists,
/// spool.backup_failed (with what and what to do); a failed backup leaves no `dest`.
Result<BackupReport> backup_store(Database& db, const std::filesystem::path& store_path,
                                  const std::filesystem::path& dest);

/// Restores the backup in `backup_dir` as the store `store_path`, which must not exist
/// (nor its blob directory): the copy is checked, migrated to this version, given a new
/// store id and marked restored, then renamed into place. Errors: spool.restore_target_exists,
/// spool.not_a_backup, spool.restore_failed, and Database::open's refusals of the copy.
Result<void> restore_store(const std::filesystem::path& backup_dir,
                           const std::filesystem::path& store_path);

}  // namespace ektp::spool
