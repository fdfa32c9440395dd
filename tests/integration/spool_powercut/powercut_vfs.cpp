// The power-cut VFS: SQLite's glue over the unix VFS (see powercut_vfs.hpp for the
// model; the disk after a cut is powercut_cut.cpp).
#include "tests/integration/spool_powercut/powercut_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <new>

#include "tests/integration/spool_powercut/powercut_vfs_state.hpp"

namespace ektp::test {

namespace {

using powercut_detail::must;
using powercut_detail::Op;
using powercut_detail::Tracked;

/// SQLite's file object: ours, then the real (unix) one right after it.
struct File {
  sqlite3_file base;
  PowercutVfs::State* state;
  std::shared_ptr<Tracked> tracked;  ///< null: passed through untouched
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File* as_file(sqlite3_file* f) { return reinterpret_cast<File*>(f); }

using State = PowercutVfs::State;

int x_close(sqlite3_file* f) {
  File* file = as_file(f);
  const int rc =
      file->real()->pMethods != nullptr ? file->real()->pMethods->xClose(file->real()) : SQLITE_OK;
  file->tracked.~shared_ptr();
  return rc;
}

int x_read(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset) {
  return as_file(f)->real()->pMethods->xRead(as_file(f)->real(), buf, amount, offset);
}

int x_write(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset) {
  File* file = as_file(f);
  sqlite3_file* real = file->real();
  if (!file->tracked) return real->pMethods->xWrite(real, buf, amount, offset);
  State& s = *file->state;
  std::lock_guard lock(s.mu);
  if (s.dead || s.event()) return SQLITE_IOERR_WRITE;
  s.log("write", file->tracked->path, offset, amount);
  Op op;
  op.seq = ++s.next_seq;
  op.offset = offset;
  const auto* bytes = static_cast<const std::uint8_t*>(buf);
  op.data.assign(bytes, bytes + amount);
  if (int rc = real->pMethods->xFileSize(real, &op.size_before); rc != SQLITE_OK) return rc;
  if (offset < op.size_before) {
    op.old.resize(
        static_cast<std::size_t>(std::min<sqlite3_int64>(amount, op.size_before - offset)));
    if (int rc =
            real->pMethods->xRead(real, op.old.data(), static_cast<int>(op.old.size()), offset);
        rc != SQLITE_OK)
      return rc;
  }
  const int rc = real->pMethods->xWrite(real, buf, amount, offset);
  op.failed = rc != SQLITE_OK;
  file->tracked->pending.push_back(std::move(op));
  return rc;
}

int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  File* file = as_file(f);
  sqlite3_file* real = file->real();
  if (!file->tracked) return real->pMethods->xTruncate(real, size);
  State& s = *file->state;
  std::lock_guard lock(s.mu);
  if (s.dead || s.event()) return SQLITE_IOERR_TRUNCATE;
  s.log("truncate", file->tracked->path, size, 0);
  Op op;
  op.truncate = true;
  op.seq = ++s.next_seq;
  op.offset = size;
  if (int rc = real->pMethods->xFileSize(real, &op.size_before); rc != SQLITE_OK) return rc;
  if (size < op.size_before) {
    op.old.resize(static_cast<std::size_t>(op.size_before - size));
    if (int rc = real->pMethods->xRead(real, op.old.data(), static_cast<int>(op.old.size()), size);
        rc != SQLITE_OK)
      return rc;
  }
  const int rc = real->pMethods->xTruncate(real, size);
  op.failed = rc != SQLITE_OK;
  file->tracked->pending.push_back(std::move(op));
  return rc;
}

int x_sync(sqlite3_file* f, int flags) {
  File* file = as_file(f);
  sqlite3_file* real = file->real();
  if (!file->tracked) return real->pMethods->xSync(real, flags);
  State& s = *file->state;
  std::lock_guard lock(s.mu);
  if (s.dead || s.event()) return SQLITE_IOERR_FSYNC;
  s.log("sync", file->tracked->path, 0, 0);
  ++s.stats.syncs;
  file->tracked->pending.clear();  // on the disk now (no real fsync: see the header)
  return SQLITE_OK;
}

int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return as_file(f)->real()->pMethods->xFileSize(as_file(f)->real(), size);
}
int x_lock(sqlite3_file* f, int level) {
  return as_file(f)->real()->pMethods->xLock(as_file(f)->real(), level);
}
int x_unlock(sqlite3_file* f, int level) {
  return as_file(f)->real()->pMethods->xUnlock(as_file(f)->real(), level);
}
int x_check_reserved(sqlite3_file* f, int* out) {
  return as_file(f)->real()->pMethods->xCheckReservedLock(as_file(f)->real(), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return as_file(f)->real()->pMethods->xFileControl(as_file(f)->real(), op, arg);
}
int x_sector_size(sqlite3_file* f) {
  return as_file(f)->real()->pMethods->xSectorSize(as_file(f)->real());
}
int x_device(sqlite3_file* f) {
  return as_file(f)->real()->pMethods->xDeviceCharacteristics(as_file(f)->real());
}
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return as_file(f)->real()->pMethods->xShmMap(as_file(f)->real(), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return as_file(f)->real()->pMethods->xShmLock(as_file(f)->real(), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  as_file(f)->real()->pMethods->xShmBarrier(as_file(f)->real());
}
int x_shm_unmap(sqlite3_file* f, int delete_flag) {
  return as_file(f)->real()->pMethods->xShmUnmap(as_file(f)->real(), delete_flag);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return as_file(f)->real()->pMethods->xFetch(as_file(f)->real(), offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
  return as_file(f)->real()->pMethods->xUnfetch(as_file(f)->real(), offset, p);
}

int x_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  State& s = *State::of(vfs);
  File* file = as_file(f);
  file->base.pMethods = nullptr;
  file->state = &s;
  new (&file->tracked) std::shared_ptr<Tracked>();
  file->real()->pMethods = nullptr;
  const int rc = s.base->xOpen(s.base, name, file->real(), flags, out_flags);
  if (rc != SQLITE_OK) {
    file->tracked.~shared_ptr();
    return rc;
  }
  file->base.pMethods = &s.methods;
  const int durable =
      SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_SUPER_JOURNAL;
  if (name != nullptr && (flags & durable) != 0) {
    std::lock_guard lock(s.mu);
    auto& t = s.files[name];
    if (!t) {
      t = std::make_shared<Tracked>();
      t->path = name;
    }
    t->main_db = t->main_db || (flags & SQLITE_OPEN_MAIN_DB) != 0;
    file->tracked = t;
    s.log("open", t->path, flags, 0);
  }
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  State& s = *State::of(vfs);
  {
    std::lock_guard lock(s.mu);
    if (s.dead) return SQLITE_IOERR_DELETE;
    s.log("delete", name, 0, 0);
    s.files.erase(name);  // deletion is durable at once (see the header)
  }
  return s.base->xDelete(s.base, name, sync_dir);
}

sqlite3_vfs* base_of(sqlite3_vfs* vfs) { return State::of(vfs)->base; }

int x_access(sqlite3_vfs* v, const char* n, int f, int* out) {
  return base_of(v)->xAccess(base_of(v), n, f, out);
}
int x_full_pathname(sqlite3_vfs* v, const char* n, int size, char* out) {
  return base_of(v)->xFullPathname(base_of(v), n, size, out);
}
void* x_dl_open(sqlite3_vfs* v, const char* n) { return base_of(v)->xDlOpen(base_of(v), n); }
void x_dl_error(sqlite3_vfs* v, int n, char* out) { base_of(v)->xDlError(base_of(v), n, out); }
void (*x_dl_sym(sqlite3_vfs* v, void* h, const char* n))(void) {
  return base_of(v)->xDlSym(base_of(v), h, n);
}
void x_dl_close(sqlite3_vfs* v, void* h) { base_of(v)->xDlClose(base_of(v), h); }
int x_randomness(sqlite3_vfs* v, int n, char* out) {
  return base_of(v)->xRandomness(base_of(v), n, out);
}
int x_sleep(sqlite3_vfs* v, int us) { return base_of(v)->xSleep(base_of(v), us); }
int x_current_time(sqlite3_vfs* v, double* out) {
  return base_of(v)->xCurrentTime(base_of(v), out);
}
int x_last_error(sqlite3_vfs* v, int n, char* out) {
  return base_of(v)->xGetLastError(base_of(v), n, out);
}
int x_current_time_64(sqlite3_vfs* v, sqlite3_int64* out) {
  return base_of(v)->xCurrentTimeInt64(base_of(v), out);
}

}  // namespace

PowercutVfs::PowercutVfs(std::string name, PowercutPlan plan, bool make_default)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.base = sqlite3_vfs_find("unix");
  must(s.base != nullptr && s.base->iVersion >= 2, "power cut: no unix VFS");
  s.name = std::move(name);
  s.plan = plan;
  if (s.plan.sector_size == 0) s.plan.sector_size = 512;

  s.methods = sqlite3_io_methods{3,           x_close,          x_read,         x_write,
                                 x_truncate,  x_sync,           x_file_size,    x_lock,
                                 x_unlock,    x_check_reserved, x_file_control, x_sector_size,
                                 x_device,    x_shm_map,        x_shm_lock,     x_shm_barrier,
                                 x_shm_unmap, x_fetch,          x_unfetch};
  sqlite3_vfs& v = s.vfs;
  v.iVersion = 2;
  v.szOsFile = static_cast<int>(sizeof(File)) + s.base->szOsFile;
  v.mxPathname = s.base->mxPathname;
  v.zName = s.name.c_str();
  v.pAppData = &s;
  v.xOpen = x_open;
  v.xDelete = x_delete;
  v.xAccess = x_access;
  v.xFullPathname = x_full_pathname;
  v.xDlOpen = x_dl_open;
  v.xDlError = x_dl_error;
  v.xDlSym = x_dl_sym;
  v.xDlClose = x_dl_close;
  v.xRandomness = x_randomness;
  v.xSleep = x_sleep;
  v.xCurrentTime = x_current_time;
  v.xGetLastError = x_last_error;
  v.xCurrentTimeInt64 = x_current_time_64;
  if (!s.plan.trace_path.empty()) s.trace = std::fopen(s.plan.trace_path.c_str(), "a");
  must(sqlite3_vfs_register(&v, make_default ? 1 : 0) == SQLITE_OK, "power cut: register");
}

PowercutVfs::~PowercutVfs() {
  sqlite3_vfs_unregister(&state_->vfs);
  if (state_->trace != nullptr) std::fclose(state_->trace);
}

const std::string& PowercutVfs::name() const { return state_->name; }

void PowercutVfs::on_cut(std::function<void()> callback) {
  std::lock_guard lock(state_->mu);
  state_->on_cut = std::move(callback);
}

void PowercutVfs::cut_now() {
  std::lock_guard lock(state_->mu);
  if (!state_->dead) state_->cut();
}

PowercutStats PowercutVfs::stats() const {
  std::lock_guard lock(state_->mu);
  return state_->stats;
}

}  // namespace ektp::test
