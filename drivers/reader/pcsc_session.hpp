#pragma once
/// A card connection through pcsc-lite: one reader, one card, every transmit
/// bounded by the caller's deadline.
///
/// SCardTransmit can block for seconds on a mute card (pcscd returns only when
/// the card's link closes), so each transmit runs on the session's own device
/// thread (DeviceThread) and the caller waits at most its deadline. A call that
/// overran marks the session "not responding": later calls wait for it at most
/// their own deadline and are never queued behind it. Destroying a session
/// never waits for a stuck call. (The full contract, with PnP waits and context
/// re-establishment after a pcscd restart, is Reader / PcscReader.)
///
/// Error codes: pcsc.no_service (pcscd not running), pcsc.error (anything else
/// pcscd reports), reader.none / reader.absent / reader.gone, card.absent (no
/// card within the wait), card.still_present, card.removed, card.reset,
/// card.not_responding (the deadline passed, or a previous call is still stuck),
/// card.no_response (pcscd answered with fewer than 2 bytes: the card left the
/// field or went mute).

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "drivers/common/result.hpp"
#include "drivers/reader/device_thread.hpp"
#include "drivers/reader/reader.hpp"

namespace ektp::reader {

/// Names of the readers pcscd knows now.
Result<std::vector<std::string>> list_readers();

/// Wait (SCardGetStatusChange, no polling) until `reader` reports no card,
/// e.g. after a card was taken out and before the next one goes in: pcscd
/// notices a removal only when it next polls the reader.
Result<void> wait_card_absent(const std::string& reader, std::chrono::milliseconds timeout);

class PcscSession {
 public:
  /// Connect to the card in `reader`, waiting up to `wait_for_card` for one
  /// to be presented (SCardGetStatusChange, no polling).
  static Result<std::unique_ptr<PcscSession>> connect(const std::string& reader,
                                                      std::chrono::milliseconds wait_for_card);
  ~PcscSession();
  PcscSession(const PcscSession&) = delete;
  PcscSession& operator=(const PcscSession&) = delete;

  /// Send one command APDU; the response (data + SW1 SW2) or an error value
  /// ("card.removed", "card.not_responding", "pcsc.no_service", ...).
  Result<Bytes> transmit(std::span<const std::uint8_t> apdu, std::chrono::milliseconds deadline);

  const Bytes& atr() const;
  const std::string& reader() const;

 private:
  struct State;
  explicit PcscSession(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
  DeviceThread thread_;  // last: stopped before state_ is released
};

}  // namespace ektp::reader
