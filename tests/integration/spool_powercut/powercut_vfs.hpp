#pragma once
/// A test SQLite VFS that simulates a power cut (issue 12, the power-cut test).
///
/// THE MODEL. It wraps the default VFS ("unix"); every call goes through to it, so
/// the process sees its own writes as usual (the page cache). What the DISK holds is
/// tracked per file (main database, WAL and rollback journals; temporary files are
/// not tracked, they do not survive a reboot anyway):
///   - The content a file had when this VFS first opened it counts as on the disk.
///   - xWrite and xTruncate are remembered, with the bytes they replaced, as NOT
///     YET DURABLE. xSync of the file makes everything remembered for it durable
///     (xSync does not call fsync: the real machine does not lose power, the model
///     decides what survives, and the test runs faster without it).
///   - Every xWrite, xTruncate and xSync counts as one event. At event N of the plan
///     (that call is not carried out: the power went before it), or at cut_now(),
///     the files are rewritten to what the disk would hold after the cut:
///       drop_all     every write not yet synced is lost;
///       torn_prefix  the not-yet-synced writes reached the disk in order up to a
///                    random point, the write at that point only partly, in whole
///                    sectors (a torn write);
///       reordered    each sector of each not-yet-synced write reached the disk or
///                    not, at random (the disk's write cache reorders); a truncate
///                    is kept or not at random, and a file whose truncate is lost
///                    keeps none of its later writes (a journalling file system
///                    commits the truncate before the blocks later writes use).
///     A sector is `sector_size` bytes of the file, aligned. Bytes outside a write's
///     range are never changed by losing that write (SQLite's "powersafe overwrite",
///     which the unix VFS declares). A file grown by a lost write shrinks back; a
///     write kept beyond the durable end leaves zeros in between.
///   - The -shm file (the WAL index, memory-mapped, never synced) is deleted at the
///     cut, as a reboot loses it: the next opener rebuilds it from the WAL.
///   - File creation and deletion are taken as durable at once (no directory-sync
///     model); the spool's store file exists before the first cut.
///   - After the cut every write, truncate and sync fails with SQLITE_IOERR and
///     changes nothing (the machine is off); on_cut() lets a test end the process
///     there (a child process "loses power" and the parent "reboots" the store).
///
/// One instance per process at a time is the intended use; SQLite calls are
/// serialised by a mutex. The instance must outlive every connection that uses it.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ektp::test {

/// What survives of the writes not yet synced at the cut.
enum class Tear { drop_all, torn_prefix, reordered };

/// When and how the power goes.
struct PowercutPlan {
  std::uint64_t cut_at_event = 0;  ///< 1-based event that is not carried out; 0 = never
  Tear tear = Tear::drop_all;
  std::uint64_t seed = 1;  ///< for the torn point and the reordered sectors
  std::uint32_t sector_size = 512;
  /// When not empty: every event on a tracked file is logged there, one line each
  /// ("seq file op offset length"), and the cut's decisions after them (debugging).
  std::string trace_path;
};

/// What the VFS saw and what the cut did (for the test's report).
struct PowercutStats {
  std::uint64_t events = 0;  ///< xWrite + xTruncate + xSync on tracked files
  std::uint64_t syncs = 0;
  std::uint64_t unsynced_ops = 0;    ///< writes/truncates not yet durable at the cut
  std::uint64_t kept_pieces = 0;     ///< sector pieces of those that survived the cut
  std::uint64_t dropped_pieces = 0;  ///< ... and that were lost
  bool cut = false;
};

class PowercutVfs {
 public:
  /// Registers the VFS `name` over the default VFS; as the new default when
  /// `make_default` (so that code opening without a VFS name uses it).
  PowercutVfs(std::string name, PowercutPlan plan, bool make_default = false);
  ~PowercutVfs();  ///< unregisters (every connection must be closed by then)
  PowercutVfs(const PowercutVfs&) = delete;
  PowercutVfs& operator=(const PowercutVfs&) = delete;

  const std::string& name() const;
  /// Called right after the cut rewrote the files (e.g. `_exit` in a child process).
  void on_cut(std::function<void()> callback);
  /// Cuts now (the plan's tear), as if event N had come.
  void cut_now();
  PowercutStats stats() const;

  struct State;  ///< the SQLite glue (powercut_vfs.cpp)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace ektp::test
