#pragma once
/// The Card's state and command handlers (private to the simulator core).
/// card.cpp: dispatch, faults, timing, trace; commands_*.cpp: the commands;
/// image.cpp: save and load.

#include <cstdint>
#include <optional>
#include <ostream>
#include <random>
#include <span>
#include <vector>

#include "tools/cardsim/apdu.hpp"
#include "tools/cardsim/card.hpp"
#include "tools/cardsim/file_system.hpp"

namespace ektp::cardsim {

/// A handler's answer: response data and status word.
struct Response {
  Bytes data;
  std::uint16_t status = sw::ok;
};

/// An armed fault and the APDUs (or UPDATE BINARYs) seen since it was armed.
struct ArmedFault {
  Fault fault;
  std::uint32_t seen = 0;
};

class CardImpl {
 public:
  explicit CardImpl(CardConfig config);

  CardConfig config;
  FileSystem fs;
  Counters counters;

  // Session (volatile) state.
  Node* current_df = nullptr;
  Node* current_ef = nullptr;
  bool authenticated = false;
  bool muted = false;  ///< survives power off/on; only leave_field() clears it
  Bytes pending;       ///< response bytes waiting for GET RESPONSE
  Bytes uid;

  std::vector<ArmedFault> faults;
  std::ostream* trace = nullptr;
  std::mt19937_64 rng;

  // Per-APDU effects, reset by transmit().
  std::size_t pages_this_apdu = 0;
  bool tear_now = false;

  Reaction transmit(std::span<const std::uint8_t> apdu);
  /// Selection, authentication and pending response back to a fresh session.
  void reset_session();
  /// Out of the field (removal or tear): a fresh session, and mute ends.
  void leave_field();
  void arm(const Fault& fault);

  // Dispatch and the commands (commands_*.cpp).
  Response dispatch(const Command& c);
  Response select(const Command& c);
  Response create_file(const Command& c);
  Response activate_file(const Command& c);
  Response read_binary(const Command& c);
  Response update_binary(const Command& c);
  Response get_challenge(const Command& c);
  Response get_data(const Command& c);
  Response get_uid(const Command& c);
  Response get_response(const Command& c);

  /// Send `data` within Ne: the rest waits for GET RESPONSE (61xx).
  Response deliver(Bytes data, const Command& c);
  /// A fixed-length answer: Le must be its length or a wildcard (else 6Cxx).
  Response deliver_fixed(Bytes data, const Command& c);
  /// The file a SELECT-by-FID (P1 00) would find from the current DF, or null.
  Node* find_by_fid(std::uint16_t fid);
  void make_current(Node& node);
  bool broken_write() const;
  /// Counts the UPDATE BINARY for tear_in_write; returns the byte limit when it fires.
  std::optional<std::size_t> tear_in_write_limit();
  /// A fresh blank card's files (EF.ATR/INFO when extended length is on).
  void format_blank();
};

}  // namespace ektp::cardsim
