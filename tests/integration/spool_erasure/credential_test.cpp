// The storage key as a systemd credential, for real: encrypted with
// `systemd-creds encrypt --with-key=host`, decrypted as LoadCredentialEncrypted= does
// into a credentials directory, then loaded by the spool through $CREDENTIALS_DIRECTORY.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

#include "tests/unit/spool_crypto/crypto_fixture.hpp"

using namespace ektp::spool;
using namespace ektp::spool::test;

namespace {
int run(const std::string& command) { return std::system((command + " 2>/dev/null").c_str()); }
}  // namespace

TEST_CASE("a storage key sealed with systemd-creds opens the spool through its credential") {
  if (run("command -v systemd-creds >/dev/null") != 0) {
    WARN_MESSAGE(false, "systemd-creds is not installed: credential path not tested here");
    return;
  }
  CryptoFixture f;  // its own key; this test makes a second store below
  const auto plain = f.dir.path() / "key.plain";
  const auto sealed = f.dir.path() / "ektp-storage-key.cred";
  REQUIRE(run("head -c 32 /dev/urandom > " + plain.string()) == 0);
  const int encrypted = run("systemd-creds encrypt --with-key=host --name=ektp-storage-key " +
                            plain.string() + " " + sealed.string());
  if (encrypted != 0) {
    WARN_MESSAGE(false, "systemd-creds cannot use the host key here (not root?)");
    return;
  }
  // The sealed file does not hold the key in clear.
  CHECK_FALSE(contains(read_file(sealed), read_file(plain)));
  // What systemd does for LoadCredentialEncrypted=ektp-storage-key:<sealed>.
  const auto creds = f.dir.path() / "credentials";
  std::filesystem::create_directory(creds);
  REQUIRE(run("systemd-creds decrypt --name=ektp-storage-key " + sealed.string() + " " +
              (creds / "ektp-storage-key").string()) == 0);
  std::filesystem::remove(plain);
  ::setenv("CREDENTIALS_DIRECTORY", creds.c_str(), 1);

  OpenOptions options;
  options.path = f.dir.file("station.db");
  const auto b = make_bundle(7);
  {
    auto key = load_storage_key({});
    REQUIRE_OK(key);
    auto spool = Spool::open(options, f.clock, {}, std::move(key).value());
    REQUIRE_OK(spool);
    REQUIRE_OK(spool->accept_bundle(bundle_job(7), b.bytes));
  }
  {
    auto key = load_storage_key({});
    REQUIRE_OK(key);
    auto spool = Spool::open(options, f.clock, {}, std::move(key).value());
    REQUIRE_OK(spool);
    CHECK(*spool->read_bundle(job_id(7)) == b.bytes);
  }
  // A credential decrypted under another name is refused by systemd-creds itself.
  CHECK(run("systemd-creds decrypt --name=other " + sealed.string() + " " +
            (creds / "other").string()) != 0);
  ::unsetenv("CREDENTIALS_DIRECTORY");
}
