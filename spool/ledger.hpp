#pragma once
/// The double-entry blank-card ledger (mission.md invariant 2; schema 0002).
///
/// Every movement moves `count` blanks from one bucket to another and is kept
/// for good; the balances are a cache the database keeps with triggers. The
/// database itself refuses a movement that would make a bucket negative or break
///   received = in_stock + in_hopper + in_card_path + issued + spoiled + returned
/// so this holds after every statement, whoever writes.
///
/// Each record_* call is ONE insert statement: atomic on its own, and meant to
/// run inside the caller's transaction when it goes with a state change (the
/// job's transition, the audit entry, the outbox event). None opens a
/// transaction of its own. A refusal is an Error with a message for people (what
/// is wrong, what to do, the current count) and a stable code: ledger.hopper_empty,
/// ledger.card_path_empty, ledger.stock_short, ledger.hopper_short,
/// ledger.nothing_to_void, ledger.correction_too_large, ledger.needs_two_people,
/// ledger.needs_reason, ledger.unknown_reason, ledger.second_card (schema 0002's
/// refusals), ledger.nothing_to_unfeed (0006), ledger.incomplete (input missing,
/// checked before the database), ledger.refused (any other refusal of the database).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/clock.hpp"
#include "drivers/common/result.hpp"
#include "spool/db.hpp"

namespace ektp::spool::ledger {

using Time = Clock::wall_time;

/// Where a blank is. `received` is the external account: blanks come in from it
/// (receipts, corrections that find blanks) and are written off to it
/// (corrections that find blanks missing); its balance is the net number received.
enum class Bucket { received, in_stock, in_hopper, in_card_path, issued, spoiled, returned };
inline constexpr std::array<Bucket, 7> kAllBuckets{
    Bucket::received, Bucket::in_stock, Bucket::in_hopper, Bucket::in_card_path,
    Bucket::issued,   Bucket::spoiled,  Bucket::returned};

/// The code stored in the database, e.g. "in_hopper".
std::string_view to_string(Bucket bucket);
std::optional<Bucket> bucket_from_string(std::string_view text);
/// Words for people, e.g. "the hopper".
std::string_view describe(Bucket bucket);

/// Why a blank was spoiled (the codes of the official destruction report).
enum class SpoilReason {
  chip_unreadable,
  write_failed,
  verify_failed,
  lock_failed,
  print_failed,
  jam,
  double_feed,
  damaged,
  voided,
  operator_decision  ///< stored as "operator": an operator took the card out
};
inline constexpr std::array<SpoilReason, 10> kAllSpoilReasons{
    SpoilReason::chip_unreadable,  SpoilReason::write_failed, SpoilReason::verify_failed,
    SpoilReason::lock_failed,      SpoilReason::print_failed, SpoilReason::jam,
    SpoilReason::double_feed,      SpoilReason::damaged,      SpoilReason::voided,
    SpoilReason::operator_decision};
std::string_view to_string(SpoilReason reason);
std::optional<SpoilReason> spoil_reason_from_string(std::string_view text);

/// Every bucket's count.
struct Balances {
  std::array<std::int64_t, 7> count{};  ///< indexed by Bucket

