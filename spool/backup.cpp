#include "spool/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <set>
#include <system_error>

#include "spool/blob_store.hpp"
#include "spool/spool_messages_backup.hpp"
#include "spool/store.hpp"

namespace ektp::spool {
namespace fs = std::filesystem;

namespace {

constexpr const char* kStoreName = "spool.db";
constexpr const char* kBlobDirName = "spool.db-blobs";

Error backup_failed(const std::string& what) {
  return fail("spool.backup_failed", texts::say(texts::backup_failed, what));
}

Error restore_failed(const std::string& what) {
  return fail("spool.restore_failed", texts::say(texts::restore_failed, what));
}

/// fsync a file or a directory.
bool sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

/// Copies `from` to `to` (new, 0600); adds its size to `bytes`. Not synced: the caller
/// syncs the whole file system once (sync_all), not every pack (~8 ms per fsync here).
bool copy_file(const fs::path& from, const fs::path& to, std::uint64_t& bytes) {
  std::error_code ec;
  if (!fs::copy_file(from, to, fs::copy_options::none, ec)) return false;
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, ec);
  if (ec) return false;
  bytes += fs::file_size(to, ec);
  return !ec;
}

/// Everything written to the file system holding `dir` reaches the disk (syncfs).
bool sync_all(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::syncfs(fd) == 0;
  ::close(fd);
  return ok;
}

/// The packs named by the jobs of the store at `path` (read-only, no WAL needed).
Result<std::set<std::string>> packs_named(const fs::path& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::set<std::string> packs;
  sqlite3_stmt* q = nullptr;
  bool ok = rc == SQLITE_OK &&
            sqlite3_prepare_v2(raw, "SELECT bundle_ref FROM jobs WHERE bundle_ref IS NOT NULL", -1,
                               &q, nullptr) == SQLITE_OK;
  int step = SQLITE_DONE;
  while (ok && (step = sqlite3_step(q)) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    if (auto ref = BlobStore::parse(text ? text : "")) packs.insert(ref->pack);
  }
  ok = ok && step == SQLITE_DONE;
  sqlite3_finalize(q);
  sqlite3_close(raw);
  if (!ok) return fail("spool.not_a_backup", texts::say(texts::copy_unreadable, path.string()));
  return packs;
}

/// Copies the packs named by the store at `store_copy` from `from_dir` into `to_dir`.
Result<int> copy_packs(const fs::path& store_copy, const fs::path& from_dir, const fs::path& to_dir,
                       std::uint64_t& bytes) {
  auto packs = packs_named(store_copy);
  if (!packs) return packs.error();
  std::error_code ec;
  fs::create_directory(to_dir, ec);
  fs::permissions(to_dir, fs::perms::owner_all, ec);
  if (ec) return fail("spool.io", texts::say(texts::cannot_make, to_dir.string()));
  for (const auto& pack : *packs) {
    if (!copy_file(from_dir / pack, to_dir / pack, bytes)) {
      return fail("spool.io", texts::say(texts::pack_not_copied, pack));
    }
  }
  if (!sync_all(to_dir)) return fail("spool.io", texts::say(texts::cannot_sync, to_dir.string()));
  return static_cast<int>(packs->size());
}

}  // namespace

