#include "tools/cardsim/vpcd_link.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cassert>
#include <cerrno>

namespace ektp::cardsim {

namespace {

constexpr std::uint8_t kPowerOff = 0x00;
constexpr std::uint8_t kPowerOn = 0x01;
constexpr std::uint8_t kReset = 0x02;
constexpr std::uint8_t kGetAtr = 0x04;

constexpr std::chrono::seconds kConnectTimeout{2};
constexpr std::size_t kMaxMessage = 0xFFFF;

}  // namespace

Bytes frame_message(std::span<const std::uint8_t> payload) {
  assert(payload.size() <= 0xFFFF && "vpcd messages carry at most 65,535 bytes");
  Bytes message;
  message.reserve(payload.size() + 2);
  message.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
  message.push_back(static_cast<std::uint8_t>(payload.size() & 0xFF));
  message.insert(message.end(), payload.begin(), payload.end());
  return message;
}

VpcdLink::VpcdLink(VpcdEndpoint endpoint, FieldCard& card, LinkBackoff backoff)
    : endpoint_(std::move(endpoint)), card_(card), backoff_(backoff) {}

VpcdLink::~VpcdLink() { stop(); }

void VpcdLink::start() {
  if (running_.load()) return;
  if (thread_.joinable()) thread_.join();  // ended by itself (tear)
  stop_requested_ = false;
  wakeup_.clear();
  running_ = true;
  thread_ = std::thread([this] { run(); });
}

void VpcdLink::stop() {
  stop_requested_ = true;
  wakeup_.signal();
  if (thread_.joinable()) thread_.join();
  running_ = false;
}

std::string VpcdLink::last_problem() const {
  std::lock_guard lock(problem_mutex_);
  return problem_;
}

void VpcdLink::note_problem(std::string text) {
  std::lock_guard lock(problem_mutex_);
  problem_ = std::move(text);
}

void VpcdLink::run() {
  auto pause = backoff_.min;
  while (!stop_requested_) {
    io::UniqueFd fd = connect_once();
    if (!fd) {
      if (io::sleep_for(wakeup_.fd(), pause) == io::Io::woken) break;
      pause = std::min(pause * 2, backoff_.max);
      continue;
    }
    pause = backoff_.min;
    connects_++;
    connected_ = true;
    Outcome outcome = serve(fd.get());
    fd.reset();  // closing the connection = the card left the reader
    connected_ = false;
    card_.field_power_off();
    if (outcome != Outcome::dropped) break;
  }
  running_ = false;
}

io::UniqueFd VpcdLink::connect_once() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string port = std::to_string(endpoint_.port);
  int rc = ::getaddrinfo(endpoint_.host.c_str(), port.c_str(), &hints, &found);
  if (rc != 0) {
    note_problem("cannot resolve vpcd host " + endpoint_.host + ": " + ::gai_strerror(rc));
    return {};
  }
  io::UniqueFd result;
  for (addrinfo* ai = found; ai && !result; ai = ai->ai_next) {
    io::UniqueFd fd(::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol));
    if (!fd || !io::set_nonblocking(fd.get())) continue;
    if (::connect(fd.get(), ai->ai_addr, ai->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        note_problem("vpcd at " + endpoint_.host + ":" + port + ": " + io::errno_text(errno));
        continue;
      }
      if (io::wait_for(fd.get(), POLLOUT, wakeup_.fd(), kConnectTimeout) != io::Io::ok) continue;
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        note_problem("vpcd at " + endpoint_.host + ":" + port + ": " + io::errno_text(err));
        continue;
      }
    }
    // One APDU is one small message each way: no Nagle delay on our side.
    int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    result = std::move(fd);
  }
  ::freeaddrinfo(found);
  return result;
}

VpcdLink::Outcome VpcdLink::serve(int fd) {
  Bytes payload;
  for (;;) {
    std::uint8_t header[2];
    io::Io got = io::read_exact(fd, header, wakeup_.fd(), io::forever, true);
    if (got == io::Io::ok) {
      payload.resize(static_cast<std::size_t>(header[0]) << 8 | header[1]);
      got = io::read_exact(fd, payload, wakeup_.fd(), io::forever, true);
    }
    if (got == io::Io::woken) return Outcome::stopped;
    if (got != io::Io::ok) {
      note_problem(got == io::Io::closed ? "vpcd closed the connection"
                                         : "vpcd connection: " + io::errno_text(errno));
      return Outcome::dropped;
    }

    if (payload.size() == 1) {
      if (!handle_control(fd, payload[0])) return Outcome::dropped;
      continue;
    }
    if (payload.empty()) continue;

    Reaction reaction = card_.field_transmit(payload);
    switch (reaction.kind) {
      case Reaction::Kind::tear:
        return Outcome::tear;
      case Reaction::Kind::mute:  // no answer; the card decides how long it stays mute
        continue;
      case Reaction::Kind::respond:
        break;
    }
    if (io::sleep_for(wakeup_.fd(), reaction.delay) == io::Io::woken) return Outcome::stopped;
    if (reaction.response.size() > kMaxMessage) {
      // vpcd's 2-byte length cannot carry it: a card configuration error, not a crash.
      note_problem("a response of " + std::to_string(reaction.response.size()) +
                   " bytes exceeds vpcd's 65,535-byte limit; answered 6F00");
      reaction.response = {0x6F, 0x00};
    }
    Bytes message = frame_message(reaction.response);
    io::Io sent = io::write_all(fd, message, wakeup_.fd());
    if (sent == io::Io::woken) return Outcome::stopped;
    if (sent != io::Io::ok) {
      note_problem("vpcd connection lost while answering: " + io::errno_text(errno));
      return Outcome::dropped;
    }
  }
}

bool VpcdLink::handle_control(int fd, std::uint8_t code) {
  switch (code) {
    case kPowerOff:
      card_.field_power_off();
      return true;
    case kPowerOn:
      card_.field_power_on();
      return true;
    case kReset:
      card_.field_power_off();
      card_.field_power_on();
      return true;
    case kGetAtr: {
      // Answered even when mute: the reader asks for it to see whether a card is present.
      Bytes message = frame_message(card_.field_atr());
      return io::write_all(fd, message, wakeup_.fd()) == io::Io::ok;
    }
    default:
      return true;  // unknown control codes are ignored, as vpcd's own cards do
  }
}

}  // namespace ektp::cardsim
