// The station's storage key: systemd credential or test key file (see storage_key.hpp).
#include "spool/storage_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace ektp::spool {

namespace {

void init_sodium() {
  if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe
}

// Closes a file descriptor on every return.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string os_error() { return std::strerror(errno); }

// Reads exactly kSize bytes (and checks there is no more) from an open file.
Result<StorageKey> read_key(int fd, const std::string& where, std::string_view what_to_do) {
  std::array<std::uint8_t, StorageKey::kSize + 1> buf{};
  std::size_t got = 0;
  while (got < buf.size()) {
    const ssize_t n = ::read(fd, buf.data() + got, buf.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      return fail("spool.storage_key",
                  "Could not read the storage key " + where + " (" + os_error() + ").");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != StorageKey::kSize) {
    sodium_memzero(buf.data(), buf.size());
    return fail("spool.storage_key", "The storage key " + where +
                                         " is not a station key (it must be exactly 32 bytes). " +
                                         std::string(what_to_do));
  }
  auto key = StorageKey::from_bytes(std::span(buf.data(), StorageKey::kSize));
  sodium_memzero(buf.data(), buf.size());
  return key;
}

Result<void> sync_directory(const std::filesystem::path& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0 || ::fsync(d.fd) != 0)
    return fail("spool.storage_key", "Could not save the new storage key in " + dir.string() +
                                         " (" + os_error() + "). Check the disk and try again.");
  return ok();
}

Result<StorageKey> create_key_file(const std::filesystem::path& path) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
  if (f.fd < 0)
    return fail("spool.storage_key",
                "Could not make the storage key file " + path.string() + " (" + os_error() +
                    "). Check that the state directory exists and is writable.");
  StorageKey key = StorageKey::random();
  const auto bytes = key.bytes();
  bool written = ::fchmod(f.fd, 0600) == 0 &&
                 ::write(f.fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                 ::fsync(f.fd) == 0;
  if (!written) {
    const std::string why = os_error();
    ::unlink(path.c_str());
    return fail("spool.storage_key", "Could not write the storage key file " + path.string() +
                                         " (" + why + "). Check the disk and try again.");
  }
  if (auto r = sync_directory(path.parent_path().empty() ? "." : path.parent_path()); !r)
    return r.error();
  return key;
}

}  // namespace

void StorageKey::Free::operator()(std::uint8_t* p) const noexcept { sodium_free(p); }

StorageKey::StorageKey() {
  init_sodium();
  // Guarded pages, locked out of swap and core dumps, zeroed by sodium_free.
  key_.reset(static_cast<std::uint8_t*>(sodium_malloc(kSize)));
  if (!key_) std::abort();  // out of lockable memory: cannot hold the key safely
}

std::span<const std::uint8_t, StorageKey::kSize> StorageKey::bytes() const {
  return std::span<const std::uint8_t, kSize>(key_.get(), kSize);
}

StorageKey StorageKey::random() {
  StorageKey key;
  randombytes_buf(key.key_.get(), kSize);
  return key;
}

StorageKey StorageKey::from_bytes(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kSize) std::abort();  // a bug in the caller
  StorageKey key;
  std::memcpy(key.key_.get(), bytes.data(), kSize);
  return key;
}

Result<StorageKey> StorageKey::from_credential(std::string_view name) {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  if (dir == nullptr || *dir == '\0')
    return fail("spool.storage_key",
                "The station was started without its storage key (no systemd credentials). "
                "Start it through its service (systemctl start ektp-station), which loads the "
                "key with LoadCredentialEncrypted=.");
  const auto path = std::filesystem::path(dir) / std::string(name);
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0)
    return fail("spool.storage_key",
                "The station's service has no storage key credential '" + std::string(name) +
                    "' (" + os_error() +
                    "). Check the LoadCredentialEncrypted= line of the service and that the "
                    "encrypted key file exists (see the installation guide).");
  return read_key(f.fd, "credential '" + std::string(name) + "'",
                  "Make it again with systemd-creds from 32 random bytes only if this station "
                  "has no jobs in its spool; otherwise restore the original key file.");
}

Result<StorageKey> StorageKey::from_key_file(const std::filesystem::path& path,
                                             bool create_if_missing) {
  Fd f{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
  if (f.fd < 0 && errno == ENOENT && create_if_missing) return create_key_file(path);
  if (f.fd < 0)
    return fail("spool.storage_key", "Could not open the storage key file " + path.string() + " (" +
                                         os_error() +
                                         "). It must be a plain file, not a link; check the path.");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    return fail("spool.storage_key", "The storage key file " + path.string() +
                                         " is not a plain file. Check the path setting.");
  if (st.st_uid != ::geteuid())
    return fail("spool.storage_key",
                "The storage key file " + path.string() +
                    " belongs to another user. Give it to the station's user (chown) and keep "
                    "it readable by that user only (chmod 600).");
  if ((st.st_mode & 077) != 0)
    return fail("spool.storage_key",
                "The storage key file " + path.string() +
                    " can be read by other users, so the station refuses it. Run "
                    "'chmod 600 " +
                    path.string() +
                    "', then check who may have copied it; if it was exposed, the personal data "
                    "of the queued jobs should be considered exposed too.");
  return read_key(f.fd, "file " + path.string(),
                  "Restore the original key file; if the station has no jobs in its spool, you "
                  "may move this file away and the station makes a new key.");
}

Result<StorageKey> load_storage_key(const StorageKeySource& source) {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  const bool have_credentials = dir != nullptr && *dir != '\0';
  if (have_credentials || source.key_file.empty())
    return StorageKey::from_credential(source.credential_name);
  return StorageKey::from_key_file(source.key_file, true);
}

}  // namespace ektp::spool
