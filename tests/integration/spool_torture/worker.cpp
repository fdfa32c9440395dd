// The torture worker: seeded random spool operations until it is killed. Each call
// that returns ok is journalled ("committed ...") right after; the checker trusts
// nothing else (a call may have committed without its line when the kill came between).
#include <unistd.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "drivers/common/clock.hpp"
#include "spool/outbox.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_torture/journal.hpp"
#include "tests/integration/spool_torture/sealed_ops.hpp"
#include "tests/integration/spool_torture/torture.hpp"
#include "tests/integration/spool_torture/worker_loop.hpp"

namespace ektp::spool::torture {
namespace {

using A = AttemptState;

std::string hex(const PermitToken& t) {
  std::string out;
  char b[3];
  for (auto byte : t) {
    std::snprintf(b, sizeof b, "%02x", byte);
    out += b;
  }
  return out;
}

std::optional<PermitToken> unhex(const std::string& s) {
  if (s.size() != 64) return std::nullopt;
  PermitToken t{};
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i] = static_cast<std::uint8_t>(std::stoi(s.substr(2 * i, 2), nullptr, 16));
  return t;
}

class Worker {
 public:
  Worker(const std::filesystem::path& dir, std::uint64_t seed, Spool spool, WorkerOps ops)
      : dir_(dir), seed_(seed), rng_(seed), spool_(std::move(spool)), ops_(ops) {
    // Permits issued by earlier workers: replayed now and then (must be refused).
    for (const auto& w : journal_committed(dir)) {
      if (w[0] == "issue" && w.size() == 3)
        if (auto t = unhex(w[2])) tokens_[std::stoll(w[1])] = *t;
      if (w[0] == "use" && w.size() == 2) used_.insert(std::stoll(w[1]));
    }
  }

  [[noreturn]] void run() {
    for (;;) step();
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  void committed(const std::string& what) { journal_append(dir_, "committed " + what); }
  void refused(const std::string& op, const Error& e) {
    journal_append(dir_, "refused " + op + " " + e.code);
  }

  std::vector<std::pair<std::int64_t, std::string>> rows(const char* sql) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    auto q = spool_.db().prepare(sql);
    if (!q) return out;
    for (;;) {
      auto row = q->step();
      if (!row || !*row) break;
      out.emplace_back(q->column_int(0), q->column_text(1));
    }
    return out;
  }
  /// A random job id in `state` (empty when none).
  std::string some_job(const char* sql) {
    auto r = rows(sql);
    return r.empty() ? std::string()
                     : r[static_cast<std::size_t>(pick(static_cast<int>(r.size())))].second;
  }

  void accept_new() {
    if (next_job_ >= 9999) return;
    const std::uint64_t n = seed_ * 10000 + static_cast<std::uint64_t>(++next_job_);
    NewJob j;
    j.id = job_id_of(n);
    j.content_hash.assign(32, static_cast<std::uint8_t>(n));
    j.content_hash[0] = static_cast<std::uint8_t>(n >> 8);
    j.priority = pick(3);
    j.pickup_date = "2024-02-0" + std::to_string(1 + pick(9));
    j.bundle_ref = "bundle-" + std::to_string(n);
    j.nik_hash.assign(32, static_cast<std::uint8_t>(pick(256)));
    // Half the jobs come with a sealed bundle (the spool fills in the hash and the
    // reference); a store opened without a key refuses those, as it should.
    Result<Intake> r = fail("", "");
    if (pick(2) == 0) {
      j.content_hash.clear();
      j.bundle_ref.clear();
      r = spool_.accept_bundle(j, torture_bundle(n));
    } else {
      r = spool_.accept(j);
    }
    if (!r) return refused("accept", r.error());
    committed("accept " + j.id);
  }

  /// Receipts when the stock runs low, else loads into the hopper.
  void stock() {
    auto b = ledger::balances(spool_.db());
    if (!b) return;
    if ((*b)[ledger::Bucket::in_stock] < 5) {
      auto r = spool_.receive_stock({.count = 10 + pick(20),
                                     .delivery_ref = "SJ-T",
                                     .serial_first = {},
                                     .serial_last = {},
                                     .operator_id = "op-a",
                                     .note = "",
                                     .at = {}});
      if (!r) return refused("receive", r.error());
      return committed("receive");
    }
    const auto in_stock = (*b)[ledger::Bucket::in_stock];
    const int what = pick(10);
    if (what == 0) {
      auto r = spool_.return_stock({.count = 1 + pick(2),
                                    .reason = "damaged box",
                                    .operator_id = "op-a",
                                    .note = "",
                                    .at = {}});
      if (!r) return refused("return", r.error());
      return committed("return");
    }
    if (what == 1 && (*b)[ledger::Bucket::in_hopper] > 0) {
      auto r = spool_.spoil_in_hopper(1, ledger::SpoilReason::damaged, "op-a", "bent blank");
      if (!r) return refused("spoil_in_hopper", r.error());
      return committed("spoil_in_hopper");
    }
    if (what == 2) {  // counted: the card path as the ledger says, one blank missing at times
      auto r = spool_.stocktake({.in_stock = in_stock - pick(2),
                                 .in_hopper = (*b)[ledger::Bucket::in_hopper],
                                 .in_card_path = (*b)[ledger::Bucket::in_card_path],
                                 .note = "weekly count",
                                 .operator_id = "op-a",
                                 .approver = "sup-b",
                                 .at = {}});
      if (!r) return refused("stocktake", r.error());
      return committed("stocktake");
    }
    const auto n = std::min<std::int64_t>(in_stock, 3 + pick(8));
    auto r = spool_.load_hopper({.count = n, .operator_id = "op-a", .at = {}});
    if (!r) return refused("load", r.error());
    committed("load");
  }

