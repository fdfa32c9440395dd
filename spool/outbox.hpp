#pragma once
/// The outbox: events for the central office (central-protocol.md), each
/// committed with the state change it reports (schema 0003).
///
/// An event's id is (station id, store id, seq). seq runs 1, 2, 3... per store
/// id with no holes among committed events: the database hands the next number
/// out inside the insert and takes it back if the transaction rolls back; the
/// counter lives in its own row, so pruning acknowledged events never makes a
/// number come round again. The station id is added when sending (wire_json),
/// the store id comes from the store's identity (store.hpp; a restored store
/// has a new one, so central never sees an id twice).
///
/// Personal data: payloads carry ids (job UUID, attempt number, movement id),
/// codes, counts and times; a good card's chip serial and UID (central's card
/// register needs them); operator account names in audit entries (staff
/// accountability). Never a NIK, a name, a face field or a photo: central looks
/// the person up by job id. The typed builders below are the way to make events.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/ledger.hpp"

namespace ektp::spool::outbox {

using Time = Clock::wall_time;

enum class EventType {
  job_accepted,  ///< Proses
  job_rejected,  ///< Ditolak
  job_printing,  ///< Proses (a card is being made)
  card_good,     ///< Selesai
  job_failed,    ///< Gagal
  handed_over,   ///< Diambil
  blank_spoiled,
  stock_report,
  audit_entry,
  heartbeat,
};
std::string_view to_string(EventType type);
std::optional<EventType> event_type_from_string(std::string_view text);

/// An event to append: type, payload (a JSON object, as text) and the job it is about.
struct NewEvent {
  EventType type = EventType::heartbeat;
  std::optional<std::string> job_id;
  std::string payload = "{}";
};

/// The id central deduplicates by (with the station id added when sending).
struct EventId {
  std::string store_id;
  std::int64_t seq = 0;
  friend bool operator==(const EventId&, const EventId&) = default;
};

/// A stored event.
struct Event {
  EventId id;
  EventType type = EventType::heartbeat;
  std::optional<std::string> job_id;
  std::string payload;
  Time created;
};

/// Appends `event` with the next seq of this store. Call it inside the
/// transaction of the state change it reports (Database::transaction), so both
/// commit or neither; on its own (a heartbeat) it is one atomic statement.
Result<EventId> append(Database& db, const NewEvent& event, Time at);

/// Up to `limit` unacknowledged events, oldest first. Reads only: an event stays
/// in the batch until acknowledged (at least once delivery).
Result<std::vector<Event>> take_batch(Database& db, int limit);

/// Marks these events acknowledged by central. Idempotent: ids already
/// acknowledged or unknown are skipped. Returns how many were newly marked.
Result<std::int64_t> acknowledge(Database& db, std::span<const EventId> ids, Time at);

/// What waits to be sent.
struct Backlog {
  std::int64_t count = 0;
  std::optional<std::chrono::milliseconds> oldest_age;  ///< none when empty
};
Result<Backlog> backlog(Database& db, Time now);

/// The event as sent to central: {"id":{"station","store","seq"},"type","at",
/// "job_id","payload"} (at: Unix milliseconds).
std::string wire_json(const Event& event, std::string_view station_id);

/// Typed builders: the only data each event needs (see the note above).
namespace events {
NewEvent job_accepted(std::string_view job_id);
NewEvent job_rejected(std::string_view job_id, std::string_view reason_code,
                      std::string_view reason_message);
NewEvent job_printing(std::string_view job_id, std::int64_t attempt_number);
NewEvent card_good(std::string_view job_id, std::int64_t attempt_number,
                   std::string_view chip_serial, std::string_view chip_uid);
NewEvent job_failed(std::string_view job_id, std::string_view reason_code,
                    std::string_view reason_message);
NewEvent handed_over(std::string_view job_id);
/// A spoiled blank (or several from the hopper), from its ledger movement.
NewEvent blank_spoiled(std::int64_t movement_id, const ledger::Spoil& spoil);
/// The stock by bucket and, when known, the days it lasts at the recent rate.
NewEvent stock_report(const ledger::Balances& balances, std::optional<double> days_left);
/// An audit entry (already stored, with its id); detail is a JSON object or empty.
NewEvent audit_entry(std::int64_t audit_id, std::string_view operator_id, std::string_view action,
                     std::string_view target_kind, std::string_view target_id,
                     std::string_view approver, std::string_view detail_json);
/// The periodic heartbeat carrying the /status document (JSON object text,
/// no personal data by design of /status). Invalid JSON becomes {"invalid":true}.
NewEvent heartbeat(std::string_view status_json);
}  // namespace events

}  // namespace ektp::spool::outbox
