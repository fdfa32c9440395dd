#pragma once
/// Schema migrations: the numbered files spool/schema/NNNN_name.sql, compiled in
/// (spool/embed_schema.cmake) and applied forward, each in one transaction together
/// with its user_version bump.

#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::spool {
class Database;
}

namespace ektp::spool::detail {

/// One embedded schema file.
struct Migration {
  int version;            ///< NNNN of the file name; versions run 1, 2, 3... without gaps
  std::string_view name;  ///< file name without .sql
  std::string_view sql;   ///< the file's text
};

/// Every migration, in version order (generated file spool_schema.cpp).
const std::vector<Migration>& embedded_migrations();

/// Applies migrations (current, target] to `db`, each in its own BEGIN IMMEDIATE
/// transaction with `PRAGMA user_version`. Version 1 also stamps application_id and
/// creates the store identity (store.hpp) with `station_id`.
Result<void> migrate(Database& db, int current, int target, std::string_view station_id);

}  // namespace ektp::spool::detail
