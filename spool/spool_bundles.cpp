// The spool facade: personal data at rest. Sealed bundles (accept_bundle, read_bundle,
// verify_all_blobs), orphaned files, and erasure (see spool.hpp, bundle_crypto.hpp,
// blob_store.hpp).
#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "spool/audit.hpp"
#include "spool/blob_store.hpp"
#include "spool/bundle_crypto.hpp"
#include "spool/spool.hpp"
#include "spool/spool_messages_operator.hpp"
#include "spool/spool_messages_store.hpp"
#include "spool/spool_parts.hpp"
#include "spool/transition_sql.hpp"

namespace ektp::spool {

namespace {

constexpr std::size_t kMaxBatch = 100;  // jobs per transaction (issue 12 figures)

Error no_key() { return fail("spool.no_storage_key", texts::say(texts::no_storage_key)); }

// OpenSSL's SHA-256 (it uses the CPU's SHA instructions: ~6x libsodium's here).
std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> bytes) {
  std::vector<std::uint8_t> out(32);
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != out.size())
    std::abort();  // SHA-256 unavailable: the library is broken
  return out;
}

// True when the id is already a job or a tombstone here (Jobs::accept then decides
// without inserting: already queued, conflicting, or finished).
Result<bool> known_id(Database& db, std::string_view id) {
  auto q = db.prepare(
      "SELECT 1 FROM jobs WHERE id = lower(?1) UNION ALL "
      "SELECT 1 FROM tombstones WHERE job_id = lower(?1)");
  if (!q) return q.error();
  auto row = q->bind(1, id).step();
  if (!row) return row.error();
  return *row;
}

}  // namespace

namespace detail {

Result<void> check_storage_key(Database& db, const StorageKey& key, std::int64_t now_ms) {
  const auto check = crypto::key_check(key);
  auto q = db.prepare("SELECT check_value FROM storage_key_check WHERE singleton = 1");
  if (!q) return q.error();
  auto row = q->step();
  if (!row) return row.error();
  if (*row) {
    if (q->column_blob(0) == check) return ok();
    return fail("spool.wrong_storage_key", texts::say(texts::wrong_storage_key));
  }
  q->reset();
  auto ins = db.prepare(
      "INSERT INTO storage_key_check (singleton, check_value, set_at_ms) VALUES (1, ?1, ?2)");
  if (!ins) return ins.error();
  return ins->bind_blob(1, check).bind(2, now_ms).run();
}

}  // namespace detail

Result<Intake> Spool::accept_bundle(NewJob job, std::span<const std::uint8_t> bundle) {
  const BundleToAccept one{std::move(job), bundle};
  auto r = accept_bundles(std::span(&one, 1));
  if (!r) return r.error();
  return r->front();
}

Result<std::vector<Intake>> Spool::accept_bundles(std::span<const BundleToAccept> bundles) {
  if (!parts_->key) return no_key();
  if (bundles.size() > kMaxBatch)
    return fail("spool.batch_too_large", texts::say(texts::batch_too_large));
  // 1. Seal the new ones and write their files (durably) before any row points to them.
  std::vector<NewJob> jobs_in;
  std::vector<std::vector<std::uint8_t>> wrapped(bundles.size());
  std::vector<std::vector<std::uint8_t>> sealed;
  std::vector<std::size_t> sealed_index;
  for (std::size_t i = 0; i < bundles.size(); ++i) {
    NewJob job = bundles[i].job;
    const auto hash = sha256(bundles[i].bundle);
    if (job.content_hash.empty()) job.content_hash = hash;
    if (job.content_hash != hash)
      return fail("spool.bad_job", texts::say(texts::bundle_hash_mismatch, job.id));
    auto known = known_id(db(), job.id);
    if (!known) return known.error();
    if (*known) {
      job.bundle_ref = "(known)";  // never stored: Jobs::accept decides without inserting
    } else {
      auto s = crypto::seal_bundle(*parts_->key, job.id, bundles[i].bundle);
      wrapped[i] = std::move(s.wrapped_key);
      sealed.push_back(std::move(s.blob));
      sealed_index.push_back(i);
    }
    jobs_in.push_back(std::move(job));
  }
  std::vector<std::span<const std::uint8_t>> views(sealed.begin(), sealed.end());
  const BlobStore::Plan plan = BlobStore::plan(views);
  for (std::size_t k = 0; k < sealed_index.size(); ++k)
    jobs_in[sealed_index[k]].bundle_ref = plan.refs[k];
  // The pack is written and synced on another thread while the rows are prepared (its
  // fsyncs overlap the statements); the transaction commits only once the pack is
  // durable, so the order holds: the file first, the rows (durable at COMMIT) second.
  std::future<Result<void>> writing;
  if (!views.empty())
    writing = std::async(std::launch::async, [&] { return parts_->blobs.write_pack(plan, views); });
  bool pack_written = false;
  auto wait_for_pack = [&]() -> Result<void> {
    if (!writing.valid()) return ok();
    auto w = writing.get();
    pack_written = w.ok();
    return w;
  };

  // 2. The rows, their wrapped keys and events: one transaction.
  std::vector<Intake> outcomes(bundles.size(), Intake::already_queued);
  auto r = db().transaction([&]() -> Result<void> {
    for (std::size_t i = 0; i < jobs_in.size(); ++i) {
      auto accepted = jobs().accept(jobs_in[i], wrapped[i]);
      if (!accepted) return accepted.error();
      outcomes[i] = *accepted;
      if (*accepted != Intake::accepted) continue;
      if (wrapped[i].empty())  // cannot happen: a new id was sealed above
        return fail("spool.bad_job", texts::say(texts::new_job_unsealed));
      if (auto e = detail::append_event(
              db(), outbox::events::job_accepted(stored_job_id(jobs_in[i].id)), now());
          !e)
        return e;
    }
    return wait_for_pack();
  });
  (void)wait_for_pack();  // a body that failed early: the writer is joined before cleanup
  if (!pack_written) return r ? Result<std::vector<Intake>>(outcomes) : r.error();
  // A refused batch leaves nothing; a bundle not accepted (the same id twice in one
  // batch) has its bytes zeroed (its data key was never stored: unreadable anyway).
  std::vector<std::string> unused;
  for (std::size_t k = 0; k < sealed_index.size(); ++k)
    if (!r || outcomes[sealed_index[k]] != Intake::accepted) unused.push_back(plan.refs[k]);
  if (unused.size() == plan.refs.size())
    (void)parts_->blobs.remove_pack(plan.pack);
  else if (!unused.empty())
    (void)parts_->blobs.zero(unused);
  if (!r) return r.error();
  return outcomes;
}

