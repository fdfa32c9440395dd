// The job queue (see jobs.hpp).
#include "spool/jobs.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "spool/spool_messages_jobs.hpp"
#include "spool/spool_messages_states.hpp"
#include "spool/spool_messages_store.hpp"
#include "spool/store.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

namespace {

constexpr std::size_t kHashSize = 32;
constexpr const char* kJobColumns =
    "id, content_hash, state, priority, coalesce(pickup_date, ''), received_at_ms, "
    "coalesce(bundle_ref, ''), nik_hash, attempt_count, spoiled_count, coalesce(reason, ''), "
    "coalesce(decided_by, ''), reprint_pending, updated_at_ms";

JobRecord read_job(const Statement& q) {
  JobRecord j;
  j.id = q.column_text(0);
  j.content_hash = q.column_blob(1);
  j.state = parse_job_state(q.column_text(2)).value_or(JobState::blocked);
  j.priority = q.column_int(3);
  j.pickup_date = q.column_text(4);
  j.received_at_ms = q.column_int(5);
  j.bundle_ref = q.column_text(6);
  j.nik_hash = q.column_blob(7);
  j.attempt_count = static_cast<int>(q.column_int(8));
  j.spoiled_count = static_cast<int>(q.column_int(9));
  j.reason = q.column_text(10);
  j.decided_by = q.column_text(11);
  j.reprint_pending = q.column_int(12) != 0;
  j.updated_at_ms = q.column_int(13);
  return j;
}

Error bad_job(texts::Template<0> what) {
  return fail("spool.bad_job", texts::say(texts::bad_job, texts::say(what)));
}

// Why a job in `state` cannot be cancelled, in words for people.
Error cannot_cancel(const std::string& id, JobState state) {
  std::string why;
  switch (state) {
    case JobState::done:
      why = texts::say(texts::cancel_already_printed);
      break;
    case JobState::claimed:
    case JobState::printing:
    case JobState::blocked:
      why = texts::say(texts::cancel_being_printed);
      break;
    default:
      why = texts::say(texts::cancel_already_state, texts::state_text(state));
      break;
  }
  return fail("spool.cancel_refused", texts::say(texts::cannot_cancel, id, why));
}

}  // namespace

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  const int y = std::stoi(std::string(text.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m},
                                     std::chrono::day{d}}
      .ok();
}

Jobs::Jobs(Database& db, const Clock& clock, QueueConfig config)
    : db_(db), clock_(clock), config_(config) {}

Result<Intake> Jobs::accept(const NewJob& job) { return accept(job, {}); }

Result<Intake> Jobs::accept(const NewJob& job, std::span<const std::uint8_t> wrapped_key) {
  if (!is_uuid(job.id)) return bad_job(texts::job_id_not_uuid);
  if (job.content_hash.size() != kHashSize) return bad_job(texts::content_hash_size);
  if (job.nik_hash.size() != kHashSize) return bad_job(texts::nik_hash_size);
  if (!is_valid_date(job.pickup_date)) return bad_job(texts::pickup_not_date);
  if (job.bundle_ref.empty()) return bad_job(texts::no_stored_bundle);
  const std::string id = stored_job_id(job.id);
  Intake outcome = Intake::accepted;
  auto r = db_.transaction([&]() -> Result<void> {
    auto tomb = db_.prepare("SELECT outcome FROM tombstones WHERE job_id = ?1");
    if (!tomb) return tomb.error();
    auto finished = tomb->bind(1, id).step();
    if (!finished) return finished.error();
    if (*finished)
      return fail("spool.job_finished", texts::say(texts::job_finished, id, tomb->column_text(0)));
    auto existing = db_.prepare("SELECT content_hash FROM jobs WHERE id = ?1");
    if (!existing) return existing.error();
    auto found = existing->bind(1, id).step();
    if (!found) return found.error();
    if (*found) {
      if (existing->column_blob(0) == job.content_hash) {
        outcome = Intake::already_queued;
        return ok();
      }
      return fail("spool.conflicting_bundle", texts::say(texts::conflicting_bundle, id));
    }
    const auto now = detail::now_ms(clock_);
    // Without a wrapped key the statement names only schema 1's columns (it also runs
    // on a store opened at an earlier version, in the migration tests).
    auto ins = db_.prepare(
        wrapped_key.empty()
            ? "INSERT INTO jobs (id, content_hash, state, priority, pickup_date, received_at_ms, "
              "bundle_ref, nik_hash, updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6)"
            : "INSERT INTO jobs (id, content_hash, state, priority, pickup_date, received_at_ms, "
              "bundle_ref, nik_hash, updated_at_ms, wrapped_key) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6, ?9)");
    if (!ins) return ins.error();
    ins->bind(1, id).bind_blob(2, job.content_hash).bind(3, to_string(JobState::queued));
    ins->bind(4, job.priority).bind(5, job.pickup_date).bind(6, now);
    ins->bind(7, job.bundle_ref).bind_blob(8, job.nik_hash);
    if (!wrapped_key.empty()) ins->bind_blob(9, wrapped_key);
    return ins->run();
  });
  if (!r) return r.error();
  return outcome;
}

