#include "spool/cursor.hpp"

#include "spool/transition_sql.hpp"

namespace ektp::spool {

Result<std::optional<std::string>> load_cursor(Database& db) {
  auto q = db.prepare("SELECT cursor FROM intake_cursor WHERE singleton = 1");
  if (!q) return q.error();
  auto row = q->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(q->column_text(0));
}

Result<void> store_cursor(Database& db, std::string_view cursor, const Clock& clock) {
  return db.transaction([&]() -> Result<void> {
    auto q = db.prepare(
        "INSERT INTO intake_cursor (singleton, cursor, updated_at_ms) VALUES (1, ?1, ?2) "
        "ON CONFLICT (singleton) DO UPDATE SET cursor = excluded.cursor, "
        "updated_at_ms = excluded.updated_at_ms");
    if (!q) return q.error();
    return q->bind(1, cursor).bind(2, detail::now_ms(clock)).run();
  });
}

}  // namespace ektp::spool
