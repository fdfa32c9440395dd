// Database: open, check, configure and migrate the spool store (see db.hpp).
#include "spool/db.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <utility>

#include "drivers/common/language.hpp"
#include "spool/migrations.hpp"
#include "spool/spool_messages_open.hpp"
#include "spool/spool_messages_store.hpp"
#include "spool/sqlite_error.hpp"
#include "spool/statement_cache.hpp"

namespace ektp::spool {

namespace {

// Reads one integer pragma (or any one-value query).
Result<std::int64_t> query_int(sqlite3* db, const char* sql, std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return detail::sqlite_error(db, rc, what);
  rc = sqlite3_step(stmt);
  std::int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return detail::sqlite_error(db, rc, what);
  return value;
}

Result<std::string> query_text(sqlite3* db, const char* sql, std::string_view what) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return detail::sqlite_error(db, rc, what);
  rc = sqlite3_step(stmt);
  std::string value;
  if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr)
    value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return detail::sqlite_error(db, rc, what);
  return value;
}

Error foreign_file(const std::filesystem::path& path, std::string_view why) {
  return fail("spool.foreign_file", texts::say(texts::foreign_file, path.string(), why));
}

// Refuses, before SQLite touches it, a non-empty file that is not an SQLite database.
Result<void> check_header(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size == 0) return ok();  // absent or empty: SQLite makes a new store
  std::ifstream in(path, std::ios::binary);
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  if (in.gcount() < static_cast<std::streamsize>(header.size()) ||
      std::memcmp(header.data(), "SQLite format 3", 16) != 0)
    return foreign_file(path, texts::say(texts::foreign_not_sqlite));
  return ok();
}

// Sets a pragma and checks that SQLite took it: a pragma it cannot honour is
// ignored silently, and the store's safety must not depend on luck.
Result<void> set_and_verify(sqlite3* db, const std::string& set, const char* get,
                            std::int64_t expected, std::string_view what) {
  if (int rc = sqlite3_exec(db, set.c_str(), nullptr, nullptr, nullptr); rc != SQLITE_OK)
    return detail::sqlite_error(db, rc, what);
  auto value = query_int(db, get, what);
  if (!value) return value.error();
  if (*value != expected)
    return fail("spool.unsafe_settings",
                texts::say(texts::unsafe_setting, i18n::translate(std::string(what).c_str()), get,
                           *value, expected));
  return ok();
}

/// Before SQLite touches anything: a store in a directory that cannot be written (a
/// read-only mount, wrong owner) would open read-only and fail later with an unclear
/// error, and an existing store of 0 bytes would silently become a new, empty store.
Result<void> check_writable(const std::filesystem::path& path, bool exists) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (::access(dir.c_str(), W_OK) != 0 || (exists && ::access(path.c_str(), W_OK) != 0)) {
    const int err = errno;
    if (err == EROFS || err == EACCES || err == EPERM) {
      return fail("spool.read_only", texts::say(texts::store_not_writable, path.string(),
                                                texts::say(err == EROFS ? texts::disk_read_only
                                                                        : texts::no_permission)));
    }
  }
  std::error_code ec;
  if (exists && std::filesystem::is_regular_file(path, ec) &&
      std::filesystem::file_size(path, ec) == 0 && !ec) {
    return fail("spool.empty_file", texts::say(texts::store_empty_file, path.string()));
  }
  return ok();
}

Result<void> configure(sqlite3* db, const OpenOptions& options, bool fresh) {
  const auto& path = options.path;
  // Identity first, before anything may write to the file.
  auto app_id = query_int(db, "PRAGMA application_id", texts::doing_read_identity.english);
  if (!app_id) return app_id.error();
  auto version = query_int(db, "PRAGMA user_version", texts::doing_read_version.english);
  if (!version) return version.error();
  auto objects =
      query_int(db, "SELECT count(*) FROM sqlite_schema", texts::doing_read_schema.english);
  if (!objects) return objects.error();
  const bool empty = *app_id == 0 && *version == 0 && *objects == 0;
  if (*app_id != kApplicationId && !empty)
    return foreign_file(path, texts::say(texts::foreign_other_program));
  if (empty && !fresh && !options.create_if_missing)
    return fail("spool.missing", texts::say(texts::store_no_schema, path.string()));
  if (*version > Database::latest_schema_version())
    return fail("spool.newer_schema", texts::say(texts::store_newer_schema, path.string(), *version,
                                                 Database::latest_schema_version()));

  // quick_check on every open: the store is small, the check cheap.
  auto check = query_text(db, "PRAGMA quick_check", texts::doing_check.english);
  if (!check) return check.error();
  if (*check != "ok")
    return fail("spool.damaged", texts::say(texts::store_damaged, path.string(), *check));

  if (sqlite3_db_readonly(db, "main") == 1)
    return detail::sqlite_error(db, SQLITE_READONLY, texts::doing_open_writing.english);
  auto mode = query_text(db, "PRAGMA journal_mode=WAL", texts::doing_switch_wal.english);
  if (!mode) return mode.error();
  if (*mode != "wal")
    return fail("spool.unsafe_settings", texts::say(texts::store_not_wal, path.string(), *mode));
  // synchronous=FULL (2): in WAL mode every commit syncs the WAL before it returns.
  // OFF (0) only for the power-cut test's proof (db.hpp, test_sync_off).
  if (auto r = options.test_sync_off
                   ? set_and_verify(db, "PRAGMA synchronous=OFF", "PRAGMA synchronous", 0,
                                    texts::doing_syncs_off.english)
                   : set_and_verify(db, "PRAGMA synchronous=FULL", "PRAGMA synchronous", 2,
                                    texts::doing_syncs_full.english);
      !r)
    return r.error();
  if (auto r = set_and_verify(db, "PRAGMA foreign_keys=ON", "PRAGMA foreign_keys", 1,
                              texts::doing_reference_checks.english);
      !r)
    return r.error();
  // Deleted content is overwritten with zeros (erasure of wrapped data keys, item 8).
  if (auto r = set_and_verify(db, "PRAGMA secure_delete=ON", "PRAGMA secure_delete", 1,
                              texts::doing_secure_delete.english);
      !r)
    return r.error();
  return ok();
}

}  // namespace

