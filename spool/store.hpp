#pragma once
/// The store's identity: one row made when the store is created (schema 0001).
///
/// The store id is a random UUID (v4) that never changes for the life of the file;
/// a restored backup gets a new one (mark_restored), so outbox event ids
/// (station id, store id, sequence) are never reused. `restored` stays set until an
/// operator's stocktake clears it: no card is printed meanwhile.

#include <cstdint>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "spool/db.hpp"

namespace ektp::spool {

/// What store_meta holds.
struct StoreIdentity {
  std::string store_id;        ///< UUID v4, lower case
  std::string station_id;      ///< configured station id; may be empty
  std::int64_t created_at_ms;  ///< Unix time, milliseconds
  bool restored = false;       ///< made from a backup; cleared by a stocktake
};

/// Reads the identity row.
Result<StoreIdentity> load_identity(Database& db);
/// Changes the station id (e.g. at enrolment).
Result<void> set_station_id(Database& db, std::string_view station_id);
/// After a restore: a new store id and restored = true (one transaction).
Result<void> mark_restored(Database& db);
/// After the operator's stocktake of a restored store.
Result<void> clear_restored(Database& db);

/// A random UUID v4 (libsodium randombytes), lower-case text.
std::string make_uuid_v4();
/// True for a UUID in canonical text form (8-4-4-4-12 hex digits, any case).
bool is_uuid(std::string_view text);

namespace detail {
/// Inserts the identity row of a new store (called by migration 1, in its transaction).
Result<void> create_identity(Database& db, std::string_view station_id, std::int64_t now_ms);
}  // namespace detail

}  // namespace ektp::spool
