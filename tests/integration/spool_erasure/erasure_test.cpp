// Erasure (issue 12, "Tests that must exist"): once central acknowledged a job's final
// event and the retention passed, nothing of the job but its tombstone is left in the
// state directory (store, WAL, shared memory, blob files), and no personal marker of
// any job is ever found there in clear. Raw bytes of every file are scanned.
#include <doctest/doctest.h>

#include <map>

#include "spool/audit.hpp"
#include "spool/outbox.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;
using A = AttemptState;

namespace {

using Bytes = std::vector<std::uint8_t>;

// Every regular file under the state directory, with its raw bytes.
std::map<std::string, Bytes> state_files(const std::filesystem::path& dir) {
  std::map<std::string, Bytes> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[e.path().string()] = read_file(e.path());
  return out;
}

// Where `needle` is found (file names), for a readable failure.
std::string found_in(const std::map<std::string, Bytes>& files, const Bytes& needle) {
  std::string where;
  for (const auto& [name, bytes] : files)
    if (contains(bytes, needle)) where += name + " ";
  return where;
}

struct Station : CryptoFixture {
  std::map<int, TestBundle> bundles;

  Station() {
    REQUIRE_OK(s().receive_stock({.count = 20,
                                  .delivery_ref = "SJ-1",
                                  .serial_first = std::nullopt,
                                  .serial_last = std::nullopt,
                                  .operator_id = "op-a",
                                  .note = "",
                                  .at = {}}));
    REQUIRE_OK(s().load_hopper({.count = 20, .operator_id = "op-a", .at = {}}));
  }
  void add(int n) {
    bundles[n] = make_bundle(n);
    REQUIRE(*s().accept_bundle(bundle_job(n), bundles[n].bytes) == Intake::accepted);
  }
  // Claims the next job and prints its card.
  std::string print_next() {
    auto c = s().claim_next();
    REQUIRE_OK(c);
    REQUIRE(c->has_value());
    const auto id = (*c)->attempt_id;
    REQUIRE_OK(s().start_feeding(id));
    REQUIRE_OK(s().advance(id, A::in_encoder));
    REQUIRE_OK(s().advance(id, A::chip_writing));
    REQUIRE_OK(s().record_chip(id, "SN-" + std::to_string(id), "04A1B2C3"));
    REQUIRE_OK(s().advance(id, A::chip_locked));
    auto token = s().issue_permit(id);
    REQUIRE_OK(token);
    REQUIRE_OK(s().use_permit(id, *token, 100 + id));
    REQUIRE_OK(s().advance(id, A::card_out));
    REQUIRE_OK(s().finish(id));
    return (*c)->job.id;
  }
  void ack_all() {
    auto batch = outbox::take_batch(s().db(), 1'000'000);
    REQUIRE_OK(batch);
    std::vector<outbox::EventId> ids;
    for (const auto& e : *batch) ids.push_back(e.id);
    REQUIRE_OK(outbox::acknowledge(s().db(), ids, clock.wall_now()));
  }
  Bytes wrapped_key(int n) {
    auto q = s().db().prepare("SELECT wrapped_key FROM jobs WHERE id = ?1");
    REQUIRE_OK(q);
    REQUIRE(*q->bind(1, job_id(n)).step());
    return q->column_blob(0);
  }
  // No personal marker of any job, in clear, in any file of the state directory.
  void require_no_plaintext(const char* when) {
    CAPTURE(when);
    const auto files = state_files(dir.path());
    REQUIRE(files.size() >= 2);  // the store and its WAL at least
    for (const auto& [n, b] : bundles)
      for (const auto& m : b.markers()) {
        CAPTURE(n);
        CHECK_MESSAGE(found_in(files, m).empty(), "marker found in " << found_in(files, m));
      }
  }
  std::int64_t count(const std::string& sql) {
    auto q = s().db().prepare(sql);
    REQUIRE_OK(q);
    REQUIRE(*q->step());
    return q->column_int(0);
  }
};

}  // namespace

