#pragma once
// Inside the power-cut VFS: what it remembers per file, and its state (shared by
// powercut_vfs.cpp, the SQLite glue, and powercut_cut.cpp, the disk after a cut).
// Not for tests to include.

#include <sqlite3.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/integration/spool_powercut/powercut_vfs.hpp"

namespace ektp::test {

namespace powercut_detail {

/// One write or truncate not yet durable, with what it replaced.
struct Op {
  bool truncate = false;
  bool failed = false;             ///< the real call failed: undo only, never re-apply
  std::uint64_t seq = 0;           ///< global issue order
  sqlite3_int64 offset = 0;        ///< write: where; truncate: the new size
  std::vector<std::uint8_t> data;  ///< write: the new bytes
  std::vector<std::uint8_t> old;   ///< the bytes it replaced (within the old size)
  sqlite3_int64 size_before = 0;
};

/// A file whose durability is modelled (main database, WAL, journal).
struct Tracked {
  std::string path;
  bool main_db = false;
  std::vector<Op> pending;  ///< since the last xSync, in order
};

/// Stops the process: the test's own machinery failed (inside SQLite's callbacks no
/// exception may cross), so nothing the test would report could be trusted.
void must(bool ok, const char* what);

}  // namespace powercut_detail

struct PowercutVfs::State {
  sqlite3_vfs vfs{};
  sqlite3_io_methods methods{};
  sqlite3_vfs* base = nullptr;
  std::string name;
  PowercutPlan plan;
  PowercutStats stats;
  std::function<void()> on_cut;
  std::map<std::string, std::shared_ptr<powercut_detail::Tracked>> files;
  std::recursive_mutex mu;
  std::uint64_t next_seq = 0;
  bool dead = false;
  std::FILE* trace = nullptr;  ///< plan.trace_path, open while the VFS lives

  /// One line of the trace (when tracing).
  void log(const char* what, const std::string& path, long long offset, long long length) {
    if (trace == nullptr) return;
    const auto slash = path.find_last_of('/');
    std::fprintf(trace, "%llu %s %s %lld %lld\n", static_cast<unsigned long long>(stats.events),
                 path.substr(slash == std::string::npos ? 0 : slash + 1).c_str(), what, offset,
                 length);
    std::fflush(trace);
  }

  static State* of(sqlite3_vfs* vfs) { return static_cast<State*>(vfs->pAppData); }

  /// Counts one event; true when it is the cut (then the files were rewritten).
  bool event() {
    ++stats.events;
    if (plan.cut_at_event != 0 && stats.events == plan.cut_at_event) {
      cut();
      return true;
    }
    return false;
  }

  void cut();
};

}  // namespace ektp::test