  std::int64_t operator[](Bucket b) const { return count[static_cast<std::size_t>(b)]; }
  std::int64_t& operator[](Bucket b) { return count[static_cast<std::size_t>(b)]; }
  /// Blanks on hand for printing: in stock plus in the hopper.
  std::int64_t stock() const { return (*this)[Bucket::in_stock] + (*this)[Bucket::in_hopper]; }
  /// The ledger equation, and no bucket negative.
  bool balanced() const;
  friend bool operator==(const Balances&, const Balances&) = default;
};

/// A delivery of blanks into stock.
struct Receipt {
  std::int64_t count = 0;
  std::string delivery_ref;                              ///< delivery note or letter number
  std::optional<std::string> serial_first, serial_last;  ///< when the box says
  std::string operator_id;
  std::string note;
  Time at;
};
/// Blanks put from stock into the printer's hopper.
struct Load {
  std::int64_t count = 0;
  std::string operator_id;
  Time at;
};
/// One blank drawn from the hopper into the card path (the printer fed it).
struct Feed {
  std::optional<std::string> job_id;
  std::optional<std::int64_t> attempt_id;
  Time at;
};
/// A fed blank that never left the hopper after all (the printer reports that nothing
/// moved: hopper empty at feed time, a slipped pick roller): card path -> hopper, one
/// card, undoing the feed of `attempt_id`. The database refuses it for an attempt
/// without a feed, or whose card was already unfed, issued or spoiled.
struct Unfeed {
  std::int64_t attempt_id = 0;
  std::optional<std::string> job_id;
  std::string reason;  ///< what the printer reported (no personal data)
  Time at;
};
/// The card in the card path came out good (chip verified and locked, face printed).
struct Issue {
  std::string chip_serial;
  std::int64_t attempt_id = 0;
  std::optional<std::string> job_id;
  Time at;
};
/// Blanks spoiled. From the card path: one card (the attempt's). From the hopper:
/// `count` cards found damaged there. From issued: one good card voided, only
/// with reason voided and two different people (operator and approver).
struct Spoil {
  Bucket from = Bucket::in_card_path;
  std::int64_t count = 1;
  SpoilReason reason = SpoilReason::operator_decision;
  std::optional<std::string> serial;  ///< chip serial when it could be read
  std::optional<std::string> job_id;
  std::optional<std::int64_t> attempt_id;
  std::optional<std::string> operator_id;  ///< none: the station decided alone
  std::optional<std::string> approver;
  std::string note;
  Time at;
};
/// Blanks sent back from stock (to the supplier or the province).
struct Return {
  std::int64_t count = 0;
  std::string reason;
  std::string operator_id;
  std::string note;
  Time at;
};
/// A stocktake correction of one bucket: delta > 0 blanks found (from the
/// external account), delta < 0 blanks missing (written off to it). Needs a
/// reason and two different people.
struct Correction {
  Bucket bucket = Bucket::in_stock;
  std::int64_t delta = 0;
  std::string reason;
  std::string note;
  std::string operator_id;
  std::string approver;
  Time at;
};

/// A stocktake: what the operator counted in stock, in the hopper and in the
/// card path (issued, spoiled and returned are records, not shelves). Every
/// difference from the ledger becomes a Correction (reason "stocktake"); two
/// different people always, even when nothing differs.
struct Stocktake {
  std::int64_t in_stock = 0;
  std::int64_t in_hopper = 0;
  std::int64_t in_card_path = 0;
  std::string note;
  std::string operator_id;
  std::string approver;
  Time at;
};

/// Each returns the movement's id.
Result<std::int64_t> record_receipt(Database& db, const Receipt& receipt);
Result<std::int64_t> record_load(Database& db, const Load& load);
Result<std::int64_t> record_feed(Database& db, const Feed& feed);
Result<std::int64_t> record_unfeed(Database& db, const Unfeed& unfeed);
Result<std::int64_t> record_issue(Database& db, const Issue& issue);
Result<std::int64_t> record_spoil(Database& db, const Spoil& spoil);
Result<std::int64_t> record_return(Database& db, const Return& ret);
Result<std::int64_t> record_correction(Database& db, const Correction& correction);
/// Records the corrections a stocktake needs, all or none (one transaction,
/// nested in the caller's when there is one); returns their movement ids (empty
/// when the counts agree). The audit entry and clearing a restored store's
/// mark are the caller's (same transaction).
Result<std::vector<std::int64_t>> record_stocktake(Database& db, const Stocktake& stocktake);

/// The balances cache (what /status shows).
Result<Balances> balances(Database& db);
/// The balances recomputed from every movement (the truth).
Result<Balances> recompute(Database& db);

/// The outcome of check().
struct CheckReport {
  Balances cached;
  Balances recomputed;
  bool ok = false;      ///< cache == recomputed and both balance
  std::string message;  ///< for people; empty when ok
};
/// Recomputes the balances from the movements and compares with the cache.
Result<CheckReport> check(Database& db);

}  // namespace ektp::spool::ledger
