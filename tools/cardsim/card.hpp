#pragma once
/// The simulated contactless chip: an ISO/IEC 7816-4 card with a real file
/// system, access rules, a timing model, fault injection and counters.
///
/// Transport-free: the vpcd link (vpcd_link.hpp) and the control socket
/// (control_server.hpp) drive a Card through this interface only. A Card is
/// not thread-safe; its owner (the Slot) serialises calls.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "card_config.hpp"
#include "counters.hpp"
#include "drivers/common/result.hpp"
#include "faults.hpp"

namespace ektp::cardsim {

using Bytes = std::vector<std::uint8_t>;

/// What the card does with one command APDU.
struct Reaction {
  enum class Kind {
    respond,  ///< send `response` (data + SW1 SW2) after `delay`
    tear,     ///< the card left the field: the link closes the connection
    mute,     ///< never answer (the card stays mute until it leaves the field)
  };
  Kind kind = Kind::respond;
  Bytes response;
  std::chrono::microseconds delay{0};  ///< timing model + injected delay, applied by the link
};

/// One file of the card's file system, as the witness sees it.
struct FileInfo {
  std::vector<std::uint16_t> path;  ///< FIDs from the MF (3F00) down to this file
  bool is_df = false;
  Bytes aid;                    ///< DFs created with tag 84
  std::size_t size = 0;         ///< EF size in bytes (tag 80)
  std::uint8_t sfi = 0;         ///< 0 = none
  std::uint8_t life_cycle = 0;  ///< 03 initialisation, 05 operational (activated)
  Bytes security;               ///< tag 8C as created
};

class CardImpl;

class Card {
 public:
  explicit Card(CardConfig config);
  ~Card();
  Card(Card&&) noexcept;
  Card& operator=(Card&&) noexcept;

  /// Answer To Reset, announcing extended length when the config allows it.
  Bytes atr() const;

  /// The reader powers the card (vpcd power on): a new session (selection,
  /// security state and, in random UID mode, the UID are reset).
  void power_on();
  /// The reader powers the card off (vpcd power off; reset = off + on): the
  /// session ends, EEPROM content persists. A mute card stays mute.
  void power_off();
  /// The card leaves the reader's field (taken out, or torn away): the session
  /// ends and a mute card recovers. This is the only way out of mute, so the
  /// host sees the card dead until the operator pulls it, whatever resets it
  /// tries meanwhile. (A tear fault does this by itself.)
  void leave_field();
  /// The card went mute (mute_at fault) and has not left the field since.
  bool muted() const;

  /// Process one command APDU (short or extended).
  Reaction transmit(std::span<const std::uint8_t> apdu);

  /// Arm a fault (see faults.hpp); faults count APDUs from the moment they are armed.
  void arm(const Fault& fault);
  void disarm_all();

  /// The file system and one file's EEPROM content (witness access, no access rules).
  std::vector<FileInfo> files() const;
  std::optional<Bytes> file_content(const std::vector<std::uint16_t>& path) const;

  const Counters& counters() const;
  void reset_counters();

  /// The persistent state (file system, life cycles, security attributes,
  /// content, and the chip's identity: serial, UID, UID mode, capacity,
  /// extended maximum, ATR) saved atomically as JSON (temporary file in the
  /// same directory, fsync, rename): "take the card out, put it back".
  /// Errors: cardsim.image_io.
  Result<void> save_image(const std::filesystem::path& file) const;
  /// Load an image saved by save_image. The identity comes from the image;
  /// `config` supplies the rest (the timing model). Errors:
  /// cardsim.image_unreadable, cardsim.image_corrupt.
  static Result<Card> load_image(const std::filesystem::path& file, CardConfig config);

  /// APDU trace, diffable: "> <command hex>", "< <response hex>", "! tear",
  /// "! mute", "* power on", "* power off", "* out of field" (one line each;
  /// null = off).
  void set_trace(std::ostream* out);

  /// Seam for the SAM issue: mark the session authenticated (secure messaging
  /// / PACE arrive later; tests and the control socket use this meanwhile).
  void set_session_authenticated(bool authenticated);

 private:
  std::unique_ptr<CardImpl> impl_;
};

}  // namespace ektp::cardsim
