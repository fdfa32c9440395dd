#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <string>

#include "tools/printersim/rig_seams.hpp"

namespace ektp::printersim {

namespace {

/// ippeveprinter's input tray holds 250 whatever its attributes file says.
constexpr int kTrayCapacity = 250;

/// True once `reply` holds a whole HTTP response: headers and the body by its
/// Content-Length, or by the last chunk of a chunked body.
bool response_complete(const std::string& reply) {
  const auto header_end = reply.find("\r\n\r\n");
  if (header_end == std::string::npos) return false;
  std::string headers = reply.substr(0, header_end);
  for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t body = reply.size() - header_end - 4;
  const auto length = headers.find("content-length:");
  if (length != std::string::npos) {
    return body >= std::strtoul(headers.c_str() + length + 15, nullptr, 10);
  }
  if (headers.find("chunked") != std::string::npos) {
    return reply.size() >= 5 && reply.compare(reply.size() - 5, 5, "0\r\n\r\n") == 0;
  }
  return false;  // the body ends when the printer closes the connection
}

}  // namespace

void IppSupplies::hopper_level(int cards) {
  get("/media?size0=om_cr80_53.98x85.6mm&level0=" +
      std::to_string(std::clamp(cards, 0, kTrayCapacity)));
}

void IppSupplies::ribbon_level(int percent) {
  // Both supplies at once (ippeveprinter refuses a form with one of them): the waste
  // receptacle (card-printer.attrs' first supply) stays empty, the ribbon is the second.
  get("/supplies?supply0=0&supply1=" + std::to_string(std::clamp(percent, 0, 100)));
}

void IppSupplies::get(const std::string& target) {
  if (host_.empty()) return;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host_.c_str(), std::to_string(port_).c_str(), &hints, &found) != 0) return;
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd >= 0 && ::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return;
  // ippeveprinter checks the Host: header (localhost is accepted).
  const std::string request = "GET " + target +
                              " HTTP/1.0\r\nHost: localhost:" + std::to_string(port_) +
                              "\r\nConnection: close\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
      static_cast<ssize_t>(request.size())) {
    // Read the answer to its end (the printer has applied the form by then). The
    // printer keeps the connection open after it: stop at the end of the body.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    std::string reply;
    char buffer[4096];
    while (!response_complete(reply)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      pollfd p{fd, POLLIN, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0) break;
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      reply.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
}

}  // namespace ektp::printersim
