#pragma once
/// Reports from the blank-card ledger: the spoilage list for the official
/// destruction report, daily issue counts, and how long the stock lasts.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/ledger.hpp"

namespace ektp::spool::ledger {

/// One spoil movement, as the destruction report lists it.
struct SpoiledCards {
  std::int64_t movement_id = 0;
  Time at;
  Bucket from = Bucket::in_card_path;
  std::int64_t count = 1;
  SpoilReason reason = SpoilReason::operator_decision;
  std::optional<std::string> serial;  ///< chip serial when it could be read
  std::optional<std::string> job_id;
  std::optional<std::int64_t> attempt_id;
  std::optional<std::string> operator_id;
  std::optional<std::string> approver;
};

/// The spoilage list for a period [from, to).
struct SpoilageReport {
  Time from, to;
  std::vector<SpoiledCards> entries;              ///< oldest first
  std::map<SpoilReason, std::int64_t> by_reason;  ///< cards per reason (reasons with none left out)
  std::int64_t total = 0;                         ///< cards spoiled in the period
  std::int64_t without_serial = 0;                ///< of which no chip serial is known
};
Result<SpoilageReport> spoilage_report(Database& db, Time from, Time to);

/// Cards issued on one calendar day (local to the office).
struct DayCount {
  std::string date;  ///< YYYY-MM-DD in the office's time zone
  std::int64_t issued = 0;
};
/// One entry per day from the day of `from` to the day of `to - 1ms`, days
/// without issues included (as 0). `utc_offset` is the office's offset
/// (Indonesia: WIB +7 h, WITA +8 h, WIT +9 h; no daylight saving).
Result<std::vector<DayCount>> daily_issue_counts(Database& db, Time from, Time to,
                                                 std::chrono::minutes utc_offset);

/// How long the blanks on hand last.
///
/// stock = in_stock + in_hopper. The rate is the blanks used per day over the
/// last `window_days` before `now`: cards issued plus blanks spoiled from the
/// hopper or the card path (a spoiled blank is gone as surely as an issued one;
/// voids of issued cards are not counted again). A store younger than the
/// window uses its own age (at least one day), so a new station does not see
/// its rate diluted. days_left = stock / rate; none when nothing was used.
struct StockOutlook {
  std::int64_t stock = 0;
  int window_days = 14;
  double window_days_used = 0;  ///< the window actually used (store age cap)
  std::int64_t issued_in_window = 0;
  std::int64_t spoiled_in_window = 0;
  double used_per_day = 0;
  std::optional<double> days_left;
  std::int64_t ready_jobs = 0;  ///< jobs waiting for a card (given by the caller)
  std::int64_t shortfall = 0;   ///< ready_jobs - stock when positive: cards missing
};
Result<StockOutlook> stock_outlook(Database& db, Time now, int window_days = 14,
                                   std::int64_t ready_jobs = 0);

}  // namespace ektp::spool::ledger
