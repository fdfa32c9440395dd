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

#include "spool/spool_messages_store.hpp"

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
      return fail("spool.storage_key", texts::say(texts::key_read_failed, where, os_error()));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got != StorageKey::kSize) {
    sodium_memzero(buf.data(), buf.size());
    return fail("spool.storage_key", texts::say(texts::key_wrong_size, where, what_to_do));
  }
  auto key = StorageKey::from_bytes(std::span(buf.data(), StorageKey::kSize));
  sodium_memzero(buf.data(), buf.size());
  return key;
}

Result<void> sync_directory(const std::filesystem::path& dir) {
  Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (d.fd < 0 || ::fsync(d.fd) != 0)
    return fail("spool.storage_key", texts::say(texts::key_sync_failed, dir.string(), os_error()));
  return ok();
}

Result<StorageKey> create_key_file(const std::filesystem::path& path) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
  if (f.fd < 0)
    return fail("spool.storage_key",
                texts::say(texts::key_create_failed, path.string(), os_error()));
  StorageKey key = StorageKey::random();
  const auto bytes = key.bytes();
  bool written = ::fchmod(f.fd, 0600) == 0 &&
                 ::write(f.fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) &&
                 ::fsync(f.fd) == 0;
  if (!written) {
    const std::string why = os_error();
    ::unlink(path.c_str());
    return fail("spool.storage_key", texts::say(texts::key_write_failed, path.string(), why));
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
    return fail("spool.storage_key", texts::say(texts::key_no_credentials));
  const auto path = std::filesystem::path(dir) / std::string(name);
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0)
    return fail("spool.storage_key", texts::say(texts::key_no_credential, name, os_error()));
  return read_key(f.fd, texts::say(texts::key_place_credential, name),
                  texts::say(texts::key_advice_credential));
}

Result<StorageKey> StorageKey::from_key_file(const std::filesystem::path& path,
                                             bool create_if_missing) {
  Fd f{::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)};
  if (f.fd < 0 && errno == ENOENT && create_if_missing) return create_key_file(path);
  if (f.fd < 0)
    return fail("spool.storage_key", texts::say(texts::key_open_failed, path.string(), os_error()));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    return fail("spool.storage_key", texts::say(texts::key_not_plain, path.string()));
  if (st.st_uid != ::geteuid())
    return fail("spool.storage_key", texts::say(texts::key_other_owner, path.string()));
  if ((st.st_mode & 077) != 0)
    return fail("spool.storage_key", texts::say(texts::key_readable_by_others, path.string()));
  return read_key(f.fd, texts::say(texts::key_place_file, path.string()),
                  texts::say(texts::key_advice_file));
}

Result<StorageKey> load_storage_key(const StorageKeySource& source) {
  const char* dir = std::getenv("CREDENTIALS_DIRECTORY");
  const bool have_credentials = dir != nullptr && *dir != '\0';
  if (have_credentials || source.key_file.empty())
    return StorageKey::from_credential(source.credential_name);
  return StorageKey::from_key_file(source.key_file, true);
}

}  // namespace ektp::spool
