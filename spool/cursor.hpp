#pragma once
/// The intake cursor: where the last pull from central stopped
/// (`GET .../jobs?after={cursor}`). Stored after the pulled bundles are committed,
/// so a crash in between re-pulls bundles (no-ops), never skips one.

#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"

namespace ektp::spool {

/// The stored cursor; empty before the first pull.
Result<std::optional<std::string>> load_cursor(Database& db);
/// Stores the cursor (one transaction; nests inside an outer one).
Result<void> store_cursor(Database& db, std::string_view cursor, const Clock& clock);

}  // namespace ektp::spool
