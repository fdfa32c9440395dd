#pragma once
/// The card's side of vpcd's TCP protocol: while the card is in the field the
/// link is a TCP client of vpcd (the virtual reader inside pcscd) and answers
/// its messages on a thread of its own.
///
/// Wire: every message both ways is a 2-byte big-endian length, then the
/// payload. A 1-byte payload is a control code (00 power off, 01 power on,
/// 02 reset: no reply; 04 get ATR: reply with the ATR); a longer one is a
/// command APDU, answered with the response APDU. Closing the connection
/// means "card removed". When vpcd is not listening (pcscd not started yet,
/// or restarting) the link keeps trying, as a card left on the reader would
/// be seen again once the reader is back.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <thread>

#include "tools/cardsim/card.hpp"
#include "tools/cardsim/socket_io.hpp"

namespace ektp::cardsim {

/// Where vpcd listens (pcscd's reader.conf CHANNELID gives the port).
struct VpcdEndpoint {
  std::string host = "127.0.0.1";
  std::uint16_t port = 35963;
};

/// What the link needs from the card in the field; the Slot implements it
/// (tests use a fake). Called on the link's thread only.
class FieldCard {
 public:
  virtual ~FieldCard() = default;
  virtual Bytes field_atr() = 0;
  virtual void field_power_on() = 0;
  /// Power off; also called when the connection to vpcd drops.
  virtual void field_power_off() = 0;
  virtual Reaction field_transmit(std::span<const std::uint8_t> apdu) = 0;
};

/// Retry pause after a failed connect to vpcd: grows from `min` to `max`.
struct LinkBackoff {
  std::chrono::milliseconds min{50};
  std::chrono::milliseconds max{200};
};

class VpcdLink {
 public:
  VpcdLink(VpcdEndpoint endpoint, FieldCard& card, LinkBackoff backoff = {});
  ~VpcdLink();
  VpcdLink(const VpcdLink&) = delete;
  VpcdLink& operator=(const VpcdLink&) = delete;

  /// The card enters the field: connect (and keep reconnecting) on a new
  /// thread. Joins a thread that ended by itself (tear) first. No-op if running.
  void start();
  /// The card leaves the field: close the connection and join the thread.
  void stop();

  /// Connected to vpcd right now.
  bool connected() const { return connected_.load(); }
  /// The thread runs (false after stop() and after a tear ended it).
  bool running() const { return running_.load(); }
  /// Successful connects since construction (tests watch reconnects).
  std::uint64_t connects() const { return connects_.load(); }
  /// The last connect or I/O problem, for people ("" if none yet).
  std::string last_problem() const;

  const VpcdEndpoint& endpoint() const { return endpoint_; }

 private:
  enum class Outcome { dropped, stopped, tear };

  void run();
  io::UniqueFd connect_once();
  Outcome serve(int fd);
  bool handle_control(int fd, std::uint8_t code);
  void note_problem(std::string text);

  VpcdEndpoint endpoint_;
  FieldCard& card_;
  LinkBackoff backoff_;
  io::Wakeup wakeup_;
  std::thread thread_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> running_{false};
  std::atomic<bool> connected_{false};
  std::atomic<std::uint64_t> connects_{0};
  mutable std::mutex problem_mutex_;
  std::string problem_;
};

/// Frame one message: 2-byte big-endian length + payload (payload ≤ 65,535 bytes).
Bytes frame_message(std::span<const std::uint8_t> payload);

}  // namespace ektp::cardsim
