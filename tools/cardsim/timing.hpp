#pragma once
/// The physical time of one APDU exchange under the TimingModel
/// (formula in README.md).

#include <cstdint>

#include "tools/cardsim/card_config.hpp"

namespace ektp::cardsim {

/// Air time of a message of `bytes` bytes: its I-blocks (frame_size bytes
/// each, 3 of them PCB + CRC), 9 bits per byte (8 data + parity), plus
/// frame_overhead_us per I-block.
std::uint64_t air_time_us(const TimingModel& model, std::size_t bytes);

/// Command + response air time + EEPROM programming of `pages` pages.
std::uint64_t exchange_time_us(const TimingModel& model, std::size_t command_bytes,
                               std::size_t response_bytes, std::size_t pages);

/// EEPROM pages touched by writing `length` bytes at `offset` of a file
/// (files start on a page boundary).
std::size_t pages_touched(const TimingModel& model, std::size_t offset, std::size_t length);

}  // namespace ektp::cardsim
