#pragma once
/// Fault injection by countdown: "fail the Nth APDU", looped over N by tests.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::cardsim {

struct Fault {
  enum class Kind {
    tear_at,         ///< at APDU `at`: the card leaves the field (connection dropped, no answer)
    tear_in_write,   ///< at the `at`-th UPDATE BINARY: only its first `bytes` bytes reach EEPROM,
                     ///< then tear
    status_word_at,  ///< at APDU `at`: answer `sw` (nothing executed)
    delay_per_apdu,  ///< every APDU answered `delay` late
    mute_at,         ///< from APDU `at` on: never answer
    broken_write,    ///< every write (UPDATE, CREATE) fails with 6581 memory failure
  };
  Kind kind = Kind::tear_at;
  std::uint32_t at = 1;       ///< 1 = the next APDU (or the next UPDATE BINARY for tear_in_write)
  std::uint32_t bytes = 0;    ///< tear_in_write
  std::uint16_t sw = 0x6F00;  ///< status_word_at
  std::chrono::microseconds delay{0};  ///< delay_per_apdu
};

/// Parse "tear_at N", "tear_in_write N K", "sw N 6A82" (or "status_word_at N SW"),
/// "delay US" (or "delay_per_apdu US"), "mute_at N", "broken_write" (the
/// control socket's `fault` arguments). Error code: cardsim.bad_fault.
/// Countdown faults fire once; delay and broken_write last until disarm_all.
Result<Fault> parse_fault(const std::vector<std::string>& words);

}  // namespace ektp::cardsim
