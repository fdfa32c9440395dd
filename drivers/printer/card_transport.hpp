#pragma once
/// The card printer's card path, as the station drives it: a blank from the hopper to
/// the contactless encoder, then out to the output tray (a good card) or into the reject
/// bin (a spoiled one), and the printer's own status and card counter.
///
/// Every call blocks until the printer has done it (or refused) and is bounded by the
/// implementation's timeout: the pipeline calls them from its device thread, one at a
/// time. Results are values; the error codes are:
///   printer.hopper_empty     no blank left to feed: load blanks, then go on
///   printer.jam              a card is stuck in the path: open the printer, take it out
///                            (reject() moves a jammed card to the reject bin)
///   printer.cover_open       the cover is open: close it
///   printer.reject_bin_full  the reject bin is full: empty it
///   printer.card_in_path     feed() while a card is already in the path
///   printer.no_card          eject()/reject() with no card in the path
///   printer.unreachable      the printer (or its simulator) does not answer
///   printer.refused          anything else the printer refused (message says what)
///   printer.cancelled        the operator cancelled (manual transport)
///
/// Implementations: SimCardTransport (the rig's printer simulator, over its control
/// socket) and ManualCardTransport (no encoder in the printer: the operator places the
/// card on a desktop reader and confirms).

#include <cstdint>
#include <string>

#include "drivers/common/result.hpp"

namespace ektp::printer {

/// The printer's card path and supplies right now.
struct TransportStatus {
  int hopper_level = 0;          ///< blanks in the hopper (-1: the printer cannot tell)
  bool hopper_empty = false;     ///< no blank to feed
  bool hopper_low = false;       ///< few blanks left: load more soon
  bool reject_bin_full = false;  ///< reject() would be refused
  bool card_in_encoder = false;  ///< a card sits at the encoder (fed, not yet out)
  bool card_in_path = false;     ///< any card in the path (at the encoder, printing, jammed)
  bool jammed = false;           ///< a card is stuck: reject it
  bool cover_open = false;
  int ribbon_percent = -1;         ///< ribbon left, 0..100 (-1: unknown)
  std::uint64_t card_counter = 0;  ///< the printer's own count of cards taken from the hopper
};

class CardTransport {
 public:
  virtual ~CardTransport() = default;

  /// Move the next blank from the hopper to the encoder. On success the card is at the
  /// encoder (for the simulator: inserted on the encoder reader). Blocks until done.
  virtual Result<void> feed() = 0;

  /// Send the card in the path to the output tray. A card whose face is being printed
  /// goes there by itself when the print ends: eject() then waits for it (bounded) and
  /// succeeds once it is out. Blocks until done.
  virtual Result<void> eject() = 0;

  /// Send the card in the path (at the encoder, or jammed) to the reject bin. Blocks.
  virtual Result<void> reject() = 0;

  /// The printer's status; blocks for one exchange with the printer.
  virtual Result<TransportStatus> status() = 0;
};

}  // namespace ektp::printer
