// The spool facade: operator actions and the blank stock, each one transaction with its
// audit entry (and that entry's outbox event), ledger movement and job events (spool.hpp).
#include <nlohmann/json.hpp>

#include "spool/audit.hpp"
#include "spool/ledger_reports.hpp"
#include "spool/outbox.hpp"
#include "spool/spool.hpp"
#include "spool/spool_messages_operator.hpp"
#include "spool/spool_parts.hpp"
#include "spool/store.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

namespace {

using nlohmann::json;
namespace actions = audit::actions;

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

Result<void> Spool::audit(std::string_view operator_id, std::string_view action,
                          std::string_view target_kind, std::string_view target_id,
                          std::string detail_json, std::optional<std::string_view> approver) {
  audit::Entry entry{.at = now(),
                     .operator_id = std::string(operator_id),
                     .action = std::string(action),
                     .target_kind = std::string(target_kind),
                     .target_id = std::string(target_id),
                     .detail_json = std::move(detail_json),
                     .approver = approver ? std::optional<std::string>(*approver) : std::nullopt};
  auto stored = audit::record_and_report(db(), entry);
  if (!stored) return stored.error();
  return ok();
}

// ---- jobs and attempts ------------------------------------------------------------

Result<void> Spool::hand_over(std::string_view job_id, std::string_view operator_id) {
  if (operator_id.empty()) {
    return fail("spool.bad_operator", texts::say(texts::handover_needs_operator));
  }
  return db().transaction([&]() -> Result<void> {
    auto job = jobs().get(job_id);
    if (!job) return job.error();
    if (job->state != JobState::done) {
      return fail("spool.not_done",
                  texts::say(texts::handover_not_done, job->id, to_string(job->state)));
    }
    auto q = db().prepare(
        "UPDATE jobs SET handed_over_at_ms = ?1, handed_over_by = ?2, nik_hash = zeroblob(32), "
        "updated_at_ms = ?1 WHERE id = ?3 AND handed_over_at_ms IS NULL");
    if (!q) return q.error();
    const auto at_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
    q->bind(1, static_cast<std::int64_t>(at_ms))
        .bind(2, operator_id)
        .bind(3, std::string_view(job->id));
    if (auto r = q->step(); !r) return r.error();
    if (db().changes() == 0) {
      return fail("spool.already_handed_over", texts::say(texts::already_handed_over, job->id));
    }
    if (auto e = detail::append_event(db(), outbox::events::handed_over(job->id), now()); !e) {
      return e;
    }
    // Erased already: the chip serial and UID were kept for this handover only.
    if (auto f = detail::forget_chip_ids_when_done_with(db(), job->id); !f) return f;
    return audit(operator_id, actions::job_hand_over, "job", job->id, "");
  });
}

Result<void> Spool::report_stock() {
  return db().transaction([&]() -> Result<void> {
    auto balances = ledger::balances(db());
    if (!balances) return balances.error();
    auto outlook = ledger::stock_outlook(db(), now());
    if (!outlook) return outlook.error();
    return detail::append_event(db(), outbox::events::stock_report(*balances, outlook->days_left),
                                now());
  });
}

Result<JobState> Spool::resolve_in_doubt(std::int64_t attempt_id, DoubtDecision decision,
                                         std::string_view operator_id, std::string_view note,
                                         std::string_view scanned_serial) {
  JobState job_state = JobState::blocked;
  auto r = db().transaction([&]() -> Result<void> {
    auto next = spool::resolve_in_doubt(db(), parts_->clock, parts_->queue, attempt_id, decision,
                                        operator_id, note, scanned_serial);
    if (!next) return next.error();
    job_state = *next;
    auto attempt = attempts().get(attempt_id);
    if (!attempt) return attempt.error();
    const bool good = decision == DoubtDecision::card_good;
    auto reported =
        good ? report_good_card(*attempt)
             : report_spoiled_card(*attempt,
                                   {ledger::SpoilReason::operator_decision, std::string(note)},
                                   job_state, std::string(operator_id));
    if (!reported) return reported;
    return audit(operator_id, actions::attempt_resolve, "attempt", std::to_string(attempt_id),
                 dump({{"job", attempt->job_id},
                       {"decision", good ? "card_good" : "card_spoiled"},
                       {"note", note}}));
  });
  if (!r) return r.error();
  return job_state;
}

Result<void> Spool::hold(std::string_view job_id, std::string_view operator_id,
                         std::string_view reason) {
  return db().transaction([&]() -> Result<void> {
    if (auto r = jobs().hold(job_id, operator_id, reason); !r) return r;
    return audit(operator_id, actions::job_hold, "job", job_id, dump({{"reason", reason}}));
  });
}

Result<void> Spool::release(std::string_view job_id, std::string_view operator_id) {
  return db().transaction([&]() -> Result<void> {
    if (auto r = jobs().release(job_id, operator_id); !r) return r;
    return audit(operator_id, actions::job_release, "job", job_id, "");
  });
}

Result<void> Spool::cancel(std::string_view job_id, std::string_view operator_id,
                           std::string_view approver_id, std::string_view reason) {
  return db().transaction([&]() -> Result<void> {
    if (auto r = jobs().cancel_by_operator(job_id, operator_id, approver_id, reason); !r) return r;
    if (auto a = audit(operator_id, actions::job_cancel, "job", job_id, dump({{"reason", reason}}),
                       approver_id);
        !a)
      return a;
    return report_failed(job_id, "cancelled");
  });
}

Result<void> Spool::cancel_by_central(std::string_view job_id, std::string_view reason) {
  return db().transaction([&]() -> Result<void> {
    if (auto r = jobs().cancel_by_central(job_id, reason); !r) return r;
    return report_failed(job_id, "cancelled_by_central");
  });
}

Result<void> Spool::void_and_reprint(std::string_view job_id, std::string_view operator_id,
                                     std::string_view approver_id, std::string_view reason) {
  return db().transaction([&]() -> Result<void> {
    auto good = attempts().good_attempt(job_id);
    if (!good) return good.error();
    if (auto r = attempts().void_and_reprint(job_id, operator_id, approver_id, reason); !r)
      return r;
    // void_and_reprint refuses a job without a good card, so there is one here.
    const AttemptRecord& voided = **good;
    ledger::Spoil spoil{.from = ledger::Bucket::issued,
                        .count = 1,
                        .reason = ledger::SpoilReason::voided,
                        .serial = detail::non_empty(voided.chip_serial),
                        .job_id = voided.job_id,
                        .attempt_id = voided.id,
                        .operator_id = std::string(operator_id),
                        .approver = std::string(approver_id),
                        .note = std::string(reason),
                        .at = now()};
    auto moved = ledger::record_spoil(db(), spoil);
    if (!moved) return moved.error();
    if (auto e = detail::append_event(db(), outbox::events::blank_spoiled(*moved, spoil), now());
        !e)
      return e;
    if (auto a = audit(operator_id, actions::card_void, "attempt", std::to_string(voided.id),
                       dump({{"job", voided.job_id}, {"movement", *moved}, {"reason", reason}}),
                       approver_id);
        !a)
      return a;
    return audit(operator_id, actions::job_reprint, "job", voided.job_id,
                 dump({{"voided_attempt", voided.id}, {"reason", reason}}), approver_id);
  });
}

// ---- blank stock ------------------------------------------------------------------

Result<std::int64_t> Spool::receive_stock(ledger::Receipt receipt) {
  receipt.at = now();
  std::int64_t id = 0;
  auto r = db().transaction([&]() -> Result<void> {
    auto moved = ledger::record_receipt(db(), receipt);
    if (!moved) return moved.error();
    id = *moved;
    return audit(receipt.operator_id, actions::stock_receive, "ledger_movement", std::to_string(id),
                 dump({{"count", receipt.count}, {"delivery_ref", receipt.delivery_ref}}));
  });
  if (!r) return r.error();
  return id;
}

Result<std::int64_t> Spool::load_hopper(ledger::Load load) {
  load.at = now();
  std::int64_t id = 0;
  auto r = db().transaction([&]() -> Result<void> {
    auto moved = ledger::record_load(db(), load);
    if (!moved) return moved.error();
    id = *moved;
    return audit(load.operator_id, actions::stock_load, "ledger_movement", std::to_string(id),
                 dump({{"count", load.count}}));
  });
  if (!r) return r.error();
  return id;
}

Result<std::int64_t> Spool::return_stock(ledger::Return ret) {
  ret.at = now();
  std::int64_t id = 0;
  auto r = db().transaction([&]() -> Result<void> {
    auto moved = ledger::record_return(db(), ret);
    if (!moved) return moved.error();
    id = *moved;
    return audit(ret.operator_id, actions::stock_return, "ledger_movement", std::to_string(id),
                 dump({{"count", ret.count}, {"reason", ret.reason}}));
  });
  if (!r) return r.error();
  return id;
}

Result<std::int64_t> Spool::spoil_in_hopper(std::int64_t count, ledger::SpoilReason reason,
                                            std::string_view operator_id, std::string_view note) {
  if (operator_id.empty())
    return fail("spool.no_operator", texts::say(texts::login_to_spoil_hopper));
  std::int64_t id = 0;
  auto r = db().transaction([&]() -> Result<void> {
    ledger::Spoil spoil;
    spoil.from = ledger::Bucket::in_hopper;
    spoil.count = count;
    spoil.reason = reason;
    spoil.operator_id = std::string(operator_id);
    spoil.note = std::string(note);
    spoil.at = now();
    auto moved = ledger::record_spoil(db(), spoil);
    if (!moved) return moved.error();
    id = *moved;
    if (auto e = detail::append_event(db(), outbox::events::blank_spoiled(id, spoil), now()); !e)
      return e;
    return audit(operator_id, actions::stock_spoil, "ledger_movement", std::to_string(id),
                 dump({{"count", count}, {"reason", ledger::to_string(reason)}}));
  });
  if (!r) return r.error();
  return id;
}

Result<std::vector<std::int64_t>> Spool::stocktake(ledger::Stocktake stocktake) {
  stocktake.at = now();
  std::vector<std::int64_t> corrections;
  auto r = db().transaction([&]() -> Result<void> {
    auto ids = ledger::record_stocktake(db(), stocktake);
    if (!ids) return ids.error();
    corrections = *ids;
    auto identity = load_identity(db());
    if (!identity) return identity.error();
    if (identity->restored)
      if (auto c = clear_restored(db()); !c) return c;
    return audit(stocktake.operator_id, actions::stocktake, "", "",
                 dump({{"in_stock", stocktake.in_stock},
                       {"in_hopper", stocktake.in_hopper},
                       {"in_card_path", stocktake.in_card_path},
                       {"corrections", corrections},
                       {"cleared_restored", identity->restored}}),
                 stocktake.approver);
  });
  if (!r) return r.error();
  return corrections;
}

}  // namespace ektp::spool
