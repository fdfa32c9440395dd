#include "drivers/printer/sim_card_transport.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>
#include <thread>

#include "drivers/printer/printer_messages.hpp"

namespace ektp::printer {

namespace {

using Clock = std::chrono::steady_clock;

Error unreachable(const std::filesystem::path& socket, const std::string& why) {
  return fail("printer.unreachable",
              texts::say(texts::transport_unreachable, why, socket.string()));
}

/// Closes a descriptor on every path out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

/// One line out, one line back, within `deadline`.
Result<std::string> exchange(const std::filesystem::path& socket, const std::string& line,
                             Clock::time_point deadline) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket.string();
  if (path.empty() || path.size() >= sizeof address.sun_path) {
    return unreachable(socket, texts::say(texts::transport_path_too_long));
  }
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  Fd fd{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (fd.fd < 0 ||
      ::connect(fd.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return unreachable(socket, std::strerror(errno));
  }
  const std::string out = line + "\n";
  std::size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::send(fd.fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return unreachable(socket, texts::say(texts::transport_broke));
    sent += static_cast<std::size_t>(n);
  }
  std::string input;
  for (;;) {
    const auto newline = input.find('\n');
    if (newline != std::string::npos) return input.substr(0, newline);
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return unreachable(socket, texts::say(texts::transport_timeout));
    pollfd p{fd.fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return unreachable(socket, texts::say(texts::transport_timeout));
    char buffer[1024];
    const ssize_t n = ::recv(fd.fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return unreachable(socket, texts::say(texts::transport_closed));
    input.append(buffer, static_cast<std::size_t>(n));
  }
}

bool yes(const std::map<std::string, std::string>& values, const std::string& key) {
  auto it = values.find(key);
  return it != values.end() && it->second == "yes";
}

}  // namespace

SimCardTransport::SimCardTransport(std::filesystem::path socket, std::chrono::milliseconds timeout)
    : socket_(std::move(socket)), timeout_(timeout) {}

Result<std::string> SimCardTransport::request(const std::string& line) {
  auto answer = exchange(socket_, line, Clock::now() + timeout_);
  if (!answer) return answer.error();
  const std::string& text = *answer;
  if (text == "ok") return std::string{};
  if (text.rfind("ok ", 0) == 0) return text.substr(3);
  if (text.rfind("err ", 0) == 0) {
    // "err <code> <message for people>"
    const std::string rest = text.substr(4);
    const auto space = rest.find(' ');
    if (space != std::string::npos && rest.rfind("printer.", 0) == 0) {
      return fail(rest.substr(0, space), rest.substr(space + 1));
    }
    return fail("printer.refused", rest);
  }
  return unreachable(socket_, texts::say(texts::transport_unreadable));
}

Result<void> SimCardTransport::feed() {
  auto answer = request("feed");
  if (!answer) return answer.error();
  return ok();
}

Result<void> SimCardTransport::eject() {
  // A card being printed leaves by itself when the print ends: wait for it, bounded.
  const auto deadline = Clock::now() + timeout_;
  for (;;) {
    auto answer = request("eject");
    if (answer) return ok();
    if (answer.error().code != "printer.printing" || Clock::now() > deadline) {
      return answer.error();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Result<void> SimCardTransport::reject() {
  auto answer = request("reject");
  if (!answer) return answer.error();
  return ok();
}

Result<TransportStatus> SimCardTransport::status() {
  auto answer = request("status");
  if (!answer) return answer.error();
  return parse_transport_status(*answer);
}

Result<TransportStatus> parse_transport_status(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    const auto eq = word.find('=');
    if (eq != std::string::npos) values[word.substr(0, eq)] = word.substr(eq + 1);
  }
  TransportStatus s;
  try {
    s.hopper_level = std::stoi(values.at("hopper"));
    s.ribbon_percent = std::stoi(values.at("ribbon"));
    s.card_counter = std::stoull(values.at("counter"));
  } catch (const std::exception&) {
    return fail("printer.refused", texts::say(texts::transport_status_unreadable));
  }
  s.hopper_empty = s.hopper_level == 0;
  s.hopper_low = yes(values, "hopper_low");
  s.reject_bin_full = yes(values, "reject_full");
  s.card_in_encoder = yes(values, "at_encoder");
  s.card_in_path = yes(values, "in_path");
  s.jammed = yes(values, "jammed");
  s.cover_open = yes(values, "cover_open");
  return s;
}

}  // namespace ektp::printer
