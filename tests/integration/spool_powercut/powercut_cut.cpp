// The disk after a power cut: what the power-cut VFS leaves in the files (the model
// is in powercut_vfs.hpp).
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <tuple>

#include "tests/integration/spool_powercut/powercut_vfs_state.hpp"

namespace ektp::test {

namespace powercut_detail {

void must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "powercut VFS: %s\n", what);
    std::abort();
  }
}

}  // namespace powercut_detail

namespace {

using powercut_detail::must;
using powercut_detail::Op;
using powercut_detail::Tracked;

/// The sector pieces of a write: [begin, end) ranges within the write, sector-aligned.
std::vector<std::pair<sqlite3_int64, sqlite3_int64>> pieces(const Op& op, std::uint32_t sector) {
  std::vector<std::pair<sqlite3_int64, sqlite3_int64>> out;
  if (op.truncate) return {{op.offset, op.offset}};
  const auto end = op.offset + static_cast<sqlite3_int64>(op.data.size());
  for (auto at = op.offset; at < end;) {
    const auto next = std::min<sqlite3_int64>(end, (at / sector + 1) * sector);
    out.emplace_back(at, next);
    at = next;
  }
  return out;
}

}  // namespace

void PowercutVfs::State::cut() {
  stats.cut = true;
  dead = true;
  std::mt19937_64 rng(plan.seed);
  // Every piece of every pending op, in the order the ops were issued.
  struct Piece {
    Tracked* file;
    std::size_t op;
    std::size_t index;
  };
  std::vector<Piece> all;
  std::vector<std::pair<std::uint64_t, std::pair<Tracked*, std::size_t>>> order;
  for (auto& [path, t] : files)
    for (std::size_t i = 0; i < t->pending.size(); ++i)
      order.push_back({t->pending[i].seq, {t.get(), i}});
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [seq, where] : order) {
    const Op& op = where.first->pending[where.second];
    if (op.failed) continue;
    const auto n = pieces(op, plan.sector_size).size();
    for (std::size_t k = 0; k < n; ++k) all.push_back({where.first, where.second, k});
  }
  stats.unsynced_ops = order.size();
  std::map<std::tuple<Tracked*, std::size_t, std::size_t>, bool> kept;
  const auto prefix =
      all.empty() ? 0 : std::uniform_int_distribution<std::size_t>(0, all.size())(rng);
  // A file whose truncate did not reach the disk keeps none of its later writes: a
  // journalling file system commits the truncate (freeing the blocks) before the
  // blocks later writes use, so those writes cannot land in the old content. Without
  // this rule the model resurrected a WAL truncated by a checkpoint with some sectors
  // of the next transaction inside it, a state no disk produces.
  std::set<Tracked*> truncate_lost;
  for (std::size_t i = 0; i < all.size(); ++i) {
    Tracked* file = all[i].file;
    bool keep = false;
    if (plan.tear == Tear::torn_prefix) keep = i < prefix;
    if (plan.tear == Tear::reordered) keep = (rng() & 1) == 0 && !truncate_lost.count(file);
    if (!keep && file->pending[all[i].op].truncate) truncate_lost.insert(file);
    kept[{file, all[i].op, all[i].index}] = keep;
    if (trace != nullptr) {
      const Op& op = file->pending[all[i].op];
      const auto ps = pieces(op, plan.sector_size);
      log(keep ? "cut-keep" : "cut-drop", file->path, ps[all[i].index].first,
          op.truncate ? -1 : ps[all[i].index].second - ps[all[i].index].first);
    }
    ++(keep ? stats.kept_pieces : stats.dropped_pieces);
  }

  for (auto& [path, t] : files) {
    if (t->pending.empty()) continue;
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    must(fd >= 0, "power cut: cannot open a tracked file");
    // Back to what the disk holds for sure: undo every pending op, newest first.
    for (auto op = t->pending.rbegin(); op != t->pending.rend(); ++op) {
      must(::ftruncate(fd, op->size_before) == 0, "power cut: ftruncate");
      // A write's old bytes sit at its offset; a truncate's cut-off tail at the new size.
      if (!op->old.empty())
        must(::pwrite(fd, op->old.data(), op->old.size(), op->offset) ==
                 static_cast<ssize_t>(op->old.size()),
             "power cut: pwrite");
    }
    // Then what reached the disk anyway.
    for (std::size_t i = 0; i < t->pending.size(); ++i) {
      const Op& op = t->pending[i];
      if (op.failed) continue;
      const auto ps = pieces(op, plan.sector_size);
      for (std::size_t k = 0; k < ps.size(); ++k) {
        if (!kept[{t.get(), i, k}]) continue;
        if (op.truncate) {
          must(::ftruncate(fd, op.offset) == 0, "power cut: ftruncate");
          continue;
        }
        const auto [b, e] = ps[k];
        must(::pwrite(fd, op.data.data() + (b - op.offset), static_cast<std::size_t>(e - b), b) ==
                 e - b,
             "power cut: pwrite");
      }
    }
    ::close(fd);
    t->pending.clear();
  }
  // The WAL index lived in memory: a reboot loses it.
  for (auto& [path, t] : files)
    if (t->main_db) ::unlink((path + "-shm").c_str());
  if (on_cut) on_cut();
}

}  // namespace ektp::test
