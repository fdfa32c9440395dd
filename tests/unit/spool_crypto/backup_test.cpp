// Online backup and restore (spool/backup.hpp): the bundles come back sealed and
// readable with the station's key, what happened after the backup is gone, the restored
// store has a new store id and prints nothing until a stocktake; a restore never
// overwrites a store and refuses what is not a backup.
#include <doctest/doctest.h>

#include "spool/backup.hpp"
#include "spool/ledger.hpp"
#include "spool/outbox.hpp"
#include "spool/store.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;

namespace {

std::string store_id(Spool& s) {
  auto identity = load_identity(s.db());
  REQUIRE_OK(identity);
  return identity->store_id;
}

ledger::Stocktake counted(std::int64_t in_stock) {
  return {.in_stock = in_stock,
          .in_hopper = 0,
          .in_card_path = 0,
          .note = "after restore",
          .operator_id = "op-a",
          .approver = "sup-b",
          .at = {}};
}

}  // namespace

TEST_CASE("a backup restores the store and its sealed bundles, marked restored") {
  CryptoFixture f;
  f.accept(1);
  f.accept(2);
  REQUIRE_OK(f.s().receive_stock({.count = 30,
                                  .delivery_ref = "DO-1",
                                  .serial_first = {},
                                  .serial_last = {},
                                  .operator_id = "op-a",
                                  .note = "",
                                  .at = {}}));
  const std::string old_store_id = store_id(f.s());
  const auto dest = f.dir.path() / "backups" / "2026-11-23";
  // What a backup cut off by a power cut left: replaced, never taken for a backup.
  std::filesystem::create_directories(dest.string() + ".partial");
  write_file(std::filesystem::path(dest.string() + ".partial") / "spool.db", {1, 2, 3});
  auto report = backup_store(f.s().db(), f.store(), dest);
  REQUIRE_OK(report);
  CHECK(report->store == dest / "spool.db");
  CHECK_FALSE(std::filesystem::exists(dest.string() + ".partial"));
  CHECK(report->packs == 2);
  CHECK(std::filesystem::exists(dest / "spool.db"));
  CHECK((std::filesystem::status(dest).permissions() & std::filesystem::perms::others_all) ==
        std::filesystem::perms::none);
  // Nothing personal in clear in the backup either.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dest)) {
    if (!entry.is_regular_file()) continue;
    const auto bytes = read_file(entry.path());
    for (int n : {1, 2}) {
      for (const auto& m : make_bundle(n).markers()) CHECK_FALSE(contains(bytes, m));
    }
  }

  // After the backup: one more job, and the disk is lost.
  f.accept(3);
  f.spool.reset();
  std::filesystem::remove_all(f.blob_dir());
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(f.store().string() + suffix);
  }

  REQUIRE_OK(restore_store(dest, f.store()));
  f.open();
  CHECK(store_id(f.s()) != old_store_id);  // event ids are never reused
  auto identity = load_identity(f.s().db());
  REQUIRE_OK(identity);
  CHECK(identity->restored);
  auto back = f.s().read_bundle(job_id(2));  // sealed, opened with the station's key
  REQUIRE_OK(back);
  CHECK(*back == make_bundle(2).bytes);
  CHECK_FALSE(f.s().jobs().get(job_id(3)));  // accepted after the backup: gone
  auto blobs = f.s().verify_all_blobs();
  REQUIRE_OK(blobs);

  // No card until the stocktake; then the queue runs again.
  CHECK(f.s().claim_next().error().code == "spool.restored_store");
  REQUIRE_OK(f.s().stocktake(counted(30)));
  auto claim = f.s().claim_next();
  REQUIRE_OK(claim);
  CHECK(claim->has_value());
  auto events = outbox::take_batch(f.s().db(), 1000);
  REQUIRE_OK(events);
  REQUIRE_FALSE(events->empty());
  CHECK(events->back().id.store_id == store_id(f.s()));
}

TEST_CASE("a backup cannot be read without the station's storage key") {
  CryptoFixture f;
  f.accept(1);
  const auto dest = f.dir.path() / "b1";
  REQUIRE_OK(backup_store(f.s().db(), f.store(), dest));
  f.spool.reset();
  std::filesystem::rename(f.store(), f.dir.file("live.db"));
  std::filesystem::rename(f.blob_dir(), f.dir.path() / "live.db-blobs");
  REQUIRE_OK(restore_store(dest, f.store()));
  auto other = f.try_open(fixed_key(0x17));  // another station's key
  REQUIRE_FALSE(other);
  CHECK(other.error().code == "spool.wrong_storage_key");
}

TEST_CASE("a restore never overwrites a store, and refuses what is not a backup") {
  CryptoFixture f;
  f.accept(1);
  const auto dest = f.dir.path() / "b1";
  REQUIRE_OK(backup_store(f.s().db(), f.store(), dest));
  auto again = backup_store(f.s().db(), f.store(), dest);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "spool.backup_exists");

  const auto live_before = read_file(f.store());
  auto over = restore_store(dest, f.store());
  REQUIRE_FALSE(over);
  CHECK(over.error().code == "spool.restore_target_exists");
  CHECK(over.error().message.find("move the store") != std::string::npos);

  const auto empty = f.dir.path() / "not-a-backup";
  std::filesystem::create_directory(empty);
  auto wrong = restore_store(empty, f.dir.file("other.db"));
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == "spool.not_a_backup");
  CHECK_FALSE(std::filesystem::exists(f.dir.file("other.db")));
  CHECK_FALSE(std::filesystem::exists(f.dir.path() / "other.db-blobs"));

  // A backup whose bundle file went missing is refused, and nothing is left behind.
  for (const auto& e : std::filesystem::directory_iterator(dest / "spool.db-blobs")) {
    std::filesystem::remove(e.path());
  }
  auto broken = restore_store(dest, f.dir.file("other.db"));
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == "spool.restore_failed");
  CHECK_FALSE(std::filesystem::exists(f.dir.file("other.db")));
  CHECK_FALSE(std::filesystem::exists(f.dir.path() / "other.db-blobs"));
  CHECK_FALSE(std::filesystem::exists(f.dir.path() / "other.db.restoring"));
}
