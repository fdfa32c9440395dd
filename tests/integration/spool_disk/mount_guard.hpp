#pragma once
/// Mounts for the spool's disk tests (they run as root here): a size-limited tmpfs,
/// and a read-only bind mount of a directory. Unmounted by the destructor, also when
/// an assertion fails (doctest's REQUIRE throws). A mount that is not permitted
/// (not root, a container without CAP_SYS_ADMIN) leaves ok() false and error() set:
/// the test then says it was skipped and why.

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace ektp::spool::test {

class MountGuard {
 public:
  /// A tmpfs of `size` (e.g. "1m") on `dir` (which must exist).
  static MountGuard tmpfs(const std::filesystem::path& dir, const std::string& size) {
    MountGuard g(dir);
    const std::string options = "size=" + size + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0)
      g.error_ = "mount -t tmpfs: " + std::string(std::strerror(errno));
    else
      g.mounted_ = true;
    return g;
  }

  /// `source` seen again, read-only, at `dir` (which must exist): the bind mount, then
  /// its remount read-only (root ignores a 0555 mode, not a read-only mount).
  static MountGuard read_only_bind(const std::filesystem::path& source,
                                   const std::filesystem::path& dir) {
    MountGuard g(dir);
    if (::mount(source.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      g.error_ = "mount --bind: " + std::string(std::strerror(errno));
      return g;
    }
    g.mounted_ = true;
    if (::mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
      g.error_ = "mount -o remount,ro,bind: " + std::string(std::strerror(errno));
    return g;
  }

  MountGuard(MountGuard&& other) noexcept
      : dir_(std::move(other.dir_)), mounted_(other.mounted_), error_(std::move(other.error_)) {
    other.mounted_ = false;
  }
  MountGuard& operator=(MountGuard&&) = delete;
  MountGuard(const MountGuard&) = delete;
  MountGuard& operator=(const MountGuard&) = delete;
  ~MountGuard() { unmount(); }

  bool ok() const { return mounted_ && error_.empty(); }
  const std::string& error() const { return error_; }

  /// Unmounts now (lazily when still busy, so that nothing is left mounted).
  void unmount() {
    if (!mounted_) return;
    if (::umount2(dir_.c_str(), 0) != 0) ::umount2(dir_.c_str(), MNT_DETACH);
    mounted_ = false;
  }

 private:
  explicit MountGuard(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string error_;
};

}  // namespace ektp::spool::test