Result<BackupReport> backup_store(Database& db, const fs::path& store_path, const fs::path& dest) {
  std::error_code ec;
  if (fs::exists(dest, ec)) {
    return fail("spool.backup_exists", texts::say(texts::backup_exists, dest.string()));
  }
  // Written under a temporary name and renamed when complete: a backup cut off by a
  // crash or a power cut is never taken for a whole one.
  const fs::path work = dest.string() + ".partial";
  fs::remove_all(work, ec);
  if (!fs::create_directories(work, ec) || ec)
    return backup_failed(texts::say(texts::cannot_make, work.string()));
  fs::permissions(work, fs::perms::owner_all, ec);
  struct Cleanup {
    fs::path dir;
    bool keep = false;
    ~Cleanup() {
      std::error_code e;
      if (!keep) fs::remove_all(dir, e);
    }
  } cleanup{work};

  BackupReport report;
  report.store = work / kStoreName;
  // SQLite's backup API: one consistent snapshot of the live store (the station goes
  // on using it; this runs on the spool's own thread, so no erasure runs meanwhile).
  sqlite3* copy = nullptr;
  if (sqlite3_open_v2(report.store.c_str(), &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    sqlite3_close(copy);
    return backup_failed(texts::say(texts::cannot_create, report.store.string()));
  }
  sqlite3_backup* b = sqlite3_backup_init(copy, "main", db.handle(), "main");
  int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(copy);
  if (b) sqlite3_backup_finish(b);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec(copy, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  sqlite3_close(copy);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    return backup_failed(
        texts::say(rc == SQLITE_FULL ? texts::backup_disk_full : texts::store_copy_failed));
  }
  fs::permissions(report.store, fs::perms::owner_read | fs::perms::owner_write, ec);
  report.bytes = fs::file_size(report.store, ec);

  auto packs =
      copy_packs(report.store, BlobStore(store_path).dir(), work / kBlobDirName, report.bytes);
  if (!packs) return backup_failed(packs.error().message);
  report.packs = *packs;
  if (!sync_path(work, true)) return backup_failed(texts::say(texts::cannot_sync, work.string()));
  fs::rename(work, dest, ec);
  if (ec) return backup_failed(texts::say(texts::cannot_name_backup, dest.string()));
  const auto parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  if (!sync_path(parent, true))
    return backup_failed(texts::say(texts::cannot_sync, parent.string()));
  cleanup.keep = true;
  report.store = dest / kStoreName;
  return report;
}

Result<void> restore_store(const fs::path& backup_dir, const fs::path& store_path) {
  std::error_code ec;
  const fs::path blob_dir = BlobStore(store_path).dir();
  if (fs::exists(store_path, ec) || fs::exists(blob_dir, ec)) {
    return fail("spool.restore_target_exists",
                texts::say(texts::restore_target_exists, store_path.string()));
  }
  const fs::path source = backup_dir / kStoreName;
  if (!fs::is_regular_file(source, ec)) {
    return fail("spool.not_a_backup", texts::say(texts::not_a_backup, backup_dir.string()));
  }
  // Everything is prepared under temporary names next to the target, then renamed:
  // the blob folder first, the store last (a crash in between leaves no store).
  const fs::path tmp_store = store_path.string() + ".restoring";
  const fs::path tmp_blobs = blob_dir.string() + ".restoring";
  fs::remove(tmp_store, ec);
  fs::remove(tmp_store.string() + "-wal", ec);
  fs::remove(tmp_store.string() + "-shm", ec);
  fs::remove_all(tmp_blobs, ec);
  struct Cleanup {
    fs::path store, blobs;
    bool done = false;
    ~Cleanup() {
      if (done) return;
      std::error_code e;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(store.string() + suffix, e);
      fs::remove_all(blobs, e);
    }
  } cleanup{tmp_store, tmp_blobs};

  std::uint64_t bytes = 0;
  if (!copy_file(source, tmp_store, bytes))
    return restore_failed(texts::say(texts::store_copy_unreadable));
  auto packs = copy_packs(source, backup_dir / kBlobDirName, tmp_blobs, bytes);
  if (!packs) return restore_failed(packs.error().message);
  {
    OpenOptions options;
    options.path = tmp_store;
    options.create_if_missing = false;
    auto db = Database::open(options);  // checked, migrated to this version
    if (!db) return db.error();
    if (auto r = mark_restored(*db); !r) return r;
    if (auto r = db->exec("PRAGMA wal_checkpoint(TRUNCATE)"); !r) return r;
  }  // closed: the WAL is checkpointed into the file
  fs::rename(tmp_blobs, blob_dir, ec);
  if (ec) return restore_failed(texts::say(texts::bundle_folder_not_placed));
  fs::rename(tmp_store, store_path, ec);
  if (ec) {
    fs::rename(blob_dir, tmp_blobs, ec);
    return restore_failed(texts::say(texts::store_not_placed));
  }
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(tmp_store.string() + suffix, ec);
  sync_path(store_path.has_parent_path() ? store_path.parent_path() : fs::path("."), true);
  cleanup.done = true;
  return ok();
}

}  // namespace ektp::spool
