// Every commit the journal saw must still be in the store after the power cut.
//
// Each journalled operation leaves a fact in the store that no later operation (nor
// recovery, nor the settling after it) takes back: a row that exists, a column that
// is set, a ledger movement or audit entry (never deleted), a state from which the
// attempt can only have gone on. A fact missing after the cut is a lost commit.
// Not checked: "ack" (the journal does not say which events it marked).
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "drivers/common/clock.hpp"
#include "spool/spool.hpp"
#include "tests/integration/spool_powercut/powercut.hpp"
#include "tests/integration/spool_torture/journal.hpp"

namespace ektp::spool::powercut {
namespace {

struct AttemptRow {
  std::string state, interrupted_in;
  bool chip = false, permit_issued = false, permit_used = false;
};

/// What the store holds, read once per check.
struct Store {
  std::map<std::int64_t, AttemptRow> attempts;
  std::map<std::string, std::string> job_state;
  std::set<std::pair<std::string, std::int64_t>> moves;  ///< (kind, attempt) feed/unfeed/...
  std::map<std::string, int> audit;                      ///< "action target" and "action"
  std::map<std::int64_t, int> resumes;                   ///< recovery decisions per attempt
  bool read_ok = true;
};

template <typename Row>
void each(Database& db, const char* sql, Store& s, Row row) {
  auto q = db.prepare(sql);
  if (!q) {
    s.read_ok = false;
    return;
  }
  for (;;) {
    auto r = q->step();
    if (!r) s.read_ok = false;
    if (!r || !*r) return;
    row(*q);
  }
}

Store read(Database& db) {
  Store s;
  each(db,
       "SELECT id, state, coalesce(interrupted_in, ''), coalesce(chip_serial, '') <> '', "
       "permit_hash IS NOT NULL, permit_used_at_ms IS NOT NULL FROM attempts",
       s, [&](Statement& q) {
         s.attempts[q.column_int(0)] = {q.column_text(1), q.column_text(2), q.column_int(3) != 0,
                                        q.column_int(4) != 0, q.column_int(5) != 0};
       });
  each(db, "SELECT id, state FROM jobs", s,
       [&](Statement& q) { s.job_state[q.column_text(0)] = q.column_text(1); });
  each(db,
       "SELECT kind, attempt_id FROM ledger_movement WHERE attempt_id IS NOT NULL "
       "AND kind IN ('feed', 'unfeed', 'issue', 'spoil')",
       s, [&](Statement& q) {
         s.moves.insert({q.column_text(0), q.column_int(1)});
       });
  each(db, "SELECT action, coalesce(target_id, ''), count(*) FROM audit_log GROUP BY 1, 2", s,
       [&](Statement& q) {
         s.audit[q.column_text(0) + " " + q.column_text(1)] += static_cast<int>(q.column_int(2));
         s.audit[q.column_text(0)] += static_cast<int>(q.column_int(2));
       });
  each(db,
       "SELECT attempt_id, count(*) FROM recovery_decisions WHERE decision LIKE 'resume%' "
       "GROUP BY attempt_id",
       s, [&](Statement& q) { s.resumes[q.column_int(0)] = static_cast<int>(q.column_int(1)); });
  return s;
}

/// The forward steps of an attempt, in order (0: not one of them).
int rank(const std::string& state) {
  static const std::map<std::string, int> order{
      {"claimed", 1},     {"feeding", 2},       {"in_encoder", 3},  {"chip_writing", 4},
      {"chip_locked", 5}, {"permit_issued", 6}, {"permit_used", 7}, {"card_out", 8}};
  auto it = order.find(state);
  return it == order.end() ? 0 : it->second;
}

/// The state a plain "advance" leads to (the worker's card_step).
std::string advanced(const std::string& from) {
  if (from == "claimed") return "feeding";
  if (from == "feeding") return "in_encoder";
  if (from == "in_encoder") return "chip_writing";
  if (from == "chip_writing") return "chip_locked";
  if (from == "permit_used") return "card_out";
  return from;
}

/// May the attempt be in `now` (store) when the journal last left it in `was`?
bool reachable(const std::string& was, const AttemptRow& now) {
  if (was == "abandoned") return now.state == "abandoned";
  if (was == "spoiled") return now.state == "spoiled";
  if (was == "done") return now.state == "done" || now.state == "voided";
  if (rank(was) == 0) return true;
  if (rank(now.state) > 0) return rank(now.state) >= rank(was);
  if (now.state == "to_recover" || now.state == "in_doubt")
    return rank(now.interrupted_in) >= rank(was);
  // From feeding: an unfeed that committed without its journal line (the caller
  // checks its ledger movement).
  if (now.state == "abandoned") return was == "claimed" || was == "feeding";
  // spoiled, done, voided: settled after recovery (not journalled), or by a commit
  // that survived the cut before the worker could journal it.
  return true;
}

}  // namespace

void check_durability(const std::filesystem::path& dir, Counts& c) {
  OpenOptions options;
  options.path = dir / "spool.db";
  options.station_id = "station-torture";
  auto spool = Spool::open(options, SystemClock::instance(), QueueConfig{3});
  if (!spool) {
    ++c.torture.open_errors;
    c.note("reopen after the cut failed: " + spool.error().code + ": " + spool.error().message);
    return;
  }
  const Store s = read(spool->db());
  if (!s.read_ok) {
    ++c.torture.open_errors;
    c.note("the store could not be read after the cut");
    return;
  }
  auto lost = [&](const std::vector<std::string>& line, const std::string& why) {
    ++c.lost_commits;
    std::string text;
    for (const auto& w : line) text += (text.empty() ? "" : " ") + w;
    c.note("committed '" + text + "' is gone after the cut: " + why);
  };
  auto attempt = [&](const std::string& id) -> const AttemptRow* {
    auto it = s.attempts.find(std::stoll(id));
    return it == s.attempts.end() ? nullptr : &it->second;
  };

  std::map<std::int64_t, std::string> model;  // the state the journal last left it in
  std::map<std::int64_t, std::vector<std::string>> last_line;
  std::map<std::string, int> audits;  // journalled, keyed as Store::audit
  std::map<std::int64_t, int> resumes;
  // A resume under way ("begin resume N") whose outcome line never came: the power went
  // inside the call, perhaps after its commit was durable (in the checkpoint SQLite
  // runs inside the COMMIT). A resume can take the attempt back from chip_locked to
  // in_encoder, so the model's lower bound drops to in_encoder there.
  std::optional<std::int64_t> resume_under_way;
  auto settle_resume = [&](const std::vector<std::string>& line) {
    if (!resume_under_way) return;
    const auto id = *resume_under_way;
    resume_under_way.reset();
    const bool outcome =
        line.size() >= 2 && line[1] == "resume" &&
        (line[0] == "refused" || (line.size() == 3 && line[2] == std::to_string(id)));
    if (outcome) return;
    auto it = model.find(id);
    if (it != model.end() && rank(it->second) > rank("in_encoder")) it->second = "in_encoder";
  };
  for (const auto& line : torture::journal_all(dir)) {
    settle_resume(line);
    if (line[0] == "begin" && line.size() == 3 && line[1] == "resume") {
      resume_under_way = std::stoll(line[2]);
      continue;
    }
    if (line[0] != "committed") continue;
    const std::vector<std::string> w(line.begin() + 1, line.end());
    const std::string& op = w[0];
    if (op == "accept" && w.size() == 2) {
      if (!s.job_state.contains(w[1])) lost(w, "the job is missing");
      continue;
    }
    if ((op == "hold" || op == "release" || op == "void") && w.size() == 2) {
      ++audits[(op == "hold"      ? "job.hold "
                : op == "release" ? "job.release "
                                  : "job.reprint ") +
               w[1]];
      continue;
    }
    if (op == "cancel" && w.size() == 2) {
      auto it = s.job_state.find(w[1]);
      if (it == s.job_state.end() || it->second != "cancelled") lost(w, "the job is not cancelled");
      continue;
    }
    static const std::map<std::string, std::string> stock{{"receive", "stock.receive"},
                                                          {"load", "stock.load"},
                                                          {"return", "stock.return"},
                                                          {"spoil_in_hopper", "stock.spoil"},
                                                          {"stocktake", "stock.stocktake"}};
    if (auto it = stock.find(op); it != stock.end()) {
      ++audits[it->second];
      continue;
    }
    // Erasures and backups leave no row of their own to look for here: the torture's
    // check_sealed (sealed bundles open, committed backups restore) covers them.
    if (op == "ack" || op == "erase" || op == "backup" || w.size() < 2) continue;

    // The card's steps, per attempt.
    const std::int64_t id = std::stoll(w[1]);
    const AttemptRow* a = attempt(w[1]);
    if (a == nullptr) {
      lost(w, "attempt " + w[1] + " is missing");
      model.erase(id);
      continue;
    }
    std::string& m = model[id];
    last_line[id] = w;
    if (op == "claim") {
      m = "claimed";
    } else if (op == "advance") {
      if (m == "claimed" && !s.moves.contains({"feed", id})) lost(w, "no feed movement");
      m = advanced(m);
    } else if (op == "chip") {
      if (!a->chip) lost(w, "no chip serial");
    } else if (op == "issue") {
      if (!a->permit_issued) lost(w, "no permit");
      m = "permit_issued";
    } else if (op == "use") {
      if (!a->permit_used) lost(w, "the permit is not marked used");
      m = "permit_used";
    } else if (op == "finish") {
      if (!s.moves.contains({"issue", id})) lost(w, "no issue movement");
      m = "done";
    } else if (op == "spoil" || op == "resolve_spoiled") {
      if (!s.moves.contains({"spoil", id})) lost(w, "no spoil movement");
      m = "spoiled";
    } else if (op == "unfeed") {
      if (!s.moves.contains({"unfeed", id})) lost(w, "no unfeed movement");
      if (a->state != "abandoned") lost(w, "the attempt is " + a->state);
      m = "abandoned";
    } else if (op == "release_attempt") {
      if (a->state != "abandoned") lost(w, "the attempt is " + a->state);
      m = "abandoned";
    } else if (op == "resume") {
      ++resumes[id];
      m = "in_encoder";  // or chip_locked: a lower bound either way
    }
  }
  settle_resume({});  // the last cycle's, when its child died inside a resume
  for (const auto& [id, was] : model) {
    const AttemptRow& now = s.attempts.at(id);
    if (now.state == "abandoned" && rank(was) >= rank("feeding") &&
        !s.moves.contains({"unfeed", id}))
      lost(last_line[id], "the attempt was fed, the store has it abandoned without an unfeed");
    else if (!reachable(was, now))
      lost(last_line[id],
           "the journal left the attempt " + was + ", the store has " + now.state +
               (now.interrupted_in.empty() ? "" : " (from " + now.interrupted_in + ")"));
  }
  for (const auto& [id, n] : resumes) {
    auto it = s.resumes.find(id);
    if ((it == s.resumes.end() ? 0 : it->second) < n)
      lost({"resume", std::to_string(id)}, "its recovery decision is missing");
  }
  // Resumes that committed without their journal line (the store has more decisions).
  int unjournalled = 0;
  for (const auto& [id, n] : s.resumes) {
    auto it = resumes.find(id);
    unjournalled += std::max(0, n - (it == resumes.end() ? 0 : it->second));
  }
  c.unjournalled_resumes = unjournalled;
  for (const auto& [key, n] : audits) {
    auto it = s.audit.find(key);
    const int have = it == s.audit.end() ? 0 : it->second;
    if (have < n)
      lost({key}, std::to_string(n) + " journalled, " + std::to_string(have) + " audited");
  }
}

}  // namespace ektp::spool::powercut