Result<std::vector<std::uint8_t>> Spool::read_bundle(std::string_view job_id) {
  if (!parts_->key) return no_key();
  auto q = db().prepare(
      "SELECT id, coalesce(bundle_ref, ''), wrapped_key, erased_at_ms IS NOT NULL FROM jobs "
      "WHERE id = lower(?1)");
  if (!q) return q.error();
  auto row = q->bind(1, job_id).step();
  if (!row) return row.error();
  if (!*row) return fail("spool.unknown_job", texts::say(texts::unknown_job, job_id));
  const std::string id = q->column_text(0);
  const std::string ref = q->column_text(1);
  const auto wrapped_key = q->column_blob(2);
  const bool erased = q->column_int(3) != 0;
  q->reset();
  if (erased) return fail("spool.bundle_erased", texts::say(texts::bundle_erased, id));
  if (wrapped_key.empty()) return fail("spool.no_bundle", texts::say(texts::no_bundle, id));
  auto blob = parts_->blobs.read(ref);
  if (!blob) return fail(blob.error().code, texts::say(texts::job_error, id, blob.error().message));
  return crypto::open_bundle(*parts_->key, id, wrapped_key, *blob);
}

Result<BlobCheck> Spool::verify_all_blobs() {
  if (!parts_->key) return no_key();
  auto q = db().prepare("SELECT id FROM jobs WHERE wrapped_key IS NOT NULL ORDER BY id");
  if (!q) return q.error();
  std::vector<std::string> ids;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) break;
    ids.push_back(q->column_text(0));
  }
  q->reset();
  BlobCheck check;
  for (const auto& id : ids) {
    ++check.checked;
    auto bundle = read_bundle(id);
    if (!bundle) check.failures.push_back(bundle.error());
    if (bundle) sodium_memzero(bundle->data(), bundle->size());
  }
  return check;
}

namespace {

// True when some row still points into the pack.
Result<bool> pack_in_use(Database& db, const std::string& pack) {
  auto q = db.prepare("SELECT 1 FROM jobs WHERE bundle_ref >= ?1 AND bundle_ref < ?2 LIMIT 1");
  if (!q) return q.error();
  auto row = q->bind(1, pack + ":").bind(2, pack + ";").step();  // ';' sorts right after ':'
  if (!row) return row.error();
  return *row;
}

// Zeroes the bytes of erased jobs, then marks their bundle_ref 'erased'.
Result<void> clear_erased(Database& db, BlobStore& blobs, const std::vector<std::string>& ids,
                          const std::vector<std::string>& refs) {
  if (auto z = blobs.zero(refs); !z) return z;
  return db.transaction([&]() -> Result<void> {
    for (const auto& id : ids) {
      auto up = db.prepare("UPDATE jobs SET bundle_ref = 'erased' WHERE id = ?1");
      if (!up) return up.error();
      if (auto u = up->bind(1, id).run(); !u) return u;
    }
    return ok();
  });
}

}  // namespace

