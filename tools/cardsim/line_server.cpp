#include "tools/cardsim/line_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <vector>

namespace ektp::cardsim::io {

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::chrono::seconds kAnswerTimeout{5};

struct Client {
  UniqueFd fd;
  std::string input;
};

/// True when a server answers on `address` (a live process owns the path).
bool someone_listens(const sockaddr_un& address) {
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  return probe &&
         ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

bool send_line(int fd, std::string line, int wake_fd) {
  line += '\n';
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(line.data());
  return write_all(fd, {bytes, line.size()}, wake_fd, kAnswerTimeout) == Io::ok;
}

}  // namespace

Result<std::unique_ptr<LineServer>> LineServer::listen(const std::filesystem::path& path,
                                                       std::string_view error_code,
                                                       std::string_view owner) {
  const auto error = [&](const std::string& what) {
    return fail(std::string(error_code),
                "cannot open the control socket " + path.string() + ": " + what);
  };
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.empty() || text.size() >= sizeof address.sun_path) {
    return error("the path must be 1 to " + std::to_string(sizeof address.sun_path - 1) +
                 " characters long; choose a shorter one");
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);

  struct stat existing {};
  if (::lstat(text.c_str(), &existing) == 0) {
    if (!S_ISSOCK(existing.st_mode)) {
      return error("a file that is not a socket is in the way; choose another path");
    }
    if (someone_listens(address)) {
      return error("another " + std::string(owner) + " is serving it; stop that one first");
    }
    ::unlink(text.c_str());  // stale, left by a process that died
  }

  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return error(errno_text(errno));
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return error(errno_text(errno));
  }
  // Owner only, before listen(): nobody can connect before the mode is right.
  if (::chmod(text.c_str(), 0600) != 0 || ::listen(fd.get(), 16) != 0) {
    Error failed = error(errno_text(errno));
    ::unlink(text.c_str());
    return failed;
  }
  return std::unique_ptr<LineServer>(new LineServer(path, std::move(fd)));
}

LineServer::~LineServer() {
  listener_.reset();
  ::unlink(path_.c_str());
}

void LineServer::run(const Handler& handler, int wake_fd, int stop_fd,
                     std::string_view too_long_answer) {
  std::list<Client> clients;
  bool quit = false;
  while (!quit) {
    std::vector<pollfd> fds;
    fds.push_back({wake_fd, POLLIN, 0});  // poll ignores a negative fd
    fds.push_back({stop_fd, POLLIN, 0});
    fds.push_back({listener_.get(), POLLIN, 0});
    for (const Client& client : clients) fds.push_back({client.fd.get(), POLLIN, 0});

    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents || fds[1].revents) return;
    if (fds[2].revents & POLLIN) {
      UniqueFd accepted(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
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
      const ssize_t n = ::recv(it->fd.get(), buffer, sizeof buffer, 0);
      if (n > 0) {
        it->input.append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        keep = false;
      }
      std::size_t newline;
      while (keep && !quit && (newline = it->input.find('\n')) != std::string::npos) {
        LineReply reply = handler(std::string_view(it->input).substr(0, newline));
        it->input.erase(0, newline + 1);
        quit = reply.quit;
        keep = reply.answer && send_line(it->fd.get(), std::move(*reply.answer), wake_fd);
      }
      if (keep && it->input.size() > kMaxLine) {
        if (!too_long_answer.empty()) {
          std::string answer = std::string(too_long_answer) + '\n';
          [[maybe_unused]] auto sent =
              ::send(it->fd.get(), answer.data(), answer.size(), MSG_NOSIGNAL);
        }
        keep = false;
      }
      it = keep ? std::next(it) : clients.erase(it);
    }
  }
}

}  // namespace ektp::cardsim::io
