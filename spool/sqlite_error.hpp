#pragma once
/// Turns an SQLite result code into an Error for people (internal to spool/).

#include <string_view>

#include "drivers/common/result.hpp"

struct sqlite3;

namespace ektp::spool::detail {

/// The Error for SQLite code `rc` (extended codes welcome) on connection `db`
/// (may be null), while doing `what` (e.g. "save the job"). Codes:
///   spool.disk_full, spool.read_only, spool.cannot_open, spool.damaged,
///   spool.busy, spool.io_error, spool.refused (a trigger's RAISE message: the
///   message is the trigger's own text), spool.constraint, spool.sqlite.
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace ektp::spool::detail
