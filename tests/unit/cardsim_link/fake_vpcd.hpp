#pragma once
/// A stand-in for vpcd in tests: a TCP listener on 127.0.0.1 that speaks
/// vpcd's framing (2-byte big-endian length + payload) to one card link.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tools/cardsim/socket_io.hpp"
#include "tools/cardsim/vpcd_link.hpp"

namespace ektp::cardsim::test {

using namespace std::chrono_literals;

class FakeVpcd {
 public:
  /// Listen on `port` (0 = an ephemeral port).
  explicit FakeVpcd(std::uint16_t port = 0) { listen_on(port); }

  std::uint16_t port() const { return port_; }
  VpcdEndpoint endpoint() const { return {"127.0.0.1", port_}; }

  /// Accept the card's connection (false when none came in time).
  bool accept(std::chrono::milliseconds timeout = 10s) {
    if (io::wait_for(listener_.get(), POLLIN, -1, timeout) != io::Io::ok) return false;
    conn_.reset(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
    return static_cast<bool>(conn_);
  }

  void send(const Bytes& payload) {
    Bytes message = frame_message(payload);
    if (io::write_all(conn_.get(), message, -1, 5s) != io::Io::ok) {
      throw std::runtime_error("fake vpcd: send failed");
    }
  }

  struct Received {
    io::Io status = io::Io::error;  ///< ok, closed (card left) or timeout (no answer)
    Bytes payload;
  };

  Received receive(std::chrono::milliseconds timeout = 10s) {
    Received got;
    std::uint8_t header[2];
    got.status = io::read_exact(conn_.get(), header, -1, timeout);
    if (got.status != io::Io::ok) return got;
    got.payload.resize(static_cast<std::size_t>(header[0]) << 8 | header[1]);
    got.status = io::read_exact(conn_.get(), got.payload, -1, timeout);
    return got;
  }

  /// Send an APDU and return the card's answer.
  Received exchange(const Bytes& apdu, std::chrono::milliseconds timeout = 10s) {
    send(apdu);
    return receive(timeout);
  }

  void drop_connection() { conn_.reset(); }
  void close_listener() { listener_.reset(); }
  bool has_connection() const { return static_cast<bool>(conn_); }

 private:
  void listen_on(std::uint16_t port) {
    listener_.reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    int one = 1;
    ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_.get(), 4) != 0) {
      throw std::runtime_error("fake vpcd: cannot listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }

  io::UniqueFd listener_;
  io::UniqueFd conn_;
  std::uint16_t port_ = 0;
};

/// Wait until `condition` holds or `timeout` passes (for state that another
/// thread changes; the assertion is on the state, not on the time).
template <class F>
bool eventually(F condition, std::chrono::milliseconds timeout = 10s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

}  // namespace ektp::cardsim::test
