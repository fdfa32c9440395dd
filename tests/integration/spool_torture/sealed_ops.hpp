#pragma once
/// The torture's operations on personal data at rest (issue 12: "import, ..., erase,
/// backup"): sealed bundles, erasure, online backups; and their checks after a kill.

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>

#include "spool/spool.hpp"
#include "spool/storage_key.hpp"
#include "tests/integration/spool_torture/torture.hpp"

namespace ektp::spool::torture {

/// The torture store's storage key (fixed: every worker and the checker open with it).
StorageKey torture_key();
/// No retention: a finished job is erased as soon as central acknowledged it.
ErasureConfig torture_erasure();

/// The bundle bytes of job number `n` (deterministic, 0.5-3 KB).
std::vector<std::uint8_t> torture_bundle(std::uint64_t n);

/// An online backup into `dir`/backups/<random>; returns its path.
Result<std::filesystem::path> torture_backup(Spool& spool, const std::filesystem::path& dir,
                                             std::mt19937_64& rng);

/// After a kill: every sealed bundle still opens and matches (verify_all_blobs), and
/// every backup the journal says was made restores, opens with the key and verifies
/// (each checked once, then removed to save space). Adds to bundle_errors/backup_errors.
void check_sealed(Spool& spool, const std::filesystem::path& dir, Counts& counts);

}  // namespace ektp::spool::torture
