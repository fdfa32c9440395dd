// Sealing and opening job bundles (see bundle_crypto.hpp).
#include "spool/bundle_crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>

#include "spool/jobs.hpp"
#include "spool/spool_messages_files.hpp"

namespace ektp::spool::crypto {

namespace {

constexpr std::string_view kBlobMagic = "EKTPBLB1";
constexpr std::string_view kBundleLabel = "ektp-bundle-v1:";
constexpr std::string_view kKeyLabel = "ektp-data-key-v1:";
constexpr std::string_view kCheckLabel = "ektp-storage-key-check-v1";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == StorageKey::kSize);
static_assert(kWrappedKeySize == kNonce + StorageKey::kSize + kTag);

std::string associated(std::string_view label, std::string_view job_id) {
  return std::string(label) + stored_job_id(job_id);
}

const unsigned char* uc(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Error damaged(std::string_view job_id, std::string_view what) {
  return fail("spool.bundle_damaged", texts::say(texts::bundle_damaged, job_id, what));
}

}  // namespace

Sealed seal_bundle(const StorageKey& storage, std::string_view job_id,
                   std::span<const std::uint8_t> bundle) {
  // A transient data key on the stack, zeroed below (guarded memory would cost several
  // system calls per job; the key lives for microseconds).
  std::array<std::uint8_t, StorageKey::kSize> data_key{};
  randombytes_buf(data_key.data(), data_key.size());
  Sealed out;
  // The bundle under its data key.
  const std::string ad_bundle = associated(kBundleLabel, job_id);
  out.blob.resize(kBlobMagic.size() + kNonce + bundle.size() + kTag);
  std::memcpy(out.blob.data(), kBlobMagic.data(), kBlobMagic.size());
  unsigned char* nonce = out.blob.data() + kBlobMagic.size();
  randombytes_buf(nonce, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &written, bundle.data(), bundle.size(),
                                             uc(ad_bundle), ad_bundle.size(), nullptr, nonce,
                                             data_key.data());
  // The data key under the storage key.
  const std::string ad_key = associated(kKeyLabel, job_id);
  out.wrapped_key.resize(kWrappedKeySize);
  randombytes_buf(out.wrapped_key.data(), kNonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.wrapped_key.data() + kNonce, &written, data_key.data(), StorageKey::kSize, uc(ad_key),
      ad_key.size(), nullptr, out.wrapped_key.data(), storage.bytes().data());
  sodium_memzero(data_key.data(), data_key.size());
  return out;
}

Result<std::vector<std::uint8_t>> open_bundle(const StorageKey& storage, std::string_view job_id,
                                              std::span<const std::uint8_t> wrapped_key,
                                              std::span<const std::uint8_t> blob) {
  if (wrapped_key.size() != kWrappedKeySize)
    return damaged(job_id, texts::say(texts::key_record_bad));
  std::array<std::uint8_t, StorageKey::kSize> raw{};
  const std::string ad_key = associated(kKeyLabel, job_id);
  unsigned long long got = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          raw.data(), &got, nullptr, wrapped_key.data() + kNonce, wrapped_key.size() - kNonce,
          uc(ad_key), ad_key.size(), wrapped_key.data(), storage.bytes().data()) != 0)
    return damaged(job_id, texts::say(texts::key_does_not_open));

  if (blob.size() < kBlobMagic.size() + kNonce + kTag ||
      std::memcmp(blob.data(), kBlobMagic.data(), kBlobMagic.size()) != 0) {
    sodium_memzero(raw.data(), raw.size());
    return damaged(job_id, texts::say(texts::not_bundle_file));
  }
  const std::string ad_bundle = associated(kBundleLabel, job_id);
  const unsigned char* nonce = blob.data() + kBlobMagic.size();
  std::vector<std::uint8_t> plain(blob.size() - kBlobMagic.size() - kNonce - kTag);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain.data(), &got, nullptr, nonce + kNonce, blob.size() - kBlobMagic.size() - kNonce,
          uc(ad_bundle), ad_bundle.size(), nonce, raw.data()) != 0) {
    sodium_memzero(raw.data(), raw.size());
    return damaged(job_id, texts::say(texts::integrity_failed));
  }
  sodium_memzero(raw.data(), raw.size());
  return plain;
}

std::vector<std::uint8_t> key_check(const StorageKey& storage) {
  std::vector<std::uint8_t> out(kKeyCheckSize);
  crypto_generichash(out.data(), out.size(),
                     reinterpret_cast<const unsigned char*>(kCheckLabel.data()), kCheckLabel.size(),
                     storage.bytes().data(), StorageKey::kSize);
  return out;
}

}  // namespace ektp::spool::crypto
