#pragma once
/// The torture worker's loop over a spool someone else opened: the power-cut test
/// (tests/integration/spool_powercut) opens the store through its VFS and runs the
/// same random operations, journalled the same way.

#include <cstdint>
#include <filesystem>
#include <functional>

#include "spool/spool.hpp"

namespace ektp::spool::torture {

/// Which operations the worker may choose besides the card's life and the stock.
struct WorkerOps {
  /// erase_due (which ends with a TRUNCATE checkpoint) and online backups. Both tests
  /// run with them; the switch is for narrowing a failure down.
  bool erase_and_backup = true;
};

/// Runs seeded random spool operations on `spool` forever, journalling each one that
/// committed in `dir` (journal.hpp). `ready` is called once the worker has read the
/// journal, before the first operation. Never returns: the process ends by a kill
/// or a power cut.
[[noreturn]] void run_worker_loop(const std::filesystem::path& dir, std::uint64_t seed, Spool spool,
                                  const std::function<void()>& ready = {}, WorkerOps ops = {});

}  // namespace ektp::spool::torture
