// The storage key file of a test machine: made on first start (0600, 32 bytes), and
// refused with a message that says what to do when it is unsafe or not a key.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "spool/storage_key.hpp"
#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using ektp::spool::test::read_file;
using ektp::spool::test::TempDir;
using ektp::spool::test::write_file;

namespace {
// CREDENTIALS_DIRECTORY unset for one test, restored after.
struct NoCredentials {
  std::optional<std::string> saved;
  NoCredentials() {
    if (const char* v = std::getenv("CREDENTIALS_DIRECTORY")) saved = v;
    ::unsetenv("CREDENTIALS_DIRECTORY");
  }
  ~NoCredentials() {
    if (saved) ::setenv("CREDENTIALS_DIRECTORY", saved->c_str(), 1);
  }
};
mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("a key file is made on first start: 32 random bytes, 0600; then read back") {
  TempDir dir;
  const auto path = dir.file("storage.key");
  auto made = StorageKey::from_key_file(path, true);
  REQUIRE_OK(made);
  CHECK(mode_of(path) == 0600);
  const auto raw = read_file(path);
  REQUIRE(raw.size() == 32);
  CHECK(std::equal(raw.begin(), raw.end(), made->bytes().begin()));
  auto again = StorageKey::from_key_file(path, true);
  REQUIRE_OK(again);
  CHECK(std::equal(raw.begin(), raw.end(), again->bytes().begin()));
  // A second station's key differs.
  auto other = StorageKey::from_key_file(dir.file("other.key"), true);
  REQUIRE_OK(other);
  CHECK_FALSE(std::equal(raw.begin(), raw.end(), other->bytes().begin()));
}

TEST_CASE("a missing key file is not made when not asked to") {
  TempDir dir;
  auto r = StorageKey::from_key_file(dir.file("none.key"), false);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "spool.storage_key");
  CHECK_FALSE(std::filesystem::exists(dir.file("none.key")));
}

TEST_CASE("a key file readable by group or others is refused, saying chmod 600") {
  TempDir dir;
  const auto path = dir.file("storage.key");
  REQUIRE_OK(StorageKey::from_key_file(path, true));
  for (mode_t mode : {0640, 0604, 0660, 0644}) {
    CAPTURE(mode);
    REQUIRE(::chmod(path.c_str(), mode) == 0);
    auto r = StorageKey::from_key_file(path, true);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.storage_key");
    CHECK(r.error().message.find("chmod 600 " + path.string()) != std::string::npos);
  }
  REQUIRE(::chmod(path.c_str(), 0400) == 0);  // owner read-only is fine
  CHECK_OK(StorageKey::from_key_file(path, true));
}

TEST_CASE("a key file of the wrong size is refused and left as it is") {
  TempDir dir;
  const auto path = dir.file("storage.key");
  for (std::size_t size : {0, 16, 31, 33, 64}) {
    CAPTURE(size);
    const std::vector<std::uint8_t> bytes(size, 0x11);
    write_file(path, bytes);
    REQUIRE(::chmod(path.c_str(), 0600) == 0);
    auto r = StorageKey::from_key_file(path, true);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "spool.storage_key");
    CHECK(r.error().message.find("32 bytes") != std::string::npos);
    CHECK(read_file(path) == bytes);  // never replaced by a new key
  }
}

TEST_CASE("a key file owned by another user, or a link, is refused") {
  TempDir dir;
  const auto path = dir.file("storage.key");
  REQUIRE_OK(StorageKey::from_key_file(path, true));
  const auto link = dir.file("link.key");
  std::filesystem::create_symlink(path, link);
  CHECK_FALSE(StorageKey::from_key_file(link, true).ok());
  if (::geteuid() == 0) {  // only root can give a file away
    REQUIRE(::chown(path.c_str(), 4242, 4242) == 0);
    auto r = StorageKey::from_key_file(path, true);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("another user") != std::string::npos);
  }
}

TEST_CASE("load_storage_key: the key file without credentials; the credential when set") {
  TempDir dir;
  NoCredentials none;
  StorageKeySource source;
  CHECK_FALSE(load_storage_key(source).ok());  // no credential, no key file: an error
  source.key_file = dir.file("storage.key");
  auto from_file = load_storage_key(source);
  REQUIRE_OK(from_file);
  CHECK(std::filesystem::exists(source.key_file));

  // A credentials directory (as systemd makes it): its credential wins.
  const auto creds = dir.path() / "creds";
  std::filesystem::create_directory(creds);
  const std::vector<std::uint8_t> raw(32, 0x5A);
  write_file(creds / "ektp-storage-key", raw);
  ::setenv("CREDENTIALS_DIRECTORY", creds.c_str(), 1);
  auto from_cred = load_storage_key(source);
  REQUIRE_OK(from_cred);
  CHECK(std::equal(raw.begin(), raw.end(), from_cred->bytes().begin()));
  // The directory is set but lacks the credential: an error, never the key file.
  std::filesystem::remove(creds / "ektp-storage-key");
  auto missing = load_storage_key(source);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("LoadCredentialEncrypted") != std::string::npos);
}
