#include "spool/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

#include "drivers/common/language.hpp"
#include "spool/spool_messages_store.hpp"

namespace ektp::spool::detail {

namespace {

std::string store_name(sqlite3* db) {
  const char* name = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  return name != nullptr && *name != '\0' ? std::string(name) : texts::say(texts::store_unnamed);
}

}  // namespace

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  // `what` is an English catalogue entry (spool_messages_store.hpp, doing_*).
  const std::string doing = i18n::translate(std::string(what).c_str());
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return fail("spool.disk_full", texts::say(texts::disk_full, doing));
    case SQLITE_READONLY:
      return fail("spool.read_only", texts::say(texts::store_read_only, store_name(db), doing));
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return fail("spool.cannot_open",
                  texts::say(texts::store_cannot_open, store_name(db), detail, doing));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return fail("spool.damaged", texts::say(texts::store_damaged, store_name(db), detail));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return fail("spool.busy", texts::say(texts::store_busy, store_name(db), doing));
    case SQLITE_IOERR:
      return fail("spool.io_error", texts::say(texts::disk_io_error, detail, doing));
    case SQLITE_CONSTRAINT:
      // A trigger's RAISE(ABORT, '...') text is a message for people already.
      if (rc == SQLITE_CONSTRAINT_TRIGGER) return fail("spool.refused", detail);
      return fail("spool.constraint", texts::say(texts::store_constraint, doing, detail));
    default:
      return fail("spool.sqlite", texts::say(texts::store_failed, doing, detail));
  }
}

}  // namespace ektp::spool::detail
