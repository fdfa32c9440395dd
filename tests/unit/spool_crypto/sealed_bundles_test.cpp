// The spool's sealed bundles: accepted with their bytes, read back verified, refused
// when damaged or under another key, and orphaned files collected.
#include <doctest/doctest.h>
#include <sodium.h>

#include "spool/blob_store.hpp"
#include "spool/bundle_crypto.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;

TEST_CASE("accept_bundle seals and stores the bundle; read_bundle gives it back") {
  CryptoFixture f;
  const auto b = make_bundle(1);
  auto r = f.s().accept_bundle(bundle_job(1), b.bytes);
  REQUIRE_OK(r);
  CHECK(*r == Intake::accepted);
  auto job = f.s().jobs().get(job_id(1));
  REQUIRE_OK(job);
  CHECK(BlobStore::is_ref(job->bundle_ref));
  CHECK(f.blob_files() == std::vector<std::string>{f.pack_of(job_id(1)).filename().string()});
  std::vector<std::uint8_t> hash(32);
  crypto_hash_sha256(hash.data(), b.bytes.data(), b.bytes.size());
  CHECK(job->content_hash == hash);  // filled in: the tombstone's hash later
  auto back = f.s().read_bundle(job_id(1));
  REQUIRE_OK(back);
  CHECK(*back == b.bytes);
  const auto file = read_file(f.pack_of(job_id(1)));
  for (const auto& m : b.markers()) CHECK_FALSE(contains(file, m));
  CHECK(f.s().jobs().count_by_state()->at(0).second == 1);  // queued

  // The same bundle again: a no-op, no second file; another bundle for the id: refused.
  CHECK(*f.s().accept_bundle(bundle_job(1), b.bytes) == Intake::already_queued);
  auto conflicting = f.s().accept_bundle(bundle_job(1), make_bundle(2).bytes);
  REQUIRE_FALSE(conflicting.ok());
  CHECK(conflicting.error().code == "spool.conflicting_bundle");
  CHECK(f.blob_files().size() == 1);
  CHECK(*f.s().read_bundle(job_id(1)) == b.bytes);
}

TEST_CASE("the store runs with secure_delete on (erased keys are overwritten)") {
  CryptoFixture f;
  auto q = f.s().db().prepare("PRAGMA secure_delete");
  REQUIRE_OK(q);
  REQUIRE(*q->step());
  CHECK(q->column_int(0) == 1);
}

TEST_CASE("a refused bundle leaves no file and no row") {
  CryptoFixture f;
  const auto b = make_bundle(3);
  NewJob wrong_hash = bundle_job(3);
  wrong_hash.content_hash.assign(32, 0x01);
  CHECK(f.s().accept_bundle(wrong_hash, b.bytes).error().code == "spool.bad_job");
  NewJob bad_date = bundle_job(3, "2024-02-30");
  CHECK(f.s().accept_bundle(bad_date, b.bytes).error().code == "spool.bad_job");
  CHECK(f.blob_files().empty());
  CHECK(f.s().jobs().get(job_id(3)).error().code == "spool.unknown_job");
}

TEST_CASE("a batch is accepted in one step, in one file; the same id twice is stored once") {
  CryptoFixture f;
  std::vector<TestBundle> bundles;
  for (int n = 1; n <= 20; ++n) bundles.push_back(make_bundle(n));
  std::vector<BundleToAccept> batch;
  for (int n = 1; n <= 20; ++n) batch.push_back({bundle_job(n), bundles[n - 1].bytes});
  batch.push_back({bundle_job(5), bundles[4].bytes});  // a repeat inside the batch
  auto r = f.s().accept_bundles(batch);
  REQUIRE_OK(r);
  CHECK(r->size() == 21);
  CHECK(r->back() == Intake::already_queued);
  CHECK(f.blob_files().size() == 1);  // one pack for the batch
  // The repeat's bytes were zeroed: the pack holds 20 live bundles and zeros.
  const auto pack = read_file(f.pack_of(job_id(1)));
  CHECK(static_cast<std::size_t>(std::count(pack.begin(), pack.end(), 0)) >=
        bundles[4].bytes.size());
  for (int n = 1; n <= 20; ++n) CHECK(*f.s().read_bundle(job_id(n)) == bundles[n - 1].bytes);
  std::vector<BundleToAccept> too_many(101, batch.front());
  CHECK(f.s().accept_bundles(too_many).error().code == "spool.batch_too_large");
}

