#pragma once
/// The reader driver contract: what the personalizer asks of a contactless
/// reader, shaped like the hardware's operations. One Reader object drives one
/// configured reader (by name) for the life of the process; results are values.
///
/// Implementations: PcscReader (pcsc-lite, every blocking call on a device
/// thread) and FakeReader (in memory, scriptable, for unit tests).
///
/// Error codes (each a distinct outcome):
///   pcsc.no_service      pcscd is not running (or restarted under an open card:
///                        the card must be connected again)
///   pcsc.error           anything else pcscd reports
///   reader.absent        the configured reader is not connected (message lists
///                        the ones that are)
///   reader.none          pcscd sees no reader at all
///   reader.gone          the reader went away while in use (unplugged)
///   card.absent          no card came within the wait
///   card.still_present   the card was not taken out within the wait
///   card.not_connected   transmit/uid/disconnect without a connected card (a bug)
///   card.removed         the card left the field
///   card.reset           someone reset the card
///   card.not_responding  the deadline passed, or an earlier call is still stuck
///   card.no_response     fewer than 2 bytes came back: the card left or went mute
///   card.no_uid          the reader would not give the card's UID

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"

namespace ektp::reader {

using Bytes = std::vector<std::uint8_t>;

/// What to do with the card when letting it go.
enum class Disposition {
  leave,    ///< leave it powered as it is
  reset,    ///< warm reset
  unpower,  ///< power it down
};

/// A connected card.
struct CardInfo {
  std::string reader;  ///< the reader it is in
  Bytes atr;           ///< answer to reset
};

class Reader {
 public:
  virtual ~Reader() = default;

  /// The configured reader's name.
  virtual const std::string& name() const = 0;

  /// Names of all readers connected now.
  virtual Result<std::vector<std::string>> list_readers() = 0;

  /// Wait until a card is in the configured reader (reader.absent when the
  /// reader itself is not there by the end of the wait; card.absent).
  virtual Result<void> wait_card(std::chrono::milliseconds timeout) = 0;

  /// Wait until the configured reader holds no card (card.still_present).
  virtual Result<void> wait_card_absent(std::chrono::milliseconds timeout) = 0;

  /// Connect to the card in the reader, waiting up to `wait_for_card` for one.
  /// A card still connected from before is let go first.
  virtual Result<CardInfo> connect(std::chrono::milliseconds wait_for_card) = 0;

  /// Send one command APDU; the response (data + SW1 SW2).
  virtual Result<Bytes> transmit(std::span<const std::uint8_t> apdu,
                                 std::chrono::milliseconds deadline) = 0;

  /// The card's UID (PC/SC GET DATA, FF CA 00 00 00).
  virtual Result<Bytes> uid(std::chrono::milliseconds deadline) = 0;

  /// Let the card go.
  virtual Result<void> disconnect(Disposition how = Disposition::leave) = 0;
};

/// reader.absent (listing the readers that are there) unless the configured
/// reader is connected: the check to make at start.
Result<void> require_present(Reader& reader);

}  // namespace ektp::reader