Result<bool> Jobs::reject(std::string_view job_id, std::span<const std::uint8_t> content_hash,
                          std::string_view reason) {
  if (!is_uuid(job_id)) return bad_job(texts::job_id_not_uuid);
  if (content_hash.size() != kHashSize) return bad_job(texts::content_hash_size);
  if (auto t = check_job_transition(std::nullopt, JobState::rejected); !t) return t.error();
  const std::string id = stored_job_id(job_id);
  bool recorded = false;
  auto r = db_.transaction([&]() -> Result<void> {
    auto known = db_.prepare(
        "SELECT 1 FROM jobs WHERE id = ?1 UNION ALL SELECT 1 FROM tombstones WHERE job_id = ?1");
    if (!known) return known.error();
    auto row = known->bind(1, id).step();
    if (!row) return row.error();
    if (*row) return ok();
    const auto now = detail::now_ms(clock_);
    auto ins = db_.prepare(
        "INSERT INTO jobs (id, content_hash, state, received_at_ms, reason, updated_at_ms) "
        "VALUES (?1, ?2, 'rejected', ?3, ?4, ?3)");
    if (!ins) return ins.error();
    if (auto i = ins->bind(1, id).bind_blob(2, content_hash).bind(3, now).bind(4, reason).run(); !i)
      return i;
    recorded = true;
    return ok();
  });
  if (!r) return r.error();
  return recorded;
}

Result<JobRecord> Jobs::get(std::string_view job_id) {
  auto q = db_.prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?1");
  if (!q) return q.error();
  auto row = q->bind(1, stored_job_id(job_id)).step();
  if (!row) return row.error();
  if (!*row) return fail("spool.unknown_job", texts::say(texts::unknown_job, job_id));
  return read_job(*q);
}

Result<void> Jobs::hold(std::string_view job_id, std::string_view operator_id,
                        std::string_view reason) {
  if (operator_id.empty()) return fail("spool.no_operator", texts::say(texts::login_to_hold));
  return db_.transaction([&] {
    return detail::move_job(db_, stored_job_id(job_id), JobState::held, detail::now_ms(clock_),
                            reason, operator_id);
  });
}

Result<void> Jobs::release(std::string_view job_id, std::string_view operator_id) {
  if (operator_id.empty()) return fail("spool.no_operator", texts::say(texts::login_to_release));
  const std::string id = stored_job_id(job_id);
  return db_.transaction([&]() -> Result<void> {
    // Only a held job: a blocked one is released by an operator's decision on its
    // card (recovery.hpp), never by a plain release.
    auto state = detail::job_state(db_, id);
    if (!state) return state.error();
    if (*state != JobState::held)
      return fail("spool.not_held", texts::say(texts::job_not_held, id, texts::state_text(*state)));
    return detail::move_job(db_, id, JobState::queued, detail::now_ms(clock_), "", operator_id);
  });
}

Result<void> Jobs::cancel_by_operator(std::string_view job_id, std::string_view operator_id,
                                      std::string_view approver_id, std::string_view reason) {
  if (operator_id.empty() || approver_id.empty())
    return fail("spool.no_operator", texts::say(texts::cancel_needs_two));
  if (operator_id == approver_id)
    return fail("spool.same_approver", texts::say(texts::cancel_same_approver));
  const std::string who =
      std::string(operator_id) + " (approved by " + std::string(approver_id) + ")";
  const std::string id = stored_job_id(job_id);
  return db_.transaction([&]() -> Result<void> {
    auto state = detail::job_state(db_, id);
    if (!state) return state.error();
    if (!check_job_transition(*state, JobState::cancelled)) return cannot_cancel(id, *state);
    return detail::move_job(db_, id, JobState::cancelled, detail::now_ms(clock_), reason, who);
  });
}