  void acknowledge() {
    auto batch = outbox::take_batch(spool_.db(), 1 + pick(20));
    if (!batch || batch->empty()) return;
    std::vector<outbox::EventId> ids;
    for (const auto& e : *batch)
      if (pick(4) != 0) ids.push_back(e.id);
    auto r = outbox::acknowledge(spool_.db(), ids, SystemClock::instance().wall_now());
    if (!r) return refused("ack", r.error());
    committed("ack");
  }

  void operator_action() {
    const int what = pick(6);
    if (what <= 1) {
      auto job = some_job("SELECT 0, id FROM jobs WHERE state = 'queued'");
      if (job.empty()) return;
      auto r = spool_.hold(job, "op-a", "citizen asked to wait");
      if (!r) return refused("hold", r.error());
      return committed("hold " + job);
    }
    if (what <= 3) {
      auto job = some_job("SELECT 0, id FROM jobs WHERE state = 'held'");
      if (job.empty()) return;
      auto r = spool_.release(job, "op-a");
      if (!r) return refused("release", r.error());
      return committed("release " + job);
    }
    if (what == 4) {
      auto job = some_job("SELECT 0, id FROM jobs WHERE state IN ('queued', 'held')");
      if (job.empty()) return;
      auto r = pick(2) == 0 ? spool_.cancel(job, "op-a", "sup-b", "duplicate record")
                            : spool_.cancel_by_central(job, "revoked");
      if (!r) return refused("cancel", r.error());
      return committed("cancel " + job);
    }
    auto job = some_job("SELECT 0, id FROM jobs WHERE state = 'done'");
    if (job.empty()) return;
    auto r = spool_.void_and_reprint(job, "op-a", "sup-b", "face smudged");
    if (!r) return refused("void", r.error());
    committed("void " + job);
  }

  /// Replays an issued permit (used, or of a finished attempt), or asks for a second
  /// permit: both must be refused. A success is journalled, and the checker counts it.
  void replay_permit() {
    if (tokens_.empty()) return;
    auto it = tokens_.begin();
    std::advance(it, pick(static_cast<int>(tokens_.size())));
    const auto attempt = it->first;
    if (pick(2) == 0) {
      auto a = spool_.attempts().get(attempt);
      if (!a || !(used_.contains(attempt) || a->state != A::permit_issued)) return;
      if (spool_.use_permit(attempt, it->second, 9000)) committed("use " + std::to_string(attempt));
    } else {
      if (auto t = spool_.issue_permit(attempt))
        committed("issue " + std::to_string(attempt) + " " + hex(*t));
    }
  }

  /// To recover: the pipeline resumes or spoils; in doubt: an operator decides.
  void settle() {
    auto list = list_interrupted(spool_.db());
    if (!list || list->empty()) return;
    const auto& item = (*list)[static_cast<std::size_t>(pick(static_cast<int>(list->size())))];
    const auto id = item.attempt.id;
    if (item.attempt.state == A::in_doubt) {
      const bool good = pick(2) == 0;
      auto r =
          spool_.resolve_in_doubt(id, good ? DoubtDecision::card_good : DoubtDecision::card_spoiled,
                                  "op-a", "scanned the card");
      if (!r) return refused("resolve", r.error());
      return committed(good ? "finish " + std::to_string(id) + " " + item.attempt.job_id
                            : "resolve_spoiled " + std::to_string(id));
    }
    if (pick(2) == 0) {
      auto r = spool_.spoil(id, {ledger::SpoilReason::chip_unreadable, "found in recovery"});
      if (!r) return refused("spoil", r.error());
      return committed("spoil " + std::to_string(id));
    }
    // chip_locked only when the chip was read (its serial known), as the pipeline would.
    const bool locked = !item.attempt.chip_serial.empty() && pick(2) == 0;
    // A resume may take the attempt back (chip_locked -> in_encoder): the checker must
    // know it was under way if the process dies inside it (journal.hpp).
    journal_append(dir_, "begin resume " + std::to_string(id));
    auto r = spool_.resume(id, locked ? A::chip_locked : A::in_encoder, "card found");
    if (!r) return refused("resume", r.error());
    committed("resume " + std::to_string(id));
  }

