#include "bench/chip/physical_floor.hpp"

#include <algorithm>

#include "tools/cardsim/timing.hpp"

namespace ektp::bench {
namespace {

constexpr std::size_t kCplcBytes = 45;  // 9F7F 2A + 42 bytes
constexpr std::size_t kUidBytes = 7;
constexpr std::size_t kEfAtrBytes = 11;  // 7F66 { 02 cmd, 02 resp }
constexpr std::size_t kEfFcpBytes = 24;  // 62 { 80 82 83 88 8A 8C } as KTP-OPEN writes it
constexpr std::size_t kProofBytes = 16;  // the refused rewrite and read

/// Encoded sizes of a command with `lc` data bytes and an Le (when `le`).
std::size_t command_bytes(std::size_t lc, bool le, bool extended) {
  std::size_t n = 4;
  if (lc > 0) n += (extended ? 3 : 1) + lc;
  if (le) n += extended ? (lc > 0 ? 2 : 3) : 1;
  return n;
}

}  // namespace

Floor physical_floor(const chip::Profile& profile, const std::vector<std::size_t>& sizes,
                     std::size_t max_data, const cardsim::TimingModel& model) {
  const bool ext_card = max_data > 0;
  const std::size_t wmax = ext_card ? max_data : profile.short_write_max();
  const std::size_t rmax = ext_card ? max_data : profile.short_read_max();
  Floor f;
  std::uint64_t us = 0;
  auto apdu = [&](std::size_t cmd, std::size_t resp_data, std::size_t pages, bool data) {
    us += cardsim::exchange_time_us(model, cmd, resp_data + 2, pages);
    ++f.apdus;
    if (data) ++f.data_apdus;
  };
  apdu(command_bytes(0, true, false), kCplcBytes, 0, false);
  apdu(command_bytes(0, true, false), kUidBytes, 0, false);
  if (ext_card) apdu(command_bytes(0, true, false), kEfAtrBytes, 0, true);
  const std::size_t aid = profile.application_aid().size();
  apdu(command_bytes(aid, false, false), 0, 0, false);
  apdu(command_bytes(profile.application_fcp().size(), false, false), 0, 1, false);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const std::size_t n = sizes[i];
    apdu(command_bytes(profile.ef_fcp(profile.files()[i], n).size(), false, false), 0, 1, false);
    for (std::size_t off = 0; off < n; off += wmax) {
      const std::size_t len = std::min(wmax, n - off);
      apdu(command_bytes(len, false, len > 255), 0, cardsim::pages_touched(model, off, len), true);
    }
    for (std::size_t off = 0; off < n; off += rmax) {
      const std::size_t len = std::min(rmax, n - off);
      apdu(command_bytes(0, true, len > 256), len, 0, true);
    }
    apdu(command_bytes(2, false, false), 0, 1, false);  // ACTIVATE FILE by FID
  }
  apdu(command_bytes(2, false, false), 0, 1, false);                   // ACTIVATE the DF
  apdu(command_bytes(aid, true, false), kEfFcpBytes + aid, 0, false);  // its FCP
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    apdu(command_bytes(2, true, false), kEfFcpBytes, 0, false);
  }
  apdu(command_bytes(kProofBytes, false, false), 0, 0, true);
  apdu(command_bytes(0, true, false), 0, 0, true);
  f.seconds = static_cast<double>(us) / 1e6;
  return f;
}

std::size_t data_apdus_in_chunks(const std::vector<std::size_t>& sizes, std::size_t chunk) {
  std::size_t n = 2;  // the lock proof's rewrite and read
  for (std::size_t size : sizes) n += 2 * ((size + chunk - 1) / chunk);
  return n;
}

}  // namespace ektp::bench
