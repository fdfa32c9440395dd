#include "spool/store.hpp"

#include <sodium.h>

#include <array>
#include <cctype>

#include "spool/spool_messages_files.hpp"

namespace ektp::spool {

std::string make_uuid_v4() {
  // sodium_init() is idempotent and thread-safe; randombytes works without it on
  // Linux, but calling it keeps libsodium's own checks in place.
  if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe
  std::array<unsigned char, 16> b{};
  randombytes_buf(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4];
    out += hex[b[i] & 0x0f];
  }
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

Result<StoreIdentity> load_identity(Database& db) {
  auto q = db.prepare(
      "SELECT store_id, station_id, created_at_ms, restored FROM store_meta WHERE singleton = 1");
  if (!q) return q.error();
  auto row = q->step();
  if (!row) return row.error();
  if (!*row) return fail("spool.no_identity", texts::say(texts::no_identity));
  return StoreIdentity{q->column_text(0), q->column_text(1), q->column_int(2),
                       q->column_int(3) != 0};
}

Result<void> set_station_id(Database& db, std::string_view station_id) {
  auto q = db.prepare("UPDATE store_meta SET station_id = ?1 WHERE singleton = 1");
  if (!q) return q.error();
  return q->bind(1, station_id).run();
}

Result<void> mark_restored(Database& db) {
  auto q = db.prepare("UPDATE store_meta SET store_id = ?1, restored = 1 WHERE singleton = 1");
  if (!q) return q.error();
  return q->bind(1, make_uuid_v4()).run();
}

Result<void> clear_restored(Database& db) {
  return db.exec("UPDATE store_meta SET restored = 0 WHERE singleton = 1");
}

namespace detail {

Result<void> create_identity(Database& db, std::string_view station_id, std::int64_t now_ms) {
  auto q = db.prepare(
      "INSERT INTO store_meta (singleton, store_id, station_id, created_at_ms, restored) "
      "VALUES (1, ?1, ?2, ?3, 0)");
  if (!q) return q.error();
  return q->bind(1, make_uuid_v4()).bind(2, station_id).bind(3, now_ms).run();
}

}  // namespace detail

}  // namespace ektp::spool
