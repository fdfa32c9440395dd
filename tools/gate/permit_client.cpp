#include "tools/gate/permit_client.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "drivers/printer/printer_messages_permit.hpp"

namespace ektp::gate {

namespace {

namespace permit = printer::permit;
namespace texts = printer::permit_texts;

/// Closes the socket when the call ends, whatever happens.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Waits for `events`; "gate.timeout" or "gate.protocol" on failure.
Result<void> wait_fd(int fd, short events, std::chrono::milliseconds timeout) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (n > 0) return ok();
    if (n == 0) return fail("gate.timeout", texts::say(texts::gate_timeout));
    if (errno != EINTR)
      return fail("gate.protocol", texts::say(texts::gate_wait_failed, std::strerror(errno)));
  }
}

// Receives up to `size` bytes into `out`; 0 = the station closed the connection.
Result<std::size_t> receive(int fd, void* out, std::size_t size,
                            std::chrono::milliseconds timeout) {
  for (;;) {
    if (auto w = wait_fd(fd, POLLIN, timeout); !w) return w.error();
    const ssize_t n = ::recv(fd, out, size, MSG_DONTWAIT);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR && errno != EAGAIN)
      return fail("gate.protocol", texts::say(texts::gate_read_failed, std::strerror(errno)));
  }
}

std::string refusal_message(permit::Refusal refusal) {
  switch (refusal) {
    case permit::Refusal::permit:
      return texts::say(texts::gate_refused_permit);
    case permit::Refusal::peer:
      return texts::say(texts::gate_refused_peer);
    case permit::Refusal::malformed:
      return texts::say(texts::gate_refused_malformed);
    case permit::Refusal::unavailable:
      return texts::say(texts::gate_refused_unavailable);
  }
  return texts::say(texts::gate_refused);
}

}  // namespace

Result<std::vector<std::uint8_t>> redeem(const std::string& socket_path,
                                         const permit::RedeemRequest& request,
                                         std::chrono::milliseconds timeout) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.empty() || socket_path.size() >= sizeof addr.sun_path)
    return fail("gate.unreachable", texts::say(texts::gate_socket_path));
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  Fd sock{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (sock.fd < 0 || ::connect(sock.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return fail("gate.unreachable",
                texts::say(texts::gate_unreachable, socket_path, std::strerror(errno)));
  std::string line = permit::format_request(request);
  std::string_view rest = line;
  while (!rest.empty()) {
    if (auto w = wait_fd(sock.fd, POLLOUT, timeout); !w) return w.error();
    const ssize_t n = ::send(sock.fd, rest.data(), rest.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      ::explicit_bzero(line.data(), line.size());
      return fail("gate.unreachable", texts::say(texts::gate_send_failed, std::strerror(errno)));
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  ::explicit_bzero(line.data(), line.size());

  // The header, byte by byte (it is short): the face starts right after its '\n'.
  std::string header;
  while (header.empty() || header.back() != '\n') {
    if (header.size() >= permit::kMaxResponseHeaderBytes)
      return fail("gate.protocol", texts::say(texts::gate_not_an_answer));
    char c = 0;
    auto n = receive(sock.fd, &c, 1, timeout);
    if (!n) return n.error();
    if (*n == 0) return fail("gate.protocol", texts::say(texts::gate_no_answer));
    header.push_back(c);
  }
  auto parsed = permit::parse_response_header(header);
  if (!parsed) return fail("gate.protocol", parsed.error().message);
  if (!parsed->granted) return fail("gate.refused", refusal_message(parsed->refusal));

  std::vector<std::uint8_t> face(parsed->face_size);
  std::size_t have = 0;
  while (have < face.size()) {
    auto n = receive(sock.fd, face.data() + have, face.size() - have, timeout);
    if (!n || *n == 0) {
      ::explicit_bzero(face.data(), face.size());
      if (!n) return n.error();
      return fail("gate.protocol", texts::say(texts::gate_face_cut));
    }
    have += *n;
  }
  // Exactly the announced size: anything more is a broken answer, and not printed.
  char extra = 0;
  auto more = receive(sock.fd, &extra, 1, timeout);
  if (!more || *more != 0) {
    ::explicit_bzero(face.data(), face.size());
    return fail("gate.protocol", texts::say(texts::gate_face_too_long));
  }
  return face;
}

}  // namespace ektp::gate
