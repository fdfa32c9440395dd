// Ledger reports: the spoilage list, daily issue counts, days of stock left.
#include <doctest/doctest.h>

#include "spool/ledger_reports.hpp"
#include "tests/support/require_ok.hpp"
#include "tests/unit/spool_ledger/store_fixture.hpp"

namespace ektp::spool::ledger {
namespace {

using namespace std::chrono_literals;
using test::at;

void receive(Database& db, std::int64_t n, Time when) {
  REQUIRE_OK(record_receipt(db, {.count = n,
                                 .delivery_ref = "SJ-2026/0042",
                                 .serial_first = {},
                                 .serial_last = {},
                                 .operator_id = "ani",
                                 .note = "",
                                 .at = when}));
}

// Feed and issue one card (attempt `attempt`) at `when`.
void make_card(Database& db, std::int64_t attempt, Time when) {
  REQUIRE_OK(record_feed(db, {.job_id = {}, .attempt_id = attempt, .at = when}));
  REQUIRE_OK(record_issue(db, {.chip_serial = "04" + std::to_string(attempt),
                               .attempt_id = attempt,
                               .job_id = {},
                               .at = when}));
}

void spoil_in_path(Database& db, SpoilReason reason, std::optional<std::string> serial, Time when) {
  REQUIRE_OK(record_feed(db, {.job_id = {}, .attempt_id = 1, .at = when}));
  REQUIRE_OK(record_spoil(db, {.from = Bucket::in_card_path,
                               .count = 1,
                               .reason = reason,
                               .serial = std::move(serial),
                               .job_id = "job-1",
                               .attempt_id = 1,
                               .operator_id = {},
                               .approver = {},
                               .note = "",
                               .at = when}));
}

TEST_CASE("the spoilage list for a period: serials, reasons, counts per reason") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 100, at(0ms));
  REQUIRE_OK(record_load(db, {.count = 50, .operator_id = "ani", .at = at(0ms)}));
  spoil_in_path(db, SpoilReason::jam, "04000001", at(23h));            // before the period
  spoil_in_path(db, SpoilReason::verify_failed, "04000002", at(24h));  // first instant: in
  spoil_in_path(db, SpoilReason::verify_failed, "04000003", at(30h));
  spoil_in_path(db, SpoilReason::chip_unreadable, std::nullopt, at(40h));  // serial unknown
  REQUIRE_OK(record_spoil(db, {.from = Bucket::in_hopper,
                               .count = 5,
                               .reason = SpoilReason::damaged,
                               .serial = {},
                               .job_id = {},
                               .attempt_id = {},
                               .operator_id = "ani",
                               .approver = {},
                               .note = "",
                               .at = at(41h)}));
  spoil_in_path(db, SpoilReason::jam, "04000009", at(48h));  // the period's end: out

  auto report = spoilage_report(db, at(24h), at(48h));
  REQUIRE_OK(report);
  REQUIRE(report->entries.size() == 4);
  CHECK(report->entries[0].serial == "04000002");
  CHECK(report->entries[0].reason == SpoilReason::verify_failed);
  CHECK(report->entries[0].job_id == "job-1");
  CHECK(report->entries[0].at == at(24h));
  CHECK(report->entries[1].serial == "04000003");
  CHECK_FALSE(report->entries[2].serial.has_value());
  CHECK(report->entries[3].from == Bucket::in_hopper);
  CHECK(report->entries[3].count == 5);
  CHECK(report->entries[3].operator_id == "ani");
  CHECK(report->total == 8);
  CHECK(report->without_serial == 6);
  CHECK(report->by_reason.size() == 3);
  CHECK(report->by_reason.at(SpoilReason::verify_failed) == 2);
  CHECK(report->by_reason.at(SpoilReason::chip_unreadable) == 1);
  CHECK(report->by_reason.at(SpoilReason::damaged) == 5);
  CHECK(report->by_reason.count(SpoilReason::jam) == 0);

  auto all = spoilage_report(db, at(0ms), at(72h));
  REQUIRE_OK(all);
  CHECK(all->total == 10);
  CHECK(all->by_reason.at(SpoilReason::jam) == 2);
}

