// Ledger reports: spoilage list, daily issues, stock outlook (see ledger_reports.hpp).
#include "spool/ledger_reports.hpp"

#include <algorithm>
#include <cstdio>

#include "spool/spool_messages_files.hpp"

namespace ektp::spool::ledger {

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::int64_t to_ms(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
Time from_ms(std::int64_t ms) { return Time(std::chrono::milliseconds(ms)); }

std::optional<std::string> opt_text(const Statement& stmt, int column) {
  if (stmt.column_is_null(column)) return std::nullopt;
  return stmt.column_text(column);
}

// Days since 1970-01-01 → "YYYY-MM-DD" (proleptic Gregorian, via <chrono>).
std::string date_text(std::int64_t day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace

Result<SpoilageReport> spoilage_report(Database& db, Time from, Time to) {
  SpoilageReport report;
  report.from = from;
  report.to = to;
  auto stmt = db.prepare(
      "SELECT id, at_ms, from_bucket, count, reason, serial, job_id, attempt_id, operator, "
      "approver FROM ledger_movement WHERE kind = 'spoil' AND at_ms >= ?1 AND at_ms < ?2 "
      "ORDER BY at_ms, id");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_ms(from)).bind(2, to_ms(to));
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    SpoiledCards entry;
    entry.movement_id = stmt->column_int(0);
    entry.at = from_ms(stmt->column_int(1));
    auto bucket = bucket_from_string(stmt->column_text(2));
    auto reason = spoil_reason_from_string(stmt->column_text(4));
    if (!bucket || !reason)
      return fail("ledger.damaged", texts::say(texts::spoiled_record_unknown, stmt->column_text(2),
                                               stmt->column_text(4)));
    entry.from = *bucket;
    entry.count = stmt->column_int(3);
    entry.reason = *reason;
    entry.serial = opt_text(*stmt, 5);
    entry.job_id = opt_text(*stmt, 6);
    if (!stmt->column_is_null(7)) entry.attempt_id = stmt->column_int(7);
    entry.operator_id = opt_text(*stmt, 8);
    entry.approver = opt_text(*stmt, 9);
    report.by_reason[entry.reason] += entry.count;
    report.total += entry.count;
    if (!entry.serial) report.without_serial += entry.count;
    report.entries.push_back(std::move(entry));
  }
  return report;
}

Result<std::vector<DayCount>> daily_issue_counts(Database& db, Time from, Time to,
                                                 std::chrono::minutes utc_offset) {
  const std::int64_t offset_ms = utc_offset.count() * 60 * 1000;
  const std::int64_t first_day = floor_div(to_ms(from) + offset_ms, kDayMs);
  const std::int64_t last_day = floor_div(to_ms(to) - 1 + offset_ms, kDayMs);
  std::vector<DayCount> days;
  if (last_day < first_day) return days;
  for (std::int64_t d = first_day; d <= last_day; ++d) days.push_back({date_text(d), 0});

  // Local day of each issue: (at_ms + offset) / one day, floored (times are after 1970).
  auto stmt = db.prepare(
      "SELECT (at_ms + ?3) / 86400000 AS day, sum(count) FROM ledger_movement "
      "WHERE kind = 'issue' AND at_ms >= ?1 AND at_ms < ?2 GROUP BY day ORDER BY day");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_ms(from)).bind(2, to_ms(to)).bind(3, offset_ms);
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    const std::int64_t day = stmt->column_int(0);
    if (day >= first_day && day <= last_day)
      days[static_cast<std::size_t>(day - first_day)].issued = stmt->column_int(1);
  }
  return days;
}

Result<StockOutlook> stock_outlook(Database& db, Time now, int window_days,
                                   std::int64_t ready_jobs) {
  if (window_days < 1) return fail("ledger.bad_window", texts::say(texts::issue_rate_window));
  StockOutlook outlook;
  outlook.window_days = window_days;
  outlook.ready_jobs = ready_jobs;
  auto now_balances = balances(db);
  if (!now_balances) return now_balances.error();
  outlook.stock = now_balances->stock();

  const std::int64_t now_ms = to_ms(now);
  const std::int64_t start_ms = now_ms - window_days * kDayMs;
  auto stmt = db.prepare(
      "SELECT "
      " coalesce(sum(CASE WHEN kind = 'issue' AND at_ms >= ?1 THEN count END), 0),"
      " coalesce(sum(CASE WHEN kind = 'spoil' AND from_bucket <> 'issued' AND at_ms >= ?1"
      "                   THEN count END), 0),"
      " min(at_ms) "
      "FROM ledger_movement WHERE at_ms < ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, start_ms).bind(2, now_ms);
  auto row = stmt->step();
  if (!row) return row.error();
  outlook.issued_in_window = stmt->column_int(0);
  outlook.spoiled_in_window = stmt->column_int(1);
  double days = window_days;
  if (!stmt->column_is_null(2)) {
    const double age_days = static_cast<double>(now_ms - stmt->column_int(2)) / kDayMs;
    days = std::clamp(age_days, 1.0, static_cast<double>(window_days));
  }
  outlook.window_days_used = days;
  const auto used = outlook.issued_in_window + outlook.spoiled_in_window;
  outlook.used_per_day = static_cast<double>(used) / days;
  if (used > 0) outlook.days_left = static_cast<double>(outlook.stock) / outlook.used_per_day;
  outlook.shortfall = std::max<std::int64_t>(0, ready_jobs - outlook.stock);
  return outlook;
}

}  // namespace ektp::spool::ledger
