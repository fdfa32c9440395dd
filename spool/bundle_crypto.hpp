#pragma once
/// Encryption of job bundles at rest (issue 12 item 8; mission.md invariant 5).
///
/// Every job's bundle is sealed with libsodium's XChaCha20-Poly1305 (IETF) under its
/// own random 32-byte data key, with the job id as associated data, so a blob moved
/// to another job's name fails its tag. The data key is itself sealed ("wrapped")
/// under the station's storage key, with the job id as associated data too, and kept
/// in the job's row. Erasing the wrapped key makes the bundle unreadable for good
/// (crypto-erasure), whatever copies of the ciphertext a disk may still hold.
///
/// Formats (random 24-byte nonces: XChaCha's nonce is large enough for that):
///   sealed bundle  "EKTPBLB1" | nonce(24) | ciphertext | tag(16)
///   wrapped key    nonce(24) | encrypted data key(32) | tag(16)      = 72 bytes
/// The associated data is a fixed label for each (so a wrapped key never opens as a
/// bundle, and the other way round) followed by the lower-case job id.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"
#include "spool/storage_key.hpp"

namespace ektp::spool::crypto {

inline constexpr std::size_t kWrappedKeySize = 72;
inline constexpr std::size_t kKeyCheckSize = 32;

/// A bundle sealed under a new random data key, and that key wrapped under `storage`.
struct Sealed {
  std::vector<std::uint8_t> blob;         ///< the sealed bundle (file contents)
  std::vector<std::uint8_t> wrapped_key;  ///< kWrappedKeySize bytes, for the job row
};
Sealed seal_bundle(const StorageKey& storage, std::string_view job_id,
                   std::span<const std::uint8_t> bundle);

/// The bundle back. Refused ("spool.bundle_damaged", naming the job, never content):
/// a wrapped key that does not open under `storage` for this job (wrong key, wrong
/// job, tampered), or a blob whose tag fails.
Result<std::vector<std::uint8_t>> open_bundle(const StorageKey& storage, std::string_view job_id,
                                              std::span<const std::uint8_t> wrapped_key,
                                              std::span<const std::uint8_t> blob);

/// A value that identifies the storage key without revealing it (keyed BLAKE2b of a
/// fixed label): the store keeps it, so a wrong key is caught at open, before any job.
std::vector<std::uint8_t> key_check(const StorageKey& storage);

}  // namespace ektp::spool::crypto