TEST_CASE("daily issue counts, by the office's own calendar day, days without issues as 0") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 100, at(0ms));
  REQUIRE_OK(record_load(db, {.count = 100, .operator_id = "ani", .at = at(0ms)}));
  // t0 is 2026-03-02 00:00 UTC = 07:00 WIB.
  make_card(db, 1, at(1h));   // 03-02 08:00 WIB
  make_card(db, 2, at(16h));  // 03-02 23:00 WIB
  make_card(db, 3, at(17h));  // 03-03 00:00 WIB: the next day there
  make_card(db, 4, at(72h));  // 03-05 07:00 WIB
  const auto wib = std::chrono::minutes(7 * 60);
  auto days = daily_issue_counts(db, at(-7h), at(24h * 4 - 7h), wib);  // 03-02 .. 03-05 WIB
  REQUIRE_OK(days);
  REQUIRE(days->size() == 4);
  CHECK((*days)[0].date == "2026-03-02");
  CHECK((*days)[0].issued == 2);
  CHECK((*days)[1].date == "2026-03-03");
  CHECK((*days)[1].issued == 1);
  CHECK((*days)[2].date == "2026-03-04");
  CHECK((*days)[2].issued == 0);
  CHECK((*days)[3].date == "2026-03-05");
  CHECK((*days)[3].issued == 1);

  auto utc = daily_issue_counts(db, at(0ms), at(24h), std::chrono::minutes(0));
  REQUIRE_OK(utc);
  REQUIRE(utc->size() == 1);
  CHECK((*utc)[0].issued == 3);  // in UTC all three were on 03-02
}

TEST_CASE("days of stock left, the seeds' case: 35,000 ready, 20,000 blanks, 400 cards a day") {
  test::TempStore store;
  auto& db = store.db();
  // A week at 400 cards a day, then 20,000 blanks left.
  auto committed0 = db.transaction([&]() -> Result<void> {
    receive(db, 22'800, at(0ms));
    REQUIRE_OK(record_load(db, {.count = 3'000, .operator_id = "ani", .at = at(0ms)}));
    std::int64_t attempt = 0;
    for (int day = 0; day < 7; ++day)
      for (int card = 0; card < 400; ++card)
        make_card(db, ++attempt, at(std::chrono::hours(24 * day + 8) + std::chrono::seconds(card)));
    return ok();
  });
  REQUIRE_OK(committed0);
  const auto now = at(24h * 7);

  auto outlook = stock_outlook(db, now, 7, 35'000);
  REQUIRE_OK(outlook);
  CHECK(outlook->stock == 20'000);
  CHECK(outlook->issued_in_window == 2'800);
  CHECK(outlook->spoiled_in_window == 0);
  CHECK(outlook->used_per_day == doctest::Approx(400.0));
  REQUIRE(outlook->days_left.has_value());
  CHECK(*outlook->days_left == doctest::Approx(50.0));
  CHECK(outlook->shortfall == 15'000);

  // A 14-day window on a store a week old uses the week, not half the rate.
  auto young = stock_outlook(db, now, 14, 35'000);
  REQUIRE_OK(young);
  CHECK(young->window_days_used == doctest::Approx(7.0));
  CHECK(*young->days_left == doctest::Approx(50.0));

  // Spoiled blanks are used up too: 14 more in the week make 402 a day.
  for (int i = 0; i < 14; ++i)
    REQUIRE_OK(record_spoil(db, {.from = Bucket::in_hopper,
                                 .count = 1,
                                 .reason = SpoilReason::double_feed,
                                 .serial = {},
                                 .job_id = {},
                                 .attempt_id = {},
                                 .operator_id = {},
                                 .approver = {},
                                 .note = "",
                                 .at = at(std::chrono::hours(24 * 6 + 12))}));
  auto with_spoils = stock_outlook(db, now, 7, 0);
  REQUIRE_OK(with_spoils);
  CHECK(with_spoils->stock == 19'986);
  CHECK(with_spoils->used_per_day == doctest::Approx(402.0));
  CHECK(*with_spoils->days_left == doctest::Approx(19'986.0 / 402.0));
  CHECK(with_spoils->shortfall == 0);
}

TEST_CASE("days of stock left is unknown when no card was used") {
  test::TempStore store;
  auto& db = store.db();
  receive(db, 500, at(0ms));
  auto outlook = stock_outlook(db, at(24h * 3), 14, 0);
  REQUIRE_OK(outlook);
  CHECK(outlook->stock == 500);
  CHECK_FALSE(outlook->days_left.has_value());
  CHECK_FALSE(stock_outlook(db, at(0ms), 0, 0).ok());
}

}  // namespace
}  // namespace ektp::spool::ledger
