#pragma once
/// What really happened to a card: the simulator is a witness, and tests
/// trust these counts rather than the station's opinion of itself.

#include <cstdint>
#include <string>

namespace ektp::cardsim {

struct Counters {
  std::uint64_t sessions = 0;  ///< power-ons
  std::uint64_t apdus = 0;     ///< command APDUs received
  std::uint64_t errors = 0;    ///< error responses: SW1 64..6F (not 61xx, nor 62xx/63xx warnings)
  std::uint64_t files_created = 0;
  std::uint64_t files_activated = 0;
  std::uint64_t updates = 0;         ///< UPDATE BINARY commands executed
  std::uint64_t bytes_written = 0;   ///< bytes that reached EEPROM
  std::uint64_t pages_written = 0;   ///< EEPROM pages programmed
  std::uint64_t bytes_read = 0;      ///< READ BINARY data returned
  std::uint64_t refused_writes = 0;  ///< writes refused by access rules / life cycle
  std::uint64_t refused_reads = 0;   ///< reads refused by access rules
  std::uint64_t tears = 0;           ///< injected tears
  std::uint64_t physical_us = 0;     ///< modelled physical time of everything so far

  /// "key=value key=value ..." on one line (the control socket's `counters`).
  std::string to_text() const;
};

}  // namespace ektp::cardsim
