// The outbox: append, take, acknowledge, backlog, and the typed events (see outbox.hpp).
#include "spool/outbox.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "spool/spool_messages_files.hpp"
#include "spool/store.hpp"

namespace ektp::spool::outbox {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> kTypeCodes{
    "job_accepted", "job_rejected",  "job_printing", "card_good",   "job_failed",
    "handed_over",  "blank_spoiled", "stock_report", "audit_entry", "heartbeat"};

std::int64_t to_ms(Time t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Operators' text is not trusted to be valid UTF-8; replace what is not.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

NewEvent make(EventType type, std::optional<std::string> job_id, const json& payload) {
  return NewEvent{type, std::move(job_id), dump(payload)};
}

}  // namespace

std::string_view to_string(EventType type) { return kTypeCodes[static_cast<std::size_t>(type)]; }

std::optional<EventType> event_type_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kTypeCodes.size(); ++i)
    if (kTypeCodes[i] == text) return static_cast<EventType>(i);
  return std::nullopt;
}

Result<EventId> append(Database& db, const NewEvent& event, Time at) {
  auto identity = load_identity(db);
  if (!identity) return identity.error();
  // The next number is read and used in this one statement; the triggers of
  // schema 0003 check it and move the counter (see the file's note).
  auto stmt = db.prepare(
      "INSERT INTO outbox_event (store_id, seq, type, job_id, payload, created_ms) "
      "VALUES (?1, coalesce((SELECT last_seq FROM outbox_counter WHERE store_id = ?1), 0) + 1, "
      "?2, ?3, ?4, ?5) RETURNING seq");
  if (!stmt) return stmt.error();
  stmt->bind(1, std::string_view(identity->store_id)).bind(2, to_string(event.type));
  if (event.job_id) {
    stmt->bind(3, std::string_view(*event.job_id));
  } else {
    stmt->bind_null(3);
  }
  stmt->bind(4, std::string_view(event.payload)).bind(5, to_ms(at));
  auto row = stmt->step();
  if (!row) return row.error();
  EventId id{identity->store_id, stmt->column_int(0)};
  if (auto done = stmt->run(); !done) return done.error();
  return id;
}

Result<std::vector<Event>> take_batch(Database& db, int limit) {
  auto stmt = db.prepare(
      "SELECT store_id, seq, type, job_id, payload, created_ms FROM outbox_event "
      "WHERE acked_ms IS NULL ORDER BY id LIMIT ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, static_cast<std::int64_t>(limit));
  std::vector<Event> batch;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) break;
    auto type = event_type_from_string(stmt->column_text(2));
    if (!type)
      return fail("outbox.damaged", texts::say(texts::outbox_unknown_event, stmt->column_text(2)));
    Event event;
    event.id = {stmt->column_text(0), stmt->column_int(1)};
    event.type = *type;
    if (!stmt->column_is_null(3)) event.job_id = stmt->column_text(3);
    event.payload = stmt->column_text(4);
    event.created = Time(std::chrono::milliseconds(stmt->column_int(5)));
    batch.push_back(std::move(event));
  }
  return batch;
}

Result<std::int64_t> acknowledge(Database& db, std::span<const EventId> ids, Time at) {
  std::int64_t marked = 0;
  auto body = [&]() -> Result<void> {
    auto stmt = db.prepare(
        "UPDATE outbox_event SET acked_ms = ?3 "
        "WHERE store_id = ?1 AND seq = ?2 AND acked_ms IS NULL");
    if (!stmt) return stmt.error();
    for (const auto& id : ids) {
      stmt->reset();
      stmt->bind(1, std::string_view(id.store_id)).bind(2, id.seq).bind(3, to_ms(at));
      if (auto r = stmt->run(); !r) return r.error();
      marked += db.changes();
    }
    return ok();
  };
  if (auto r = db.transaction(body); !r) return r.error();
  return marked;
}

Result<Backlog> backlog(Database& db, Time now) {
  // Schema 4 keeps the count in outbox_backlog (triggers); the oldest is the first
  // entry of the partial index outbox_event_unacked (ids grow with time).
  auto stmt = db.prepare(
      db.schema_version() >= 4
          ? "SELECT (SELECT n FROM outbox_backlog WHERE singleton = 1), (SELECT created_ms FROM "
            "outbox_event INDEXED BY outbox_event_unacked WHERE acked_ms IS NULL ORDER BY id "
            "LIMIT 1)"
          : "SELECT count(*), min(created_ms) FROM outbox_event WHERE acked_ms IS NULL");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  Backlog result;
  result.count = stmt->column_int(0);
  if (!stmt->column_is_null(1))
    result.oldest_age = std::chrono::milliseconds(to_ms(now) - stmt->column_int(1));
  return result;
}

