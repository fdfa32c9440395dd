#include "tools/cardsim/socket_io.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace ektp::cardsim::io {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

Wakeup::Wakeup() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  // Running out of descriptors at construction is not recoverable here.
  if (!fd_) throw std::runtime_error("eventfd: " + errno_text(errno));
}

void Wakeup::signal() {
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = ::write(fd_.get(), &one, sizeof one);
}

void Wakeup::clear() {
  std::uint64_t value = 0;
  [[maybe_unused]] auto n = ::read(fd_.get(), &value, sizeof value);
}

namespace {

using Clock = std::chrono::steady_clock;

timespec to_timespec(std::chrono::microseconds us) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(us.count() / 1'000'000);
  ts.tv_nsec = static_cast<long>((us.count() % 1'000'000) * 1000);
  return ts;
}

/// The time left before `deadline`, or forever when there is none.
std::chrono::microseconds left(std::optional<Clock::time_point> deadline) {
  if (!deadline) return forever;
  auto rest = std::chrono::duration_cast<std::chrono::microseconds>(*deadline - Clock::now());
  return rest.count() < 0 ? std::chrono::microseconds{0} : rest;
}

std::optional<Clock::time_point> deadline_after(std::chrono::microseconds timeout) {
  if (timeout.count() < 0) return std::nullopt;
  return Clock::now() + timeout;
}

}  // namespace

Io wait_for(int fd, short events, int wake_fd, std::chrono::microseconds timeout) {
  pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
  nfds_t count = wake_fd >= 0 ? 2 : 1;
  auto deadline = deadline_after(timeout);
  for (;;) {
    auto rest = left(deadline);
    timespec ts = to_timespec(rest);
    int n = ::ppoll(fds, count, rest.count() < 0 ? nullptr : &ts, nullptr);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Io::error;
    }
    if (n == 0) return Io::timeout;
    if (count == 2 && (fds[1].revents & POLLIN)) return Io::woken;
    // POLLHUP/POLLERR: let the following recv/send report what happened.
    if (fds[0].revents) return Io::ok;
  }
}

Io sleep_for(int wake_fd, std::chrono::microseconds duration) {
  if (duration.count() <= 0) return Io::timeout;
  pollfd fd{wake_fd, POLLIN, 0};
  auto deadline = Clock::now() + duration;
  for (;;) {
    timespec ts = to_timespec(left(deadline));
    int n = ::ppoll(&fd, 1, &ts, nullptr);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) return Io::woken;
    return Io::timeout;
  }
}

Io write_all(int fd, std::span<const std::uint8_t> data, int wake_fd,
             std::chrono::microseconds timeout) {
  auto deadline = deadline_after(timeout);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      Io waited = wait_for(fd, POLLOUT, wake_fd, left(deadline));
      if (waited != Io::ok) return waited;
      continue;
    }
    if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) return Io::closed;
    return Io::error;
  }
  return Io::ok;
}

Io read_exact(int fd, std::span<std::uint8_t> data, int wake_fd, std::chrono::microseconds timeout,
              bool quickack) {
  auto deadline = deadline_after(timeout);
  std::size_t done = 0;
  while (done < data.size()) {
    if (quickack) {
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    }
    ssize_t n = ::recv(fd, data.data() + done, data.size() - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) return Io::closed;
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      Io waited = wait_for(fd, POLLIN, wake_fd, left(deadline));
      if (waited != Io::ok) return waited;
      continue;
    }
    if (errno == ECONNRESET) return Io::closed;
    return Io::error;
  }
  return Io::ok;
}

bool set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return false;
  return ::fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

std::string errno_text(int err) {
  char buffer[256];
  // GNU strerror_r returns the message (possibly not in buffer).
  return ::strerror_r(err, buffer, sizeof buffer);
}

}  // namespace ektp::cardsim::io
