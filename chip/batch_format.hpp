#pragma once
/// The byte layout shared by BatchReader and BatchWriter (batch_file.hpp,
/// docs/batch.md). Internal to chip/.

#include <sodium.h>

#include <array>
#include <cstdint>

namespace ektp::chip::batch_format {

inline constexpr std::array<char, 8> kMagic = {'E', 'K', 'T', 'P', 'B', 'A', 'T', '1'};
inline constexpr std::uint8_t kVersion = 1;
/// The enveloped content: version (1) | content key (32) | bundle count (8, big-endian).
inline constexpr std::size_t kKeyBytes = crypto_secretstream_xchacha20poly1305_KEYBYTES;
inline constexpr std::size_t kEnvelopedBytes = 1 + kKeyBytes + 8;
inline constexpr std::size_t kStreamHeaderBytes = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
inline constexpr std::size_t kRecordOverhead = crypto_secretstream_xchacha20poly1305_ABYTES;
/// The final record's plain text: the bundle count (8, big-endian).
inline constexpr std::size_t kFinalBytes = 8;

inline void put_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 3; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v);
}
inline std::uint32_t get_u32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}
inline void put_u64(std::uint8_t* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<std::uint8_t>(v);
}
inline std::uint64_t get_u64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace ektp::chip::batch_format
