#pragma once
/// How a simulated card is built: capacity, APDU limits, ATR, identity, timing.
/// Configurable like real products (see tests/unit/cardsim for the defaults).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::cardsim {

/// Physical timing model of an ISO/IEC 14443 chip (applied as delay when
/// enabled, always accounted in Counters::physical_us).
struct TimingModel {
  bool apply_delay = false;               ///< sleep for the modelled time on every APDU
  std::uint32_t bitrate_kbps = 106;       ///< 106, 212, 424 or 848
  std::uint32_t frame_overhead_us = 300;  ///< per I-block: SOF/EOF, FDT, CRC, ack
  std::uint32_t frame_size = 256;         ///< FSC/FSD: bytes per I-block before chaining
  std::uint32_t page_size = 64;           ///< EEPROM page in bytes
  std::uint32_t page_write_us = 4000;     ///< programming time per page touched
};

struct CardConfig {
  std::size_t capacity = 8192;     ///< EEPROM bytes available for files (8, 32, 64 KB)
  std::size_t max_ext_length = 0;  ///< 0 = short APDUs only; else the extended maximum
                                   ///< of command/response data (e.g. 1024, 2048, 65535)
  std::vector<std::uint8_t> atr;   ///< empty = built from the other settings
  std::vector<std::uint8_t> serial = {0x47, 0x90, 0x50, 0x01, 0x12, 0x34, 0x56, 0x78};
  ///< CPLC: IC fabricator (2) + IC type (2) + IC serial (4)
  enum class UidMode { fixed, random } uid_mode = UidMode::fixed;
  std::vector<std::uint8_t> uid = {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
  TimingModel timing;
};

/// Parse "key=value" settings (as given on the command line and the control
/// socket), applied over `base`. Keys: capacity (bytes, or with K: 32K),
/// ext_max (0 or 256..65535), atr (hex), serial (8 hex bytes), uid (4/7/10
/// hex bytes), uid_mode (fixed|random), timing (on|off), bitrate
/// (106|212|424|848), frame_overhead_us, frame_size (16..4096), page_size,
/// page_write_us. Unknown keys or bad values are errors
/// (cardsim.unknown_setting, cardsim.bad_setting) whose message names the key.
Result<CardConfig> parse_config(const std::vector<std::string>& settings, CardConfig base = {});

}  // namespace ektp::cardsim
