#pragma once
/// The card slot of the simulator: the card "in hand" (none, a blank one, or
/// one loaded from an image) and whether it is in the reader's field, where
/// the vpcd link makes it visible to pcscd.
///
/// Thread-safe: the control socket calls in from one thread, the link from
/// its own; every Card call happens under one mutex.

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "drivers/common/result.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/vpcd_link.hpp"

namespace ektp::cardsim {

/// What the slot holds and does right now (the control socket's `status`).
struct SlotStatus {
  bool card = false;       ///< a card is in hand
  bool inserted = false;   ///< it is in the field (the link runs)
  bool connected = false;  ///< the link is connected to vpcd
  bool muted = false;      ///< the card went mute (until removed)
  bool torn = false;       ///< the last removal was a tear (injected fault)
};

class Slot : private FieldCard {
 public:
  explicit Slot(VpcdEndpoint endpoint, LinkBackoff backoff = {});
  ~Slot() override;
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

  /// Take a card in hand (a new blank one or a loaded image), replacing the
  /// current one. Refused while a card is in the field.
  Result<void> take(Card card);

  /// The card in hand enters the field: the link connects to vpcd.
  Result<void> insert();
  /// The card leaves the field: the link closes and the card is told
  /// (Card::leave_field: a mute card recovers). No-op when it is not in the field.
  void remove();

  /// Run `action` on the card in hand under the slot's lock; an error when
  /// there is no card in hand.
  Result<void> with_card(const std::function<Result<void>(Card&)>& action);

  /// Write the APDU trace of this and later cards to `file` (truncated), or
  /// stop tracing with std::nullopt.
  Result<void> set_trace(const std::optional<std::filesystem::path>& file);

  SlotStatus status() const;
  const VpcdLink& link() const { return link_; }

 private:
  // FieldCard, called on the link's thread.
  Bytes field_atr() override;
  void field_power_on() override;
  void field_power_off() override;
  Reaction field_transmit(std::span<const std::uint8_t> apdu) override;

  std::mutex control_mutex_;       ///< serialises take/insert/remove (may join the link)
  mutable std::mutex card_mutex_;  ///< guards everything below; never held while joining
  std::optional<Card> card_;
  bool in_field_ = false;
  bool powered_ = false;
  bool torn_ = false;
  std::unique_ptr<std::ofstream> trace_;
  VpcdLink link_;  ///< last: destroyed (stopped) first
};

}  // namespace ektp::cardsim