TEST_CASE("after erasure only the tombstone is left; nothing personal is ever in clear") {
  Station f;
  for (int n = 1; n <= 6; ++n) f.add(n);
  f.require_no_plaintext("after intake");

  CHECK(f.print_next() == job_id(1));
  CHECK(f.print_next() == job_id(2));
  REQUIRE_OK(f.s().cancel(job_id(3), "op-a", "sup-b", "citizen moved"));
  REQUIRE_OK(f.s().cancel_by_central(job_id(4), "duplicate record"));
  f.require_no_plaintext("after printing");

  // What erasure must remove: each erased job's wrapped key and ciphertext.
  std::map<int, Bytes> keys, cipher;
  for (int n = 1; n <= 4; ++n) {
    keys[n] = f.wrapped_key(n);
    REQUIRE(keys[n].size() == 72);
    cipher[n] = read_file(f.pack_of(job_id(n)));
    REQUIRE(cipher[n].size() > 30'000);
  }

  // Not before central acknowledged the final event, nor before the retention passed.
  CHECK(*f.s().erase_due(f.clock.wall_now() + std::chrono::hours(100)) == 0);
  f.ack_all();
  CHECK(*f.s().erase_due(f.clock.wall_now()) == 0);
  f.clock.advance(std::chrono::hours(25));
  CHECK(*f.s().erase_due(f.clock.wall_now()) == 4);
  CHECK(*f.s().erase_due(f.clock.wall_now()) == 0);  // once only

  // Gone: keys, files; the bundle cannot be read, a reprint cannot be made.
  for (int n = 1; n <= 4; ++n) {
    CAPTURE(n);
    CHECK(f.wrapped_key(n).empty());
    CHECK(f.s().read_bundle(job_id(n)).error().code == "spool.bundle_erased");
  }
  CHECK(f.blob_files().size() == 2);
  CHECK(*f.s().read_bundle(job_id(5)) == f.bundles[5].bytes);  // queued jobs untouched
  CHECK(*f.s().read_bundle(job_id(6)) == f.bundles[6].bytes);
  CHECK(f.s().void_and_reprint(job_id(1), "op-a", "sup-b", "smudged").error().code ==
        "spool.bundle_erased");

  // Kept: the tombstone for good (a replay is refused); the NIK hash and chip serial
  // until handover; the erasure itself, in the audit log and the outbox.
  CHECK(f.count("SELECT count(*) FROM tombstones WHERE job_id IN ('" + job_id(1) + "','" +
                job_id(2) + "','" + job_id(3) + "','" + job_id(4) + "')") == 4);
  CHECK(
      f.count(
          "SELECT count(*) FROM tombstones WHERE outcome = 'done' AND length(content_hash) = 32") ==
      2);
  CHECK(f.s().accept_bundle(bundle_job(1), f.bundles[1].bytes).error().code ==
        "spool.job_finished");
  CHECK(f.s().jobs().get(job_id(1))->nik_hash.size() == 32);
  CHECK(f.count("SELECT count(*) FROM attempts WHERE job_id = '" + job_id(1) +
                "' AND chip_serial IS NOT NULL") == 1);
  CHECK(f.count(
            "SELECT count(*) FROM audit_log WHERE action = 'job.erase' AND operator = 'station'") ==
        4);
  CHECK(f.count("SELECT count(*) FROM outbox_event WHERE type = 'audit_entry' AND acked_ms IS NULL "
                "AND json_extract(payload, '$.action') = 'job.erase'") == 4);

  auto scan_erased = [&](const char* when) {
    CAPTURE(when);
    const auto files = state_files(f.dir.path());
    for (int n = 1; n <= 4; ++n) {
      CAPTURE(n);
      CHECK_MESSAGE(found_in(files, keys[n]).empty(),
                    "wrapped key in " << found_in(files, keys[n]));
      // The ciphertext: windows at its start (after the header), middle and end (tag).
      for (std::size_t at : {std::size_t{32}, cipher[n].size() / 2, cipher[n].size() - 64}) {
        const Bytes window(cipher[n].begin() + static_cast<std::ptrdiff_t>(at),
                           cipher[n].begin() + static_cast<std::ptrdiff_t>(at + 64));
        CHECK_MESSAGE(found_in(files, window).empty(), "ciphertext in " << found_in(files, window));
      }
    }
  };
  scan_erased("after erasure");
  f.require_no_plaintext("after erasure");
  // Closed and opened again (the WAL replayed or reset, orphans collected).
  f.open();
  scan_erased("after reopening");
  f.require_no_plaintext("after reopening");
  CHECK(*f.s().read_bundle(job_id(5)) == f.bundles[5].bytes);
}

TEST_CASE("a reprinted job waits for central's ack of its new final event") {
  Station f;
  f.add(1);
  f.print_next();
  f.ack_all();
  REQUIRE_OK(f.s().void_and_reprint(job_id(1), "op-a", "sup-b", "face smudged"));
  f.print_next();  // a second card_good, not acknowledged yet
  f.clock.advance(std::chrono::hours(48));
  CHECK(*f.s().erase_due(f.clock.wall_now()) == 0);
  CHECK_OK(f.s().read_bundle(job_id(1)));
  f.ack_all();
  CHECK(*f.s().erase_due(f.clock.wall_now()) == 1);
  CHECK(f.blob_files().empty());
}

TEST_CASE("a crash after the keys were erased, before the bytes went: finished at open") {
  Station f;
  // Jobs 1 and 2 share one pack; job 3 has its own.
  std::vector<TestBundle> two{make_bundle(1), make_bundle(2)};
  std::vector<BundleToAccept> batch{{bundle_job(1), two[0].bytes}, {bundle_job(2), two[1].bytes}};
  REQUIRE_OK(f.s().accept_bundles(batch));
  f.bundles[1] = two[0];
  f.bundles[2] = two[1];
  f.add(3);
  const auto shared = f.pack_of(job_id(1));
  REQUIRE(shared == f.pack_of(job_id(2)));
  const auto ref1 = f.bundle_ref(job_id(1));
  const auto shared_bytes = read_file(shared);
  const auto own = f.pack_of(job_id(3));
  const auto own_bytes = read_file(own);
  const Bytes window1(shared_bytes.begin() + 100, shared_bytes.begin() + 164);  // job 1's
  // Jobs 1 and 3 printed, acknowledged, erased; job 2 still queued.
  REQUIRE_OK(f.s().hold(job_id(2), "op-a", "wait"));
  f.print_next();
  f.print_next();
  f.ack_all();
  f.clock.advance(std::chrono::hours(25));
  REQUIRE(*f.s().erase_due(f.clock.wall_now()) == 2);
  CHECK_FALSE(std::filesystem::exists(own));
  CHECK(found_in(state_files(f.dir.path()), window1).empty());
  // As if the process died after the keys' commit, before the bytes were touched: the
  // old bytes are back and job 1's row still points into its pack.
  write_file(shared, shared_bytes);
  write_file(own, own_bytes);
  auto undo = f.s().db().prepare("UPDATE jobs SET bundle_ref = ?1 WHERE id = ?2");
  REQUIRE_OK(undo);
  REQUIRE_OK(undo->bind(1, ref1).bind(2, job_id(1)).run());
  f.open();
  CHECK(f.bundle_ref(job_id(1)) == "erased");
  CHECK_FALSE(std::filesystem::exists(own));  // no row names it: deleted
  CHECK(found_in(state_files(f.dir.path()), window1).empty());
  CHECK(*f.s().read_bundle(job_id(2)) == f.bundles[2].bytes);  // its neighbour is intact
  f.require_no_plaintext("after the interrupted erasure");
}

TEST_CASE("erasure and handover, either first: then the attempts' chip serial and UID go") {
  Station f;
  f.add(1);
  f.add(2);
  // Job 1: a spoiled try whose chip was read, then its good card; job 2: a good card.
  {
    auto c = f.s().claim_next();
    REQUIRE_OK(c);
    const auto id = (*c)->attempt_id;
    REQUIRE_OK(f.s().start_feeding(id));
    REQUIRE_OK(f.s().advance(id, A::in_encoder));
    REQUIRE_OK(f.s().record_chip(id, "SN-SPOILED", "04FFFF"));
    REQUIRE_OK(f.s().spoil(id, {ledger::SpoilReason::write_failed, ""}));
  }
  CHECK(f.print_next() == job_id(1));
  CHECK(f.print_next() == job_id(2));
  auto with_ids = [&](int n) {
    return f.count("SELECT count(*) FROM attempts WHERE job_id = '" + job_id(n) +
                   "' AND (chip_serial IS NOT NULL OR chip_uid IS NOT NULL)");
  };
  REQUIRE(with_ids(1) == 2);
  REQUIRE(with_ids(2) == 1);

  // Job 1 handed over before its erasure: kept until the erasure.
  REQUIRE_OK(f.s().hand_over(job_id(1), "op-a"));
  CHECK(with_ids(1) == 2);
  f.ack_all();
  f.clock.advance(std::chrono::hours(25));
  REQUIRE(*f.s().erase_due(f.clock.wall_now()) == 2);
  CHECK(with_ids(1) == 0);
  // Job 2 erased, not collected yet: kept for its handover, then gone with it.
  CHECK(with_ids(2) == 1);
  REQUIRE_OK(f.s().hand_over(job_id(2), "op-a"));
  CHECK(with_ids(2) == 0);

  // The ledger keeps every serial (stock accounting, the destruction report) and
  // still balances; the attempts keep their outcome.
  CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'issue' AND serial IN "
                "('SN-2', 'SN-3')") == 2);
  CHECK(f.count("SELECT count(*) FROM ledger_movement WHERE kind = 'spoil' AND serial = "
                "'SN-SPOILED'") == 1);
  auto check = ledger::check(f.s().db());
  REQUIRE_OK(check);
  CHECK(check->ok);
  CHECK(f.count("SELECT count(*) FROM attempts WHERE state = 'done'") == 2);
  CHECK(f.count("SELECT count(*) FROM attempts WHERE state = 'spoiled'") == 1);
}