Database::Database(sqlite3* db) : db_(db), cache_(std::make_shared<detail::StatementCache>()) {}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() { close(); }

void Database::close() noexcept {
  // Idle statements first: sqlite3_close_v2 waits (as a zombie) for every statement.
  if (cache_) cache_->close();
  cache_.reset();
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

int Database::latest_schema_version() {
  const auto& all = detail::embedded_migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<Database> Database::open(const OpenOptions& options) {
  const auto& path = options.path;
  if (options.test_sync_off && options.test_vfs.empty())
    return fail("spool.unsafe_settings", texts::say(texts::store_sync_off));
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && !options.create_if_missing)
    return fail("spool.missing", texts::say(texts::store_missing, path.string()));
  if (auto r = check_header(path); !r) return r.error();
  if (auto r = check_writable(path, exists); !r) return r.error();

  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags,
                           options.test_vfs.empty() ? nullptr : options.test_vfs.c_str());
  Database db(raw);  // closes `raw` on every early return, even when open failed
  if (rc != SQLITE_OK) return detail::sqlite_error(raw, rc, texts::doing_open.english);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(options.busy_timeout.count()));

  if (auto r = configure(raw, options, !exists); !r) return r.error();

  auto current = query_int(raw, "PRAGMA user_version", texts::doing_read_version.english);
  if (!current) return current.error();
  int target = latest_schema_version();
  if (options.max_version > 0 && options.max_version < target) target = options.max_version;
  if (auto r = detail::migrate(db, static_cast<int>(*current), target, options.station_id); !r)
    return r.error();
  return db;
}

Result<Statement> Database::prepare(std::string_view sql) {
  if (sqlite3_stmt* cached = cache_->take(sql)) return Statement(db_, cached, cache_);
  sqlite3_stmt* stmt = nullptr;
  // PERSISTENT: the statement is meant to be kept (SQLite allocates it accordingly).
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return detail::sqlite_error(db_, rc, texts::doing_prepare.english);
  return Statement(db_, stmt, cache_);
}

Result<void> Database::exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec wants a terminated string
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return detail::sqlite_error(db_, rc, texts::doing_save_or_read.english);
  return ok();
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<void> Database::transaction(const std::function<Result<void>()>& body) {
  const bool nested = in_transaction();
  // A savepoint name unique per nesting level is not needed: SQLite's savepoints
  // form a stack and RELEASE/ROLLBACK TO address the innermost of that name.
  const char* begin = nested ? "SAVEPOINT ektp_nested" : "BEGIN IMMEDIATE";
  const char* commit = nested ? "RELEASE ektp_nested" : "COMMIT";
  const char* rollback = nested ? "ROLLBACK TO ektp_nested; RELEASE ektp_nested" : "ROLLBACK";
  if (int rc = sqlite3_exec(db_, begin, nullptr, nullptr, nullptr); rc != SQLITE_OK)
    return detail::sqlite_error(db_, rc, texts::doing_start_saving.english);
  Result<void> result = ok();
  try {
    result = body();
  } catch (...) {
    sqlite3_exec(db_, rollback, nullptr, nullptr, nullptr);
    throw;
  }
  if (!result) {
    sqlite3_exec(db_, rollback, nullptr, nullptr, nullptr);
    return result;
  }
  if (int rc = sqlite3_exec(db_, commit, nullptr, nullptr, nullptr); rc != SQLITE_OK) {
    Error error = detail::sqlite_error(db_, rc, texts::doing_save.english);
    // A failed COMMIT may leave the transaction open (e.g. SQLITE_BUSY): undo it.
    if (in_transaction()) sqlite3_exec(db_, rollback, nullptr, nullptr, nullptr);
    return error;
  }
  return ok();
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

int Database::schema_version() const {
  auto v = query_int(db_, "PRAGMA user_version", texts::doing_read_version.english);
  return v ? static_cast<int>(*v) : -1;
}

std::filesystem::path Database::path() const {
  const char* name = sqlite3_db_filename(db_, "main");
  return name != nullptr ? std::filesystem::path(name) : std::filesystem::path();
}

}  // namespace ektp::spool