  /// One step of one card: a random attempt under way, or a new claim.
  void card_step() {
    auto active = rows(
        "SELECT id, state FROM attempts WHERE state IN ('claimed', 'feeding', 'in_encoder', "
        "'chip_writing', 'chip_locked', 'permit_issued', 'permit_used', 'card_out') ORDER BY id");
    if (active.empty() || (active.size() < 3 && pick(8) == 0)) {
      auto c = spool_.claim_next();
      if (!c) return refused("claim", c.error());
      if (c->has_value()) committed("claim " + std::to_string((*c)->attempt_id));
      return;
    }
    const auto& [id, state_text] =
        active[static_cast<std::size_t>(pick(static_cast<int>(active.size())))];
    const auto state = parse_attempt_state(state_text);
    const std::string ids = std::to_string(id);
    if (*state != A::claimed && pick(12) == 0) {
      auto r = spool_.spoil(id, {ledger::SpoilReason::jam, "card stuck"});
      if (!r) return refused("spoil", r.error());
      return committed("spoil " + ids);
    }
    Result<void> r = ok();
    std::string done = "advance " + ids;
    switch (*state) {
      case A::claimed:
        r = spool_.start_feeding(id);
        if (!r && r.error().code == "ledger.hopper_empty") {
          r = spool_.release_attempt(id, "hopper empty");
          done = "release_attempt " + ids;
        }
        break;
      case A::feeding:
        if (pick(8) == 0) {  // the printer reports that the blank never moved
          r = spool_.unfeed(id, "printer: nothing moved");
          done = "unfeed " + ids;
        } else {
          r = spool_.advance(id, A::in_encoder);
        }
        break;
      case A::in_encoder:
        r = spool_.advance(id, A::chip_writing);
        break;
      case A::chip_writing: {
        auto a = spool_.attempts().get(id);
        if (a && a->chip_serial.empty()) {
          r = spool_.record_chip(id, "SN" + ids, "04A1B2C3");
          done = "chip " + ids;
        } else {
          r = spool_.advance(id, A::chip_locked);
        }
        break;
      }
      case A::chip_locked: {
        auto t = spool_.issue_permit(id);
        if (!t) return refused("issue", t.error());
        tokens_[id] = *t;
        return committed("issue " + ids + " " + hex(*t));
      }
      case A::permit_issued: {
        auto it = tokens_.find(id);
        if (it == tokens_.end()) return;  // its issue was never journalled: recovery decides
        r = spool_.use_permit(id, it->second, 500 + id);
        if (r) used_.insert(id);
        done = "use " + ids;
        break;
      }
      case A::permit_used:
        r = spool_.advance(id, A::card_out);
        break;
      case A::card_out: {
        auto a = spool_.attempts().get(id);
        r = spool_.finish(id);
        done = "finish " + ids + " " + (a ? a->job_id : std::string("?"));
        break;
      }
      default:
        return;
    }
    if (!r) return refused(state_text, r.error());
    committed(done);
  }

  void erase() {
    auto r = spool_.erase_due(SystemClock::instance().wall_now());
    if (!r) return refused("erase", r.error());
    committed("erase " + std::to_string(*r));
  }

  void backup() {
    auto r = torture_backup(spool_, dir_, rng_);
    if (!r) return refused("backup", r.error());
    committed("backup " + r->string());
  }

  void step() {
    const int r = pick(200);
    if (r < 5 && !ops_.erase_and_backup) return;
    if (r == 0) return backup();
    if (r < 5) return erase();
    if (r < 21) return accept_new();
    if (r < 33) return stock();
    if (r < 41) return acknowledge();
    if (r < 47) return operator_action();
    if (r < 53) return replay_permit();
    if (r < 61) return settle();
    card_step();
  }

  std::filesystem::path dir_;
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  Spool spool_;
  WorkerOps ops_;
  int next_job_ = 0;
  std::map<std::int64_t, PermitToken> tokens_;
  std::set<std::int64_t> used_;
};

}  // namespace

int run_worker(const std::filesystem::path& dir, std::uint64_t seed) {
  OpenOptions options;
  options.path = dir / "spool.db";
  options.station_id = "station-torture";
  auto spool = Spool::open(options, SystemClock::instance(), QueueConfig{3}, torture_key(),
                           torture_erasure());
  if (!spool) {
    std::fprintf(stderr, "worker: %s: %s\n", spool.error().code.c_str(),
                 spool.error().message.c_str());
    return 3;
  }
  run_worker_loop(dir, seed, std::move(spool).value(), [] {
    // Tell the parent the store is open (its kill timer starts now, most cycles).
    [[maybe_unused]] const auto told = ::write(STDOUT_FILENO, "r", 1);
  });
}

void run_worker_loop(const std::filesystem::path& dir, std::uint64_t seed, Spool spool,
                     const std::function<void()>& ready, WorkerOps ops) {
  Worker worker(dir, seed, std::move(spool), ops);
  if (ready) ready();
  worker.run();
}

}  // namespace ektp::spool::torture
