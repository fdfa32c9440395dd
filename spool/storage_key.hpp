#pragma once
/// The station's storage key: the 32-byte symmetric key that wraps each job's data key
/// (central-protocol.md, "Trust"; issue 12 item 8).
///
/// Where it comes from, in order:
///  1. A systemd credential: the service unit has
///       LoadCredentialEncrypted=ektp-storage-key:/etc/credstore.encrypted/ektp-storage-key
///     and systemd puts the decrypted key at $CREDENTIALS_DIRECTORY/ektp-storage-key
///     (a private, unswappable directory that exists only while the service runs).
///     The encrypted file is made once, at installation:
///       head -c 32 /dev/urandom | systemd-creds encrypt --name=ektp-storage-key
///           --with-key=host - /etc/credstore.encrypted/ektp-storage-key   (one line)
///     (--with-key=tpm2 or auto where the box has a TPM).
///  2. On a test machine only: a key file of exactly 32 bytes, mode 0600, owned by the
///     station's user, made with a fresh random key on first start.
///
/// The key lives in memory locked out of swap and out of core dumps (sodium_malloc),
/// is zeroed when freed, and is never logged, printed or put in an error message.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "drivers/common/result.hpp"

namespace ektp::spool {

class StorageKey {
 public:
  static constexpr std::size_t kSize = 32;

  /// The credential `name` from $CREDENTIALS_DIRECTORY (set by systemd for a service
  /// with LoadCredential(Encrypted)=). Refused: no such directory or file, or a file
  /// that is not exactly 32 bytes.
  static Result<StorageKey> from_credential(std::string_view name);
  /// A key file (test machines). When absent and `create_if_missing`, a new random key
  /// is written (0600, synced). Refused: a file with group or other permissions, owned
  /// by another user, not a regular file, or not exactly 32 bytes.
  static Result<StorageKey> from_key_file(const std::filesystem::path& path,
                                          bool create_if_missing);
  /// A fresh random key (tests and benchmarks).
  static StorageKey random();
  /// A key from bytes (tests): exactly kSize bytes, else a programming error (abort).
  static StorageKey from_bytes(std::span<const std::uint8_t> bytes);

  StorageKey(StorageKey&&) noexcept = default;
  StorageKey& operator=(StorageKey&&) noexcept = default;
  ~StorageKey() = default;

  /// The key bytes (for the AEAD calls only; never print them).
  std::span<const std::uint8_t, kSize> bytes() const;

 private:
  struct Free {
    void operator()(std::uint8_t* p) const noexcept;
  };
  StorageKey();
  std::unique_ptr<std::uint8_t, Free> key_;
};

/// Where the station takes its storage key from (see the header note).
struct StorageKeySource {
  std::string credential_name = "ektp-storage-key";
  /// Test machines only: used when the service has no credentials directory. Empty: a
  /// missing credential is an error.
  std::filesystem::path key_file;
};

/// The credential when $CREDENTIALS_DIRECTORY is set (then it must hold it); else the
/// key file when one is configured (made on first start); else an error saying how to
/// give the station its key.
Result<StorageKey> load_storage_key(const StorageKeySource& source);

}  // namespace ektp::spool