Result<void> Jobs::cancel_by_central(std::string_view job_id, std::string_view reason) {
  const std::string id = stored_job_id(job_id);
  return db_.transaction([&]() -> Result<void> {
    auto state = detail::job_state(db_, id);
    if (!state) return state.error();
    if (!check_job_transition(*state, JobState::cancelled)) return cannot_cancel(id, *state);
    return detail::move_job(db_, id, JobState::cancelled, detail::now_ms(clock_), reason,
                            std::string_view("central"));
  });
}

Result<std::optional<Claim>> Jobs::claim_next() {
  std::optional<Claim> claim;
  auto r = db_.transaction([&]() -> Result<void> {
    auto identity = load_identity(db_);
    if (!identity) return identity.error();
    if (identity->restored) return fail("spool.restored_store", texts::say(texts::restored_store));
    // Uses the partial index jobs_claim_order (schema 0001): no sort, no scan.
    auto q = db_.prepare(std::string("SELECT ") + kJobColumns + " " + std::string(claim_query()));
    if (!q) return q.error();
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) return ok();
    Claim c;
    c.job = read_job(*q);
    const auto now = detail::now_ms(clock_);
    if (auto m = detail::move_job(db_, c.job.id, JobState::claimed, now); !m) return m;
    if (auto t = check_attempt_transition(std::nullopt, AttemptState::claimed); !t)
      return t.error();
    c.attempt_number = c.job.attempt_count + 1;
    c.reprint = c.job.reprint_pending;
    auto up = db_.prepare("UPDATE jobs SET attempt_count = ?1, reprint_pending = 0 WHERE id = ?2");
    if (!up) return up.error();
    if (auto u = up->bind(1, std::int64_t{c.attempt_number}).bind(2, c.job.id).run(); !u) return u;
    auto ins = db_.prepare(
        "INSERT INTO attempts (job_id, number, state, reprint, started_at_ms, updated_at_ms) "
        "VALUES (?1, ?2, 'claimed', ?3, ?4, ?4)");
    if (!ins) return ins.error();
    ins->bind(1, c.job.id).bind(2, std::int64_t{c.attempt_number});
    ins->bind(3, std::int64_t{c.reprint ? 1 : 0}).bind(4, now);
    if (auto i = ins->run(); !i) return i;
    c.attempt_id = db_.last_insert_rowid();
    c.job.state = JobState::claimed;
    c.job.attempt_count = c.attempt_number;
    c.job.reprint_pending = false;
    claim = std::move(c);
    return ok();
  });
  if (!r) return r.error();
  return claim;
}

std::string_view Jobs::claim_query() {
  // INDEXED BY: without statistics the planner may prefer jobs_by_state and sort;
  // naming the partial index makes claim-next a single index step at any queue size
  // (and SQLite fails the prepare if the index ever stops matching the query).
  return "FROM jobs INDEXED BY jobs_claim_order WHERE state = 'queued' "
         "ORDER BY pickup_date, priority DESC, received_at_ms, id LIMIT 1";
}

Result<std::vector<std::pair<JobState, std::int64_t>>> Jobs::count_by_state() {
  std::vector<std::pair<JobState, std::int64_t>> counts;
  for (JobState s : all_job_states()) counts.emplace_back(s, 0);
  // Schema 4 keeps the counts in job_state_counts (triggers): no scan at any queue size.
  auto q =
      db_.prepare(db_.schema_version() >= 4 ? "SELECT state, n FROM job_state_counts"
                                            : "SELECT state, count(*) FROM jobs GROUP BY state");
  if (!q) return q.error();
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) break;
    if (auto s = parse_job_state(q->column_text(0)))
      counts[static_cast<std::size_t>(*s)].second = q->column_int(1);
  }
  return counts;
}

std::string stored_job_id(std::string_view id) {
  std::string out(id);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // not the locale's idea
  }
  return out;
}

}  // namespace ektp::spool
