#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <list>
#include <vector>

#include "tools/printersim/control.hpp"

namespace ektp::printersim {

namespace io = cardsim::io;

namespace {

constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::chrono::seconds kAnswerTimeout{5};

Error listen_error(const std::filesystem::path& path, const std::string& what) {
  return fail("printersim.listen", "cannot open the control socket " + path.string() + ": " + what);
}

struct Client {
  io::UniqueFd fd;
  std::string input;
};

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::listen(const std::filesystem::path& path,
                                                             Printer& printer) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string text = path.string();
  if (text.empty() || text.size() >= sizeof address.sun_path) {
    return listen_error(path, "the path is empty or too long; choose a shorter one");
  }
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  struct stat existing {};
  if (::lstat(text.c_str(), &existing) == 0) {
    if (!S_ISSOCK(existing.st_mode))
      return listen_error(path, "a file that is not a socket is there");
    io::UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (probe &&
        ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
      return listen_error(path, "another printer simulator is serving it; stop that one first");
    }
    ::unlink(text.c_str());
  }
  io::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return listen_error(path, io::errno_text(errno));
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return listen_error(path, io::errno_text(errno));
  }
  if (::chmod(text.c_str(), 0600) != 0 || ::listen(fd.get(), 16) != 0) {
    Error error = listen_error(path, io::errno_text(errno));
    ::unlink(text.c_str());
    return error;
  }
  return std::unique_ptr<ControlServer>(new ControlServer(path, std::move(fd), printer));
}

ControlServer::~ControlServer() {
  listener_.reset();
  ::unlink(path_.c_str());
}

void ControlServer::run(int stop_fd) {
  std::list<Client> clients;
  bool quit = false;
  while (!quit) {
    std::vector<pollfd> fds;
    fds.push_back({stop_fd, POLLIN, 0});  // poll ignores a negative fd
    fds.push_back({listener_.get(), POLLIN, 0});
    for (const Client& client : clients) fds.push_back({client.fd.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents) return;
    if (fds[1].revents & POLLIN) {
      io::UniqueFd accepted(
          ::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
      if (accepted) clients.push_back(Client{std::move(accepted), {}});
    }
    std::size_t index = 2;
    for (auto it = clients.begin(); it != clients.end(); ++index) {
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
        auto reply = execute_line(printer_, std::string_view(it->input).substr(0, newline), quit);
        it->input.erase(0, newline + 1);
        if (!reply) {
          keep = false;  // dead: hang up without a word
          break;
        }
        *reply += '\n';
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(reply->data());
        keep =
            io::write_all(it->fd.get(), {bytes, reply->size()}, -1, kAnswerTimeout) == io::Io::ok;
      }
      if (keep && it->input.size() > kMaxLine) keep = false;
      it = keep ? std::next(it) : clients.erase(it);
    }
  }
}

}  // namespace ektp::printersim