std::string wire_json(const Event& event, std::string_view station_id) {
  json out;
  out["id"] = {{"station", station_id}, {"store", event.id.store_id}, {"seq", event.id.seq}};
  out["type"] = to_string(event.type);
  out["at"] = to_ms(event.created);
  out["job_id"] = event.job_id ? json(*event.job_id) : json(nullptr);
  out["payload"] = json::parse(event.payload, nullptr, false);  // checked JSON in the table
  return dump(out);
}

namespace events {

NewEvent job_accepted(std::string_view job_id) {
  return make(EventType::job_accepted, std::string(job_id), {{"status", "Proses"}});
}

NewEvent job_rejected(std::string_view job_id, std::string_view reason_code,
                      std::string_view reason_message) {
  json payload{{"status", "Ditolak"}, {"reason", reason_code}, {"message", reason_message}};
  return NewEvent{EventType::job_rejected, std::string(job_id), dump(payload)};
}

NewEvent job_printing(std::string_view job_id, std::int64_t attempt_number) {
  return make(EventType::job_printing, std::string(job_id),
              {{"status", "Proses"}, {"attempt", attempt_number}});
}

NewEvent card_good(std::string_view job_id, std::int64_t attempt_number,
                   std::string_view chip_serial, std::string_view chip_uid) {
  json payload{{"status", "Selesai"},
               {"attempt", attempt_number},
               {"chip_serial", chip_serial},
               {"chip_uid", chip_uid}};
  return NewEvent{EventType::card_good, std::string(job_id), dump(payload)};
}

NewEvent job_failed(std::string_view job_id, std::string_view reason_code,
                    std::string_view reason_message) {
  json payload{{"status", "Gagal"}, {"reason", reason_code}, {"message", reason_message}};
  return NewEvent{EventType::job_failed, std::string(job_id), dump(payload)};
}

NewEvent handed_over(std::string_view job_id) {
  return make(EventType::handed_over, std::string(job_id), {{"status", "Diambil"}});
}

NewEvent blank_spoiled(std::int64_t movement_id, const ledger::Spoil& spoil) {
  json payload{{"movement", movement_id},
               {"from", ledger::to_string(spoil.from)},
               {"count", spoil.count},
               {"reason", ledger::to_string(spoil.reason)},
               {"serial", spoil.serial ? json(*spoil.serial) : json(nullptr)},
               {"attempt", spoil.attempt_id ? json(*spoil.attempt_id) : json(nullptr)}};
  return NewEvent{EventType::blank_spoiled, spoil.job_id, dump(payload)};
}

NewEvent stock_report(const ledger::Balances& balances, std::optional<double> days_left) {
  json buckets = json::object();
  for (auto b : ledger::kAllBuckets) buckets[std::string(ledger::to_string(b))] = balances[b];
  return make(EventType::stock_report, std::nullopt,
              {{"buckets", buckets},
               {"stock", balances.stock()},
               {"days_left", days_left ? json(*days_left) : json(nullptr)}});
}

NewEvent audit_entry(std::int64_t audit_id, std::string_view operator_id, std::string_view action,
                     std::string_view target_kind, std::string_view target_id,
                     std::string_view approver, std::string_view detail_json) {
  json detail = detail_json.empty() ? json(nullptr) : json::parse(detail_json, nullptr, false);
  if (detail.is_discarded()) detail = json(nullptr);
  json payload{{"audit_id", audit_id},
               {"operator", operator_id},
               {"action", action},
               {"target_kind", target_kind.empty() ? json(nullptr) : json(target_kind)},
               {"target_id", target_id.empty() ? json(nullptr) : json(target_id)},
               {"approver", approver.empty() ? json(nullptr) : json(approver)},
               {"detail", detail}};
  return NewEvent{EventType::audit_entry, std::nullopt, dump(payload)};
}

NewEvent heartbeat(std::string_view status_json) {
  json status = json::parse(status_json, nullptr, false);
  if (status.is_discarded() || !status.is_object()) status = {{"invalid", true}};
  return make(EventType::heartbeat, std::nullopt, {{"status", status}});
}

}  // namespace events

}  // namespace ektp::spool::outbox
