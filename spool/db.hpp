#pragma once
/// The spool's SQLite connection: opened, checked and migrated; the only
/// place the rest of spool/ gets SQL from. Nothing outside spool/ sees SQL.
///
/// CONTRACT (lead): other spool modules (jobs, ledger, outbox, audit) program
/// against this header. Extend it; do not change existing signatures.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ektp::spool {

namespace detail {
class StatementCache;
}

/// A prepared statement: bind by 1-based index, step, read columns.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> blob);
  Statement& bind_null(int index);

  /// One step: true when a row is ready, false when done; an Error on failure
  /// (constraint or trigger refusals carry the trigger's message).
  Result<bool> step();
  /// Step to completion (for INSERT/UPDATE/DELETE).
  Result<void> run();
  void reset();

  std::int64_t column_int(int index) const;
  std::string column_text(int index) const;
  std::vector<std::uint8_t> column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<detail::StatementCache> cache);
  /// Back to the cache (reset, bindings cleared) or finalized when there is none.
  void give_back() noexcept;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::shared_ptr<detail::StatementCache> cache_;
};

struct OpenOptions {
  std::filesystem::path path;  ///< the store file (created when absent)
  std::chrono::milliseconds busy_timeout{5000};
  bool create_if_missing = true;
  /// Tests only: a registered SQLite VFS name to open the store through (the power-cut
  /// test's VFS, which decides what survives a cut). Empty: SQLite's default.
  std::string test_vfs;
  /// Tests only, the power-cut test's proof that it catches a missing sync: the store
  /// runs with synchronous=OFF (set and read back) instead of FULL. Refused
  /// ("spool.unsafe_settings") unless test_vfs is set too, so a station can never run
  /// so by a stray flag. Every other open requires FULL and refuses to run without it.
  bool test_sync_off = false;
  /// Station id written into a new store's identity (store.hpp); may be empty.
  std::string station_id;
  /// Test hook: apply migrations up to this version only (0 = all). Used to build a
  /// store at every earlier schema version and upgrade it.
  int max_version = 0;
};

/// The SQLite application_id of a spool store: 'EKTP'. A file with another id is
/// someone else's and is never touched.
inline constexpr std::int32_t kApplicationId = 0x454B5450;

class Database {
 public:
  /// Open (or create), set and verify the pragmas (WAL, synchronous=FULL,
  /// foreign_keys=ON, secure_delete=ON, busy timeout), check application_id and user_version,
  /// run quick_check, apply pending migrations (each in one transaction).
  /// Never silently recreates a corrupt or foreign file.
  static Result<Database> open(const OpenOptions& options);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  /// A statement for `sql`. Prepared statements are cached by their SQL text: a
  /// Statement goes back to the cache (reset, bindings cleared) when it is destroyed,
  /// and the next prepare() of the same text reuses it (every card runs ~10
  /// transactions of the same few statements). Two live Statements of one text are
  /// two different statements.
  Result<Statement> prepare(std::string_view sql);
  Result<void> exec(std::string_view sql);

  /// Run `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back when `body`
  /// returns an error (or throws). The commit is durable when this returns ok.
  /// Nests: called inside another transaction it becomes a SAVEPOINT, so a
  /// failing inner body undoes only its own work and the outer transaction
  /// decides the commit (then "durable when this returns" holds for the outer one).
  Result<void> transaction(const std::function<Result<void>()>& body);
  /// True inside transaction().
  bool in_transaction() const;

  std::int64_t last_insert_rowid() const;
  /// Number of rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const;
  int schema_version() const;
  /// The newest schema version this build knows (the last embedded migration).
  static int latest_schema_version();
  /// The store file this connection has open.
  std::filesystem::path path() const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db);
  void close() noexcept;
  sqlite3* db_ = nullptr;
  std::shared_ptr<detail::StatementCache> cache_;
};

}  // namespace ektp::spool
