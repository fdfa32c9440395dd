#pragma once
/// Small POSIX socket helpers shared by the vpcd link and the control socket:
/// an owning file descriptor, a wake-up descriptor to interrupt a blocked
/// thread, and reads/writes on non-blocking sockets that a wake-up can cut
/// short (so stopping a link never waits on the network).

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

namespace ektp::cardsim::io {

/// Owns one file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(other.release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  /// Close the current descriptor (if any) and own `fd` instead.
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

/// An eventfd that wakes threads waiting in the functions below.
class Wakeup {
 public:
  Wakeup();
  void signal();  ///< wake every waiter until clear()
  void clear();
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
};

/// How a wait or transfer ended.
enum class Io {
  ok,       ///< done
  closed,   ///< the peer closed the connection
  woken,    ///< the wake-up descriptor fired (stop requested)
  timeout,  ///< the time limit passed
  error,    ///< a socket error (errno kept)
};

/// No time limit.
inline constexpr std::chrono::microseconds forever{-1};

/// Wait until `fd` reports `events` (POLLIN/POLLOUT), the wake-up fires or the time passes.
Io wait_for(int fd, short events, int wake_fd, std::chrono::microseconds timeout);

/// Sleep for `duration` unless the wake-up fires first (returns timeout or woken).
Io sleep_for(int wake_fd, std::chrono::microseconds duration);

/// Write every byte (one send when the socket buffer allows: the caller passes
/// whole messages so no partial frame waits on Nagle or delayed ACK).
Io write_all(int fd, std::span<const std::uint8_t> data, int wake_fd,
             std::chrono::microseconds timeout = forever);

/// Read exactly `data.size()` bytes. `quickack` re-arms TCP_QUICKACK before
/// every recv (Linux clears it after each ACK it sends).
Io read_exact(int fd, std::span<std::uint8_t> data, int wake_fd,
              std::chrono::microseconds timeout = forever, bool quickack = false);

/// Make a descriptor non-blocking and close-on-exec.
bool set_nonblocking(int fd);

/// strerror for people, e.g. "Connection refused".
std::string errno_text(int err);

}  // namespace ektp::cardsim::io
