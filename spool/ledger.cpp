// The blank-card ledger: movements in, balances out (see ledger.hpp, schema 0002).
#include "spool/ledger.hpp"

#include <chrono>
#include <utility>

#include "spool/spool_messages_ledger.hpp"

namespace ektp::spool::ledger {

namespace {

constexpr std::array<std::string_view, 7> kBucketCodes{
    "received", "in_stock", "in_hopper", "in_card_path", "issued", "spoiled", "returned"};
constexpr std::array<std::string_view, 7> kBucketWords{
    "received", "the stock", "the hopper", "the card path", "issued", "spoiled", "returned"};
constexpr std::array<std::string_view, 10> kReasonCodes{
    "chip_unreadable", "write_failed", "verify_failed", "lock_failed", "print_failed", "jam",
    "double_feed",     "damaged",      "voided",        "operator"};

std::int64_t to_ms(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// One movement row, as the table has it.
struct Row {
  std::string_view kind;
  Bucket from = Bucket::received;
  Bucket to = Bucket::received;
  std::int64_t count = 1;
  std::optional<std::string> reason, note, serial, serial_first, serial_last, delivery_ref, job_id,
      operator_id, approver;
  std::optional<std::int64_t> attempt_id;
  Time at;
};

Row make_row(std::string_view kind, Bucket from, Bucket to) {
  Row row;
  row.kind = kind;
  row.from = from;
  row.to = to;
  return row;
}

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

void bind_opt(Statement& stmt, int index, const std::optional<std::string>& value) {
  if (value) {
    stmt.bind(index, std::string_view(*value));
  } else {
    stmt.bind_null(index);
  }
}

// Each refusal of schema 0002 gets its own stable code (for programs, metrics and
// the message catalogue), found by the start of the trigger's fixed sentence.
std::string_view refusal_code(std::string_view message) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kCodes{{
      {"The hopper has no cards", "ledger.hopper_empty"},
      {"No card is in the card path", "ledger.card_path_empty"},
      {"Not enough blank cards in stock", "ledger.stock_short"},
      {"The hopper does not hold that many", "ledger.hopper_short"},
      {"No issued card is left", "ledger.nothing_to_void"},
      {"This correction would take more", "ledger.correction_too_large"},
      {"Voiding an issued card needs two", "ledger.needs_two_people"},
      {"A stock correction needs two", "ledger.needs_two_people"},
      {"A stock correction needs a reason", "ledger.needs_reason"},
      {"Unknown reason for a spoiled card", "ledger.unknown_reason"},
      {"This attempt already has its good card", "ledger.second_card"},
      {"This attempt has no fed card left", "ledger.nothing_to_unfeed"},
  }};
  for (const auto& [start, code] : kCodes)
    if (message.substr(0, start.size()) == start) return code;
  return "ledger.refused";
}

// The trigger's sentence, with the count now in the bucket the blanks were to come from.
Error refused(Database& db, const Row& row, Error error) {
  if (error.code != "spool.refused") return error;
  std::string message = std::move(error.message);
  if (row.from != Bucket::received) {
    if (auto now = balances(db)) {
      message += " (Now in " + std::string(describe(row.from)) + ": " +
                 std::to_string((*now)[row.from]) + ".)";
    }
  }
  std::string code(refusal_code(message));  // before the message is moved away
  return fail(std::move(code), std::move(message));
}

Result<std::int64_t> insert(Database& db, const Row& row) {
  if (row.count <= 0)
    return fail("ledger.incomplete",
                texts::say(texts::ledger_not_recorded, texts::say(texts::ledger_count_positive)));
  auto stmt = db.prepare(
      "INSERT INTO ledger_movement (kind, from_bucket, to_bucket, count, reason, note, serial, "
      "serial_first, serial_last, delivery_ref, job_id, attempt_id, operator, approver, at_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!stmt) return stmt.error();
  stmt->bind(1, row.kind).bind(2, to_string(row.from)).bind(3, to_string(row.to));
  stmt->bind(4, row.count);
  bind_opt(*stmt, 5, row.reason);
  bind_opt(*stmt, 6, row.note);
  bind_opt(*stmt, 7, row.serial);
  bind_opt(*stmt, 8, row.serial_first);
  bind_opt(*stmt, 9, row.serial_last);
  bind_opt(*stmt, 10, row.delivery_ref);
  bind_opt(*stmt, 11, row.job_id);
  if (row.attempt_id) {
    stmt->bind(12, *row.attempt_id);
  } else {
    stmt->bind_null(12);
  }
  bind_opt(*stmt, 13, row.operator_id);
  bind_opt(*stmt, 14, row.approver);
  stmt->bind(15, to_ms(row.at));
  if (auto r = stmt->run(); !r) return refused(db, row, r.error());
  return db.last_insert_rowid();
}

Error needs(texts::Template<0> what) {
  return fail("ledger.incomplete", texts::say(texts::ledger_not_recorded, texts::say(what)));
}

Result<Balances> read_balances(Database& db, std::string_view sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  Balances result;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    auto bucket = bucket_from_string(stmt->column_text(0));
    if (!bucket)
      return fail("ledger.damaged", texts::say(texts::ledger_unknown_place, stmt->column_text(0)));
    result[*bucket] = stmt->column_int(1);
  }
  return result;
}

}  // namespace

std::string_view to_string(Bucket bucket) { return kBucketCodes[static_cast<std::size_t>(bucket)]; }

std::optional<Bucket> bucket_from_string(std::string_view text) {
  for (Bucket b : kAllBuckets)
    if (to_string(b) == text) return b;
  return std::nullopt;
}

std::string_view describe(Bucket bucket) { return kBucketWords[static_cast<std::size_t>(bucket)]; }

std::string_view to_string(SpoilReason reason) {
  return kReasonCodes[static_cast<std::size_t>(reason)];
}

std::optional<SpoilReason> spoil_reason_from_string(std::string_view text) {
  for (SpoilReason r : kAllSpoilReasons)
    if (to_string(r) == text) return r;
  return std::nullopt;
}

bool Balances::balanced() const {
  std::int64_t sum = 0;
  for (Bucket b : kAllBuckets) {
    if ((*this)[b] < 0) return false;
    if (b != Bucket::received) sum += (*this)[b];
  }
  return sum == (*this)[Bucket::received];
}

Result<std::int64_t> record_receipt(Database& db, const Receipt& receipt) {
  if (receipt.delivery_ref.empty()) return needs(texts::delivery_needs_note);
  if (receipt.operator_id.empty()) return needs(texts::delivery_needs_operator);
  Row row = make_row("receipt", Bucket::received, Bucket::in_stock);
  row.count = receipt.count;
  row.delivery_ref = receipt.delivery_ref;
  row.serial_first = receipt.serial_first;
  row.serial_last = receipt.serial_last;
  row.operator_id = receipt.operator_id;
  row.note = non_empty(receipt.note);
  row.at = receipt.at;
  return insert(db, row);
}

Result<std::int64_t> record_load(Database& db, const Load& load) {
  if (load.operator_id.empty()) return needs(texts::load_needs_operator);
  Row row = make_row("load", Bucket::in_stock, Bucket::in_hopper);
  row.count = load.count;
  row.operator_id = load.operator_id;
  row.at = load.at;
  return insert(db, row);
}

Result<std::int64_t> record_feed(Database& db, const Feed& feed) {
  Row row = make_row("feed", Bucket::in_hopper, Bucket::in_card_path);
  row.job_id = feed.job_id;
  row.attempt_id = feed.attempt_id;
  row.at = feed.at;
  return insert(db, row);
}

Result<std::int64_t> record_unfeed(Database& db, const Unfeed& unfeed) {
  if (unfeed.reason.empty()) return needs(texts::unfeed_needs_reason_short);
  Row row = make_row("unfeed", Bucket::in_card_path, Bucket::in_hopper);
  row.job_id = unfeed.job_id;
  row.attempt_id = unfeed.attempt_id;
  row.reason = unfeed.reason;
  row.at = unfeed.at;
  return insert(db, row);
}

Result<std::int64_t> record_issue(Database& db, const Issue& issue) {
  if (issue.chip_serial.empty()) return needs(texts::issue_needs_serial);
  Row row = make_row("issue", Bucket::in_card_path, Bucket::issued);
  row.serial = issue.chip_serial;
  row.attempt_id = issue.attempt_id;
  row.job_id = issue.job_id;
  row.at = issue.at;
  return insert(db, row);
}

Result<std::int64_t> record_spoil(Database& db, const Spoil& spoil) {
  if (spoil.from != Bucket::in_card_path && spoil.from != Bucket::in_hopper &&
      spoil.from != Bucket::issued)
    return needs(texts::spoil_where);
  Row row = make_row("spoil", spoil.from, Bucket::spoiled);
  row.count = spoil.count;
  row.reason = std::string(to_string(spoil.reason));
  row.serial = spoil.serial;
  row.job_id = spoil.job_id;
  row.attempt_id = spoil.attempt_id;
  row.operator_id = spoil.operator_id;
  row.approver = spoil.approver;
  row.note = non_empty(spoil.note);
  row.at = spoil.at;
  return insert(db, row);
}

Result<std::int64_t> record_return(Database& db, const Return& ret) {
  if (ret.operator_id.empty()) return needs(texts::return_needs_operator);
  Row row = make_row("return", Bucket::in_stock, Bucket::returned);
  row.count = ret.count;
  row.reason = non_empty(ret.reason);
  row.operator_id = ret.operator_id;
  row.note = non_empty(ret.note);
  row.at = ret.at;
  return insert(db, row);
}

Result<std::int64_t> record_correction(Database& db, const Correction& correction) {
  if (correction.bucket == Bucket::received) return needs(texts::correct_counted_place);
  if (correction.delta == 0) return needs(texts::correction_zero);
  Row row = make_row("correction", Bucket::received, correction.bucket);
  if (correction.delta < 0) std::swap(row.from, row.to);
  row.count = correction.delta < 0 ? -correction.delta : correction.delta;
  // Empty names go to the database as NULL, so its refusal (two people) speaks.
  row.reason = non_empty(correction.reason);
  row.note = non_empty(correction.note);
  row.operator_id = non_empty(correction.operator_id);
  row.approver = non_empty(correction.approver);
  row.at = correction.at;
  return insert(db, row);
}

Result<std::vector<std::int64_t>> record_stocktake(Database& db, const Stocktake& stocktake) {
  if (stocktake.operator_id.empty() || stocktake.approver.empty() ||
      stocktake.operator_id == stocktake.approver)
    return needs(texts::stocktake_needs_two);
  if (stocktake.in_stock < 0 || stocktake.in_hopper < 0 || stocktake.in_card_path < 0)
    return needs(texts::count_not_negative);
  std::vector<std::int64_t> ids;
  auto body = [&]() -> Result<void> {
    auto ledger = balances(db);
    if (!ledger) return ledger.error();
    const std::array<std::pair<Bucket, std::int64_t>, 3> counted{
        {{Bucket::in_stock, stocktake.in_stock},
         {Bucket::in_hopper, stocktake.in_hopper},
         {Bucket::in_card_path, stocktake.in_card_path}}};
    for (const auto& [bucket, count] : counted) {
      if (count == (*ledger)[bucket]) continue;
      auto id = record_correction(db, {.bucket = bucket,
                                       .delta = count - (*ledger)[bucket],
                                       .reason = "stocktake",
                                       .note = stocktake.note,
                                       .operator_id = stocktake.operator_id,
                                       .approver = stocktake.approver,
                                       .at = stocktake.at});
      if (!id) return id.error();
      ids.push_back(*id);
    }
    return ok();
  };
  if (auto r = db.transaction(body); !r) return r.error();
  return ids;
}

Result<Balances> balances(Database& db) {
  return read_balances(db, "SELECT bucket, balance FROM ledger_balance");
}

Result<Balances> recompute(Database& db) {
  // Same rule as the trigger ledger_apply: the external account grows with what
  // comes in and shrinks with what is written off.
  return read_balances(db,
                       "SELECT b.bucket, coalesce(("
                       "  SELECT total(CASE"
                       "    WHEN m.from_bucket = 'received' THEN m.count"
                       "    WHEN m.to_bucket = 'received' THEN -m.count"
                       "    WHEN m.from_bucket = b.bucket THEN -m.count"
                       "    ELSE m.count END)"
                       "  FROM ledger_movement m"
                       "  WHERE b.bucket IN (m.from_bucket, m.to_bucket)), 0)"
                       " FROM ledger_balance b");
}

Result<CheckReport> check(Database& db) {
  CheckReport report;
  auto cached = balances(db);
  if (!cached) return cached.error();
  auto truth = recompute(db);
  if (!truth) return truth.error();
  report.cached = *cached;
  report.recomputed = *truth;
  report.ok = report.cached == report.recomputed && report.recomputed.balanced();
  if (!report.ok) {
    std::string detail;
    for (Bucket b : kAllBuckets) {
      if (report.cached[b] != report.recomputed[b])
        detail +=
            texts::say(texts::count_line, to_string(b), report.cached[b], report.recomputed[b]);
    }
    report.message = texts::say(texts::counts_mismatch, detail);
  }
  return report;
}

}  // namespace ektp::spool::ledger
