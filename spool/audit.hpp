#pragma once
/// The audit log: every operator action, append-only (schema 0003).
///
/// The database refuses UPDATE and DELETE on it, refuses an approver who is the
/// operator, and refuses the two-person actions (see needs_approval) without a
/// different approver. Entries name ids (job UUID, attempt, movement), never a
/// NIK or a name of a citizen.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"
#include "spool/outbox.hpp"

namespace ektp::spool::audit {

using Time = Clock::wall_time;

/// Action codes ("area.verb"). Others may be used; these are the known ones.
namespace actions {
inline constexpr std::string_view stock_receive = "stock.receive";
inline constexpr std::string_view stock_load = "stock.load";
inline constexpr std::string_view stock_spoil = "stock.spoil";
inline constexpr std::string_view stock_return = "stock.return";
inline constexpr std::string_view stock_correct = "stock.correct";  ///< two people
inline constexpr std::string_view stocktake = "stock.stocktake";
inline constexpr std::string_view card_void = "card.void";      ///< two people
inline constexpr std::string_view job_reprint = "job.reprint";  ///< two people
inline constexpr std::string_view job_cancel = "job.cancel";    ///< two people
inline constexpr std::string_view job_hold = "job.hold";
inline constexpr std::string_view job_release = "job.release";
inline constexpr std::string_view job_hand_over = "job.hand_over";
inline constexpr std::string_view attempt_resolve = "attempt.resolve";
/// A job's personal data erased (operator "station": the spool does it, erase_due).
inline constexpr std::string_view job_erase = "job.erase";
/// A fed blank put back into the hopper, the printer having fed nothing (operator
/// "station": the pipeline does it, Spool::unfeed).
inline constexpr std::string_view card_unfeed = "card.unfeed";
/// An unused print permit withdrawn, its print job having ended before the face was
/// sent (operator "station": the pipeline does it, Spool::withdraw_permit).
inline constexpr std::string_view permit_withdraw = "permit.withdraw";
/// An attempt put in doubt while the station runs (operator "station": the pipeline
/// could not tell whether the face was printed, Spool::hold_in_doubt).
inline constexpr std::string_view attempt_doubt = "attempt.doubt";
inline constexpr std::string_view operator_login = "operator.login";
inline constexpr std::string_view operator_logout = "operator.logout";
}  // namespace actions

/// The actions that need a second person (mission.md: reprints, cancels and
/// stock corrections; a void goes with a reprint). The schema has the same list.
inline constexpr std::array<std::string_view, 4> kTwoPersonActions{
    actions::job_reprint, actions::card_void, actions::job_cancel, actions::stock_correct};
bool needs_approval(std::string_view action);

/// One operator action.
struct Entry {
  Time at;
  std::string operator_id;              ///< the operator's own account
  std::string action;                   ///< an action code (above)
  std::string target_kind;              ///< e.g. "job", "attempt", "ledger_movement"; may be empty
  std::string target_id;                ///< an id; may be empty
  std::string detail_json;              ///< a JSON object with more detail, or empty
  std::optional<std::string> approver;  ///< the second person, where one is needed
};

/// A stored entry.
struct Stored {
  std::int64_t id = 0;
  Entry entry;
};

/// Appends the entry; returns its id. Call it inside the transaction of the
/// action it records. Refusals: code "audit.refused", a message for people.
Result<std::int64_t> record(Database& db, const Entry& entry);

/// Appends the entry and its outbox event (audit_entry) together (one
/// transaction; nested inside the caller's when there is one).
Result<std::int64_t> record_and_report(Database& db, const Entry& entry);

/// Entries with at in [from, to), oldest first.
Result<std::vector<Stored>> entries(Database& db, Time from, Time to);

}  // namespace ektp::spool::audit
