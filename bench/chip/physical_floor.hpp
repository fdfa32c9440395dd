#pragma once
/// The physical floor of a personalization under the card simulator's timing
/// model: the model's time for the fewest APDUs that the data, the card's
/// maximum APDU and the profile's fixed steps allow.
///
/// The fewest APDUs (each at its smallest encoding):
///   identity      GET DATA CPLC, GET UID
///   lengths       extended cards: one READ BINARY of EF.ATR/INFO by SFI
///   application   SELECT by AID (refused on a blank), CREATE FILE of the DF
///   per EF        CREATE FILE; ceil(n / max) UPDATE BINARY; ceil(n / max) READ
///                 BINARY (the first by SFI: no SELECT); ACTIVATE FILE by FID
///   lock          ACTIVATE FILE of the DF; its FCP and every EF's FCP read
///                 back (SELECT); one refused rewrite and one refused read
/// EEPROM pages as the simulator counts them: one per CREATE FILE (the 32-byte
/// header) and per ACTIVATE, and the pages each UPDATE touches.

#include <cstddef>
#include <vector>

#include "chip/profile.hpp"
#include "tools/cardsim/card_config.hpp"

namespace ektp::bench {

struct Floor {
  double seconds = 0;
  std::size_t apdus = 0;
  std::size_t data_apdus = 0;  ///< UPDATE and READ BINARY among them
};

/// The floor for files of `sizes` (parallel to profile.files()) on a card
/// whose largest command and response data field is `max_data` (255/256 on a
/// short-APDU card: pass 0), with `model`.
Floor physical_floor(const chip::Profile& profile, const std::vector<std::size_t>& sizes,
                     std::size_t max_data, const cardsim::TimingModel& model);

/// UPDATE + READ BINARY APDUs for the same files in chunks of `chunk` bytes,
/// plus the two of the lock proof.
std::size_t data_apdus_in_chunks(const std::vector<std::size_t>& sizes, std::size_t chunk);

}  // namespace ektp::bench
