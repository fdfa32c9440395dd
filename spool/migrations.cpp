// Applies the embedded schema migrations forward (see migrations.hpp).
#include "spool/migrations.hpp"

#include <chrono>
#include <string>

#include "spool/db.hpp"
#include "spool/spool_messages_files.hpp"
#include "spool/store.hpp"

namespace ektp::spool::detail {

Result<void> migrate(Database& db, int current, int target, std::string_view station_id) {
  for (const Migration& m : embedded_migrations()) {
    if (m.version <= current || m.version > target) continue;
    auto applied = db.transaction([&]() -> Result<void> {
      // A crash between two migrations leaves the store at the last whole version.
      if (auto r = db.exec(m.sql); !r) {
        return fail(r.error().code, texts::say(texts::migration_failed, m.name, r.error().message));
      }
      if (m.version == 1) {
        if (auto r = db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)); !r)
          return r;
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        if (auto r = create_identity(db, station_id, now); !r) return r;
      }
      return db.exec("PRAGMA user_version = " + std::to_string(m.version));
    });
    if (!applied) return applied;
  }
  return ok();
}

}  // namespace ektp::spool::detail
