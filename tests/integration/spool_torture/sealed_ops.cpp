#include "tests/integration/spool_torture/sealed_ops.hpp"

#include "drivers/common/clock.hpp"
#include "spool/backup.hpp"
#include "tests/integration/spool_torture/journal.hpp"

namespace ektp::spool::torture {

StorageKey torture_key() {
  std::vector<std::uint8_t> raw(StorageKey::kSize, 0x5A);
  return StorageKey::from_bytes(raw);
}

ErasureConfig torture_erasure() { return ErasureConfig{std::chrono::milliseconds(0)}; }

std::vector<std::uint8_t> torture_bundle(std::uint64_t n) {
  std::mt19937_64 rng(n * 7919 + 17);
  std::vector<std::uint8_t> bytes(500 + rng() % 2500);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
  return bytes;
}

Result<std::filesystem::path> torture_backup(Spool& spool, const std::filesystem::path& dir,
                                             std::mt19937_64& rng) {
  const auto dest = dir / "backups" / ("b" + std::to_string(rng() % 1'000'000'000));
  auto r = backup_store(spool.db(), dir / "spool.db", dest);
  if (!r) return r.error();
  return dest;
}

void check_sealed(Spool& spool, const std::filesystem::path& dir, Counts& c) {
  auto blobs = spool.verify_all_blobs();
  if (!blobs) {
    ++c.bundle_errors;
    c.note("verify_all_blobs: " + blobs.error().code + ": " + blobs.error().message);
  } else {
    for (const auto& f : blobs->failures) {
      ++c.bundle_errors;
      c.note("sealed bundle: " + f.code + ": " + f.message);
    }
  }
  for (const auto& w : journal_committed(dir)) {
    if (w.size() != 2 || w[0] != "backup" || c.backups_checked.count(w[1])) continue;
    c.backups_checked.insert(w[1]);
    const std::filesystem::path backup = w[1];
    const auto restored = dir / "restore-check" / "spool.db";
    std::error_code ec;
    std::filesystem::remove_all(restored.parent_path(), ec);
    std::filesystem::create_directories(restored.parent_path(), ec);
    auto r = restore_store(backup, restored);
    bool good = r.ok();
    if (good) {
      OpenOptions options;
      options.path = restored;
      auto copy = Spool::open(options, SystemClock::instance(), QueueConfig{3}, torture_key(),
                              torture_erasure());
      auto check = copy ? copy->verify_all_blobs() : Result<BlobCheck>(copy.error());
      good = check && check->failures.empty();
      if (!good) c.note("backup " + backup.string() + " does not open whole");
    } else {
      c.note("backup " + backup.string() + ": " + r.error().code + ": " + r.error().message);
    }
    if (!good) ++c.backup_errors;
    std::filesystem::remove_all(restored.parent_path(), ec);
    std::filesystem::remove_all(backup, ec);
  }
}

}  // namespace ektp::spool::torture
