#include "spool/sqlite_error.hpp"

#include <sqlite3.h>

#include <string>

namespace ektp::spool::detail {

namespace {

std::string store_name(sqlite3* db) {
  const char* name = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  return name != nullptr && *name != '\0' ? std::string(name) : std::string("(the spool store)");
}

}  // namespace

Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const std::string doing(what);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return fail("spool.disk_full",
                  "The station's disk is full, so the spool could not " + doing +
                      ". Nothing was half-saved. Free space on the station's disk (ask the "
                      "technician to remove old logs or backups), then try again.");
    case SQLITE_READONLY:
      return fail("spool.read_only",
                  "The spool store " + store_name(db) +
                      " cannot be written (read-only), so the "
                      "spool could not " +
                      doing +
                      ". Check that the station's state disk is mounted "
                      "read-write and that the folder belongs to the station's user, then restart "
                      "the station.");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return fail("spool.cannot_open",
                  "The spool store " + store_name(db) + " cannot be opened (" + detail +
                      "), so the spool could not " + doing +
                      ". Check that its folder exists, "
                      "is writable by the station's user and the disk is mounted, then restart "
                      "the station.");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return fail("spool.damaged",
                  "The spool store " + store_name(db) + " is damaged (" + detail +
                      "). Do not delete it: stop the station, keep the file for the "
                      "technician and restore the store from the latest backup; then do a "
                      "stocktake of the blank cards.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return fail("spool.busy", "The spool store " + store_name(db) +
                                    " is in use by another program, so "
                                    "the spool could not " +
                                    doing +
                                    ". Make sure only one station service "
                                    "runs, then try again.");
    case SQLITE_IOERR:
      return fail("spool.io_error", "The station could not read or write its disk (" + detail +
                                        ") while trying "
                                        "to " +
                                        doing +
                                        ". The disk may be failing or was removed: tell the "
                                        "technician.");
    case SQLITE_CONSTRAINT:
      // A trigger's RAISE(ABORT, '...') text is a message for people already.
      if (rc == SQLITE_CONSTRAINT_TRIGGER) return fail("spool.refused", detail);
      return fail("spool.constraint", "The spool refused to " + doing + ": " + detail +
                                          ". This is a fault in the station software: report it.");
    default:
      return fail("spool.sqlite", "The spool could not " + doing + " (" + detail +
                                      "). This is a fault in the station software: report it.");
  }
}

}  // namespace ektp::spool::detail
