#include "tools/cardsim/control_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <list>

#include "tools/cardsim/control_commands.hpp"
#include "tools/cardsim/control_protocol.hpp"

namespace ektp::cardsim {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::chrono::seconds kAnswerTimeout{5};

Error listen_error(const std::filesystem::path& path, const std::string& what) {
  return fail("cardsim.control.listen",
              "cannot open the control socket " + path.string() + ": " + what);
}

/// True when a server answers on `address` (a live simulator owns the path).
bool someone_listens(const sockaddr_un& address) {
  io::UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  return probe &&
         ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

struct Client {
  io::UniqueFd fd;
  std::string input;
};

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::listen(const std::filesystem::path& path,
                                                             Slot& slot) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.empty() || text.size() >= sizeof address.sun_path) {
    return listen_error(path, "the path must be 1 to " +
                                  std::to_string(sizeof address.sun_path - 1) +
                                  " characters long; choose a shorter one");
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);

  struct stat existing {};
  if (::lstat(text.c_str(), &existing) == 0) {
    if (!S_ISSOCK(existing.st_mode)) {
      return listen_error(path, "a file that is not a socket is in the way; choose another path");
    }
    if (someone_listens(address)) {
      return listen_error(path, "another card simulator is serving it; stop that one first");
    }
    ::unlink(text.c_str());  // stale, left by a simulator that died
  }

  io::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return listen_error(path, io::errno_text(errno));
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return listen_error(path, io::errno_text(errno));
  }
  // Owner only, before listen(): nobody can connect before the mode is right.
  if (::chmod(text.c_str(), 0600) != 0 || ::listen(fd.get(), 16) != 0) {
    Error error = listen_error(path, io::errno_text(errno));
    ::unlink(text.c_str());
    return error;
  }
  return std::unique_ptr<ControlServer>(new ControlServer(path, std::move(fd), slot));
}

ControlServer::ControlServer(std::filesystem::path path, io::UniqueFd listener, Slot& slot)
    : path_(std::move(path)), listener_(std::move(listener)), slot_(slot) {}

ControlServer::~ControlServer() {
  listener_.reset();
  ::unlink(path_.c_str());
}

std::string ControlServer::handle(std::string_view line) {
  auto command = parse_control_line(line);
  if (!command) return format_err(command.error().message);
  try {
    auto answer = execute_command(slot_, *command);
    if (!answer) return format_err(answer.error().message);
    if (command->kind == ControlCommand::Kind::quit) quit_ = true;
    return format_ok(*answer);
  } catch (const std::exception& e) {
    // The simulator keeps serving; the caller learns what broke.
    return format_err(std::string("the card simulator failed: ") + e.what());
  }
}

void ControlServer::run(int extra_stop_fd) {
  std::list<Client> clients;
  while (!quit_) {
    std::vector<pollfd> fds;
    fds.push_back({wakeup_.fd(), POLLIN, 0});
    fds.push_back({extra_stop_fd, POLLIN, 0});  // poll ignores a negative fd
    fds.push_back({listener_.get(), POLLIN, 0});
    for (const Client& client : clients) fds.push_back({client.fd.get(), POLLIN, 0});

    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents || fds[1].revents) return;
    if (fds[2].revents & POLLIN) {
      io::UniqueFd accepted(
          ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
      if (accepted) clients.push_back(Client{std::move(accepted), {}});
    }

    std::size_t index = 3;
    for (auto it = clients.begin(); it != clients.end(); ++index) {
      // Clients accepted in this round have no pollfd yet.
      if (index >= fds.size() || fds[index].revents == 0) {
        ++it;
        continue;
      }
      bool keep = true;
      char buffer[4096];
      ssize_t n = ::recv(it->fd.get(), buffer, sizeof buffer, 0);
      if (n > 0) {
        it->input.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        keep = false;
      }
      std::size_t newline;
      while (keep && !quit_ && (newline = it->input.find('\n')) != std::string::npos) {
        std::string answer = handle(std::string_view(it->input).substr(0, newline));
        it->input.erase(0, newline + 1);
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(answer.data());
        keep = io::write_all(it->fd.get(), {bytes, answer.size()}, wakeup_.fd(), kAnswerTimeout) ==
               io::Io::ok;
      }
      if (keep && it->input.size() > kMaxLine) {
        std::string answer = format_err("command line too long");
        [[maybe_unused]] auto sent =
            ::send(it->fd.get(), answer.data(), answer.size(), MSG_NOSIGNAL);
        keep = false;
      }
      it = keep ? std::next(it) : clients.erase(it);
    }
  }
}

}  // namespace ektp::cardsim
