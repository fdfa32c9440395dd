#include "tools/cardsim/control_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

#include "tools/cardsim/control_protocol.hpp"

namespace ektp::cardsim {

Result<ControlClient> ControlClient::connect(const std::filesystem::path& path,
                                             std::chrono::milliseconds answer_timeout) {
  auto unreachable = [&](const std::string& why) {
    return fail("cardsim.control.unreachable",
                "cannot reach the card simulator at " + path.string() + ": " + why +
                    "; is `ektp-cardsim serve --control " + path.string() + "` running?");
  };
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.empty() || text.size() >= sizeof address.sun_path) {
    return unreachable("the path is empty or too long");
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  io::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return unreachable(io::errno_text(errno));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return unreachable(io::errno_text(errno));
  }
  if (!io::set_nonblocking(fd.get())) return unreachable(io::errno_text(errno));
  return ControlClient(std::move(fd), path, answer_timeout);
}

Result<std::string> ControlClient::request(std::string_view command) {
  if (command.find('\n') != std::string_view::npos) {
    return fail("cardsim.control.bad_command", "a control command is one line: remove the newline");
  }
  std::string line(command);
  line += '\n';
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(line.data());
  io::Io sent = io::write_all(fd_.get(), {bytes, line.size()}, -1, timeout_);
  if (sent != io::Io::ok) {
    return fail("cardsim.control.io", "the card simulator at " + path_.string() +
                                          " closed the control connection; is it still running?");
  }

  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  std::size_t newline;
  while ((newline = input_.find('\n')) == std::string::npos) {
    auto rest = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline - std::chrono::steady_clock::now());
    if (rest.count() <= 0 || io::wait_for(fd_.get(), POLLIN, -1, rest) == io::Io::timeout) {
      return fail("cardsim.control.timeout", "the card simulator did not answer \"" +
                                                 std::string(command) + "\" within " +
                                                 std::to_string(timeout_.count()) + " ms");
    }
    char buffer[4096];
    ssize_t n = ::recv(fd_.get(), buffer, sizeof buffer, 0);
    if (n > 0) {
      input_.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      return fail("cardsim.control.io", "the card simulator at " + path_.string() +
                                            " closed the control connection before answering");
    }
  }
  std::string answer = input_.substr(0, newline);
  input_.erase(0, newline + 1);
  return parse_answer(answer);
}

Result<std::string> control_request(const std::filesystem::path& path, std::string_view command) {
  auto client = ControlClient::connect(path);
  if (!client) return client.error();
  return client->request(command);
}

}  // namespace ektp::cardsim