Result<int> Spool::collect_orphan_blobs() {
  auto temps = parts_->blobs.remove_temp_files();
  if (!temps) return temps.error();
  // Erasures cut short after the keys were deleted: zero their bytes now.
  auto q = db().prepare(
      "SELECT id, bundle_ref FROM jobs INDEXED BY jobs_erasure_unfinished "
      "WHERE erased_at_ms IS NOT NULL AND bundle_ref <> 'erased'");
  if (!q) return q.error();
  std::vector<std::string> ids, refs;
  for (;;) {
    auto row = q->step();
    if (!row) return row.error();
    if (!*row) break;
    ids.push_back(q->column_text(0));
    refs.push_back(q->column_text(1));
  }
  q->reset();
  if (!ids.empty())
    if (auto c = clear_erased(db(), parts_->blobs, ids, refs); !c) return c.error();
  // Packs no row names: a crash between a pack and its rows, or all its jobs erased.
  auto packs = parts_->blobs.list_packs();
  if (!packs) return packs.error();
  int removed = *temps;
  for (const auto& pack : *packs) {
    auto used = pack_in_use(db(), pack);
    if (!used) return used.error();
    if (*used) continue;
    if (auto r = parts_->blobs.remove_pack(pack); !r) return r.error();
    ++removed;
  }
  return removed;
}

Result<int> Spool::erase_due(ledger::Time now_time) {
  const std::int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now_time.time_since_epoch()).count();
  const std::int64_t finished_before = now_ms - parts_->erasure.retention.count();
  int erased = 0;
  for (;;) {
    // Due: finished long enough ago, and the latest final event acknowledged by central.
    auto q = db().prepare(
        "SELECT j.id, j.state, coalesce(j.bundle_ref, '') FROM jobs j INDEXED BY jobs_to_erase "
        "WHERE j.erased_at_ms IS NULL AND j.state IN ('done', 'failed', 'cancelled') "
        "AND j.updated_at_ms <= ?1 AND (SELECT e.acked_ms IS NOT NULL FROM outbox_event e "
        "  WHERE e.job_id = j.id AND e.type IN ('card_good', 'job_failed') "
        "  ORDER BY e.id DESC LIMIT 1) "
        "ORDER BY j.updated_at_ms LIMIT 100");
    if (!q) return q.error();
    q->bind(1, finished_before);
    struct Due {
      std::string id, state, ref;
    };
    std::vector<Due> due;
    for (;;) {
      auto row = q->step();
      if (!row) return row.error();
      if (!*row) break;
      due.push_back({q->column_text(0), q->column_text(1), q->column_text(2)});
    }
    q->reset();
    if (due.empty()) break;
    // The keys first: once a wrapped key is gone the file is unreadable for good.
    auto r = db().transaction([&]() -> Result<void> {
      for (const auto& d : due) {
        auto up = db().prepare(
            "UPDATE jobs SET wrapped_key = NULL, erased_at_ms = ?1 WHERE id = ?2 "
            "AND erased_at_ms IS NULL");
        if (!up) return up.error();
        if (auto u = up->bind(1, now_ms).bind(2, d.id).run(); !u) return u;
        // Handed over already: nothing needs the chip serial and UID any more.
        if (auto f = detail::forget_chip_ids_when_done_with(db(), d.id); !f) return f;
        const std::string detail = nlohmann::json{{"outcome", d.state}}.dump();
        if (auto a = audit("station", audit::actions::job_erase, "job", d.id, detail); !a) return a;
      }
      return ok();
    });
    if (!r) return r.error();
    // Then the bytes (a crash here: collect_orphan_blobs finishes it at the next open).
    std::vector<std::string> ids, refs;
    for (const auto& d : due) {
      ids.push_back(d.id);
      refs.push_back(d.ref);
    }
    if (auto c = clear_erased(db(), parts_->blobs, ids, refs); !c) return c.error();
    std::vector<std::string> packs;
    for (const auto& ref : refs)
      if (auto p = BlobStore::parse(ref)) packs.push_back(p->pack);
    std::sort(packs.begin(), packs.end());
    packs.erase(std::unique(packs.begin(), packs.end()), packs.end());
    for (const auto& pack : packs) {
      auto used = pack_in_use(db(), pack);
      if (!used) return used.error();
      if (!*used)
        if (auto rm = parts_->blobs.remove_pack(pack); !rm) return rm.error();
    }
    erased += static_cast<int>(due.size());
  }
  if (erased > 0) {
    // Old WAL frames still hold the pages with the keys: copy the new pages into the
    // store and cut the WAL to zero bytes (one connection: nothing blocks it).
    if (auto c = db().exec("PRAGMA wal_checkpoint(TRUNCATE)"); !c) return c.error();
  }
  return erased;
}

}  // namespace ektp::spool