TEST_CASE("the store is refused under another storage key; fine again with its own") {
  CryptoFixture f;
  f.accept(1);
  f.spool.reset();
  auto wrong = f.try_open(fixed_key(0x99));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().code == "spool.wrong_storage_key");
  CHECK(f.blob_files().size() == 1);  // nothing collected or changed
  f.open();
  CHECK(*f.s().read_bundle(job_id(1)) == make_bundle(1).bytes);
}

TEST_CASE("a changed, swapped or missing file fails its job only, by name, without content") {
  CryptoFixture f;
  for (int n = 1; n <= 4; ++n) f.accept(n);
  const auto path1 = f.pack_of(job_id(1));
  const auto path2 = f.pack_of(job_id(2));
  const auto path3 = f.pack_of(job_id(3));
  auto bytes1 = read_file(path1);
  bytes1[bytes1.size() / 2] ^= 0x04;  // one bit of job 1's ciphertext
  write_file(path1, bytes1);
  const auto bytes2 = read_file(path2);
  write_file(path2, read_file(path3));  // job 3's file under job 2's name
  write_file(path3, bytes2);
  auto r1 = f.s().read_bundle(job_id(1));
  REQUIRE_FALSE(r1.ok());
  CHECK(r1.error().code == "spool.bundle_damaged");
  CHECK(r1.error().message.find(job_id(1)) != std::string::npos);
  CHECK(r1.error().message.find(make_bundle(1).nik) == std::string::npos);
  CHECK(f.s().read_bundle(job_id(2)).error().code == "spool.bundle_damaged");
  CHECK(f.s().read_bundle(job_id(3)).error().code == "spool.bundle_damaged");
  CHECK_OK(f.s().read_bundle(job_id(4)));

  auto check = f.s().verify_all_blobs();
  REQUIRE_OK(check);
  CHECK(check->checked == 4);
  CHECK(check->failures.size() == 3);
  std::filesystem::remove(path1);
  CHECK(f.s().read_bundle(job_id(1)).error().code == "spool.blob_missing");
  // Restoring the right bytes heals it: the tag was the only thing checked.
  write_file(path2, bytes2);
  CHECK_OK(f.s().read_bundle(job_id(2)));
}

TEST_CASE("orphaned files (a crash between the file and its row) are collected at open") {
  CryptoFixture f;
  f.accept(1);
  const auto live = f.blob_files();
  {
    // What accept_bundle leaves when the process dies after the file, before the row:
    // a sealed file no row names, and a temp file of a write cut short.
    BlobStore blobs(f.store());
    const auto sealed = crypto::seal_bundle(fixed_key(), job_id(2), make_bundle(2).bytes);
    const std::span<const std::uint8_t> one(sealed.blob);
    REQUIRE_OK(blobs.write(std::span(&one, 1)));
    write_file(f.blob_dir() / "0123456789abcdef0123456789abcdef.pack.tmp", sealed.blob);
  }
  CHECK(f.blob_files().size() == 3);
  f.open();  // as after the crash
  CHECK(f.blob_files() == live);
  CHECK(*f.s().read_bundle(job_id(1)) == make_bundle(1).bytes);
  // The job can come again and is stored afresh.
  f.accept(2);
  CHECK(f.blob_files().size() == 2);
  // On demand too; nothing to collect now.
  CHECK(*f.s().collect_orphan_blobs() == 0);
}

TEST_CASE("without a storage key nothing is sealed or read") {
  CryptoFixture f;
  f.accept(1);
  f.spool.reset();
  OpenOptions options;
  options.path = f.store();
  auto keyless = Spool::open(options, f.clock);
  REQUIRE_OK(keyless);
  CHECK(keyless->accept_bundle(bundle_job(2), make_bundle(2).bytes).error().code ==
        "spool.no_storage_key");
  CHECK(keyless->read_bundle(job_id(1)).error().code == "spool.no_storage_key");
  CHECK(f.blob_files().size() == 1);
}
