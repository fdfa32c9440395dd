// The append-only audit log (see audit.hpp, schema 0003).
#include "spool/audit.hpp"

#include <algorithm>
#include <chrono>

#include "spool/spool_messages_files.hpp"

namespace ektp::spool::audit {

namespace {

std::int64_t to_ms(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

void bind_text_or_null(Statement& stmt, int index, std::string_view text) {
  if (text.empty()) {
    stmt.bind_null(index);
  } else {
    stmt.bind(index, text);
  }
}

}  // namespace

bool needs_approval(std::string_view action) {
  return std::find(kTwoPersonActions.begin(), kTwoPersonActions.end(), action) !=
         kTwoPersonActions.end();
}

Result<std::int64_t> record(Database& db, const Entry& entry) {
  if (entry.operator_id.empty()) return fail("audit.refused", texts::say(texts::audit_no_operator));
  if (entry.action.empty()) return fail("audit.refused", texts::say(texts::audit_no_action));
  auto stmt = db.prepare(
      "INSERT INTO audit_log (at_ms, operator, action, target_kind, target_id, detail, approver) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_ms(entry.at))
      .bind(2, std::string_view(entry.operator_id))
      .bind(3, std::string_view(entry.action));
  bind_text_or_null(*stmt, 4, entry.target_kind);
  bind_text_or_null(*stmt, 5, entry.target_id);
  bind_text_or_null(*stmt, 6, entry.detail_json);
  bind_text_or_null(*stmt, 7, entry.approver.value_or(std::string()));
  if (auto r = stmt->run(); !r) {
    if (r.error().code == "spool.refused") return fail("audit.refused", r.error().message);
    return r.error();
  }
  return db.last_insert_rowid();
}

Result<std::int64_t> record_and_report(Database& db, const Entry& entry) {
  std::int64_t id = 0;
  auto body = [&]() -> Result<void> {
    auto stored = record(db, entry);
    if (!stored) return stored.error();
    id = *stored;
    auto event = outbox::events::audit_entry(
        id, entry.operator_id, entry.action, entry.target_kind, entry.target_id,
        entry.approver.value_or(std::string()), entry.detail_json);
    auto appended = outbox::append(db, event, entry.at);
    if (!appended) return appended.error();
    return ok();
  };
  if (auto r = db.transaction(body); !r) return r.error();
  return id;
}

Result<std::vector<Stored>> entries(Database& db, Time from, Time to) {
  auto stmt = db.prepare(
      "SELECT id, at_ms, operator, action, target_kind, target_id, detail, approver "
      "FROM audit_log WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_ms(from)).bind(2, to_ms(to));
  std::vector<Stored> result;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    Stored s;
    s.id = stmt->column_int(0);
    s.entry.at = Time(std::chrono::milliseconds(stmt->column_int(1)));
    s.entry.operator_id = stmt->column_text(2);
    s.entry.action = stmt->column_text(3);
    s.entry.target_kind = stmt->column_text(4);
    s.entry.target_id = stmt->column_text(5);
    s.entry.detail_json = stmt->column_text(6);
    if (!stmt->column_is_null(7)) s.entry.approver = stmt->column_text(7);
    result.push_back(std::move(s));
  }
  return result;
}

}  // namespace ektp::spool::audit
