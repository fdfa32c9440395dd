#include "tools/cardsim/timing.hpp"

#include <algorithm>

namespace ektp::cardsim {

namespace {
constexpr std::size_t kBlockFraming = 3;   // PCB + CRC_A (2)
constexpr std::uint64_t kBitsPerByte = 9;  // 8 data bits + odd parity (ISO/IEC 14443-3 type A)
}  // namespace

std::uint64_t air_time_us(const TimingModel& model, std::size_t bytes) {
  std::size_t payload = std::max<std::size_t>(model.frame_size, kBlockFraming + 1) - kBlockFraming;
  std::size_t blocks = std::max<std::size_t>(1, (bytes + payload - 1) / payload);
  std::uint64_t bits = (bytes + blocks * kBlockFraming) * kBitsPerByte;
  std::uint64_t kbps = std::max<std::uint32_t>(model.bitrate_kbps, 1);
  // bits / (kbit/s) = ms; * 1000 for µs, rounded up.
  std::uint64_t transfer = (bits * 1000 + kbps - 1) / kbps;
  return transfer + blocks * model.frame_overhead_us;
}

std::uint64_t exchange_time_us(const TimingModel& model, std::size_t command_bytes,
                               std::size_t response_bytes, std::size_t pages) {
  return air_time_us(model, command_bytes) + air_time_us(model, response_bytes) +
         static_cast<std::uint64_t>(pages) * model.page_write_us;
}

std::size_t pages_touched(const TimingModel& model, std::size_t offset, std::size_t length) {
  if (length == 0) return 0;
  std::size_t page = std::max<std::uint32_t>(model.page_size, 1);
  return (offset + length - 1) / page - offset / page + 1;
}

}  // namespace ektp::cardsim
