#include "drivers/printer/permit_service.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <thread>

#include "drivers/common/log.hpp"
#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/printer_messages_permit.hpp"

namespace ektp::printer {

namespace {

using Clock = std::chrono::steady_clock;

int ms_left(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(std::min<long long>(left, 60'000)) : 0;
}

// Waits for `events` on fd until the deadline; false on timeout or error.
bool wait_fd(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, ms_left(deadline));
    if (n > 0) return true;
    if (n == 0 || errno != EINTR) return false;
  }
}

// Sends all of `data` (MSG_NOSIGNAL: a caller that went away is an error, not SIGPIPE).
bool send_all(int fd, const std::uint8_t* data, std::size_t size, Clock::time_point deadline) {
  while (size > 0) {
    if (!wait_fd(fd, POLLOUT, deadline)) return false;
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool send_text(int fd, std::string_view text, Clock::time_point deadline) {
  return send_all(fd, reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), deadline);
}

// Reads one line ('\n' included) of at most `max` bytes; empty on timeout, EOF or overflow.
std::string read_line(int fd, std::size_t max, Clock::time_point deadline) {
  std::string line;
  char c = 0;
  while (line.size() < max) {
    if (!wait_fd(fd, POLLIN, deadline)) return {};
    const ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return {};
    line.push_back(c);
    if (c == '\n') return line;
  }
  ::explicit_bzero(line.data(), line.size());
  return {};
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

PeerRule PeerRule::root_and_lp() {
  PeerRule rule;
  rule.uids.push_back(0);
  if (const passwd* pw = ::getpwnam("lp")) rule.uids.push_back(pw->pw_uid);
  if (const group* gr = ::getgrnam("lp")) rule.gids.push_back(gr->gr_gid);
  return rule;
}

bool PeerRule::allows(uid_t uid, gid_t gid) const {
  return std::find(uids.begin(), uids.end(), uid) != uids.end() ||
         std::find(gids.begin(), gids.end(), gid) != gids.end();
}

struct PermitServer::Impl {
  PermitAuthority& authority;
  PermitServerOptions options;
  int listen_fd = -1;
  int wake[2] = {-1, -1};
  std::thread thread;
  log::Logger log{"print-permit"};

  Impl(PermitAuthority& a, PermitServerOptions o) : authority(a), options(std::move(o)) {}
  ~Impl() {
    for (int fd : {listen_fd, wake[0], wake[1]})
      if (fd >= 0) ::close(fd);
  }

  void run() {
    for (;;) {
      pollfd p[2] = {{listen_fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
      if (::poll(p, 2, -1) < 0) {
        if (errno == EINTR) continue;
        log.error(permit_texts::say(permit_texts::service_poll_failed, errno_text()));
        return;
      }
      if (p[1].revents != 0) return;
      if (p[0].revents == 0) continue;
      const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;  // the caller went away, or EINTR
      serve(fd);
      ::close(fd);
    }
  }

  void serve(int fd) {
    const auto deadline = Clock::now() + options.io_timeout;
    ucred peer{};
    socklen_t len = sizeof peer;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 ||
        !options.peers.allows(peer.uid, peer.gid)) {
      log.warning(permit_texts::say(permit_texts::peer_refused, peer.uid, peer.gid, peer.pid));
      (void)send_text(fd, permit::format_refused(permit::Refusal::peer), deadline);
      return;
    }
    std::string line = read_line(fd, permit::kMaxRequestBytes, deadline);
    auto request = permit::parse_request(line);
    ::explicit_bzero(line.data(), line.size());
    if (!request) {
      log.warning(
          permit_texts::say(permit_texts::request_unreadable, peer.pid, request.error().code));
      (void)send_text(fd, permit::format_refused(permit::Refusal::malformed), deadline);
      return;
    }
    const std::string what =
        permit_texts::say(permit_texts::attempt_and_job, request->attempt_id, request->cups_job_id);
    auto face = authority.redeem(request->attempt_id, request->token, request->cups_job_id);
    ::explicit_bzero(request->token.data(), request->token.size());
    if (!face) {
      const bool refused = face.error().code == "permit.refused";
      if (refused)
        log.notice(permit_texts::say(permit_texts::no_valid_permit_logged, what));
      else
        log.error(permit_texts::say(permit_texts::permit_check_failed, what, face.error().code,
                                    face.error().message));
      (void)send_text(
          fd,
          permit::format_refused(refused ? permit::Refusal::permit : permit::Refusal::unavailable),
          deadline);
      return;
    }
    auto& bytes = *face;
    // The permit is used from here on: a face that does not reach the backend leaves
    // the attempt in doubt (never printed twice), which is the safe side.
    bool sent = false;
    if (bytes.empty() || bytes.size() > permit::kMaxFaceBytes) {
      log.error(permit_texts::say(permit_texts::face_bad_size, what, bytes.size()));
      (void)send_text(fd, permit::format_refused(permit::Refusal::unavailable), deadline);
    } else {
      // Each write has its own bound: a large face may take longer than one timeout.
      sent = send_text(fd, permit::format_granted(bytes.size()), deadline) &&
             send_all(fd, bytes.data(), bytes.size(), Clock::now() + options.io_timeout);
      if (sent)
        log.info(permit_texts::say(permit_texts::face_sent, what, bytes.size()));
      else
        log.error(permit_texts::say(permit_texts::face_not_sent, what, errno_text()));
    }
    ::explicit_bzero(bytes.data(), bytes.size());
  }
};

PermitServer::PermitServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

PermitServer::~PermitServer() {
  if (!impl_) return;
  const char stop = 1;
  (void)!::write(impl_->wake[1], &stop, 1);
  if (impl_->thread.joinable()) impl_->thread.join();
  ::unlink(impl_->options.socket_path.c_str());
}

const std::string& PermitServer::socket_path() const { return impl_->options.socket_path; }

Result<std::unique_ptr<PermitServer>> PermitServer::start(PermitAuthority& authority,
                                                          PermitServerOptions options) {
  auto impl = std::make_unique<Impl>(authority, std::move(options));
  const std::string& path = impl->options.socket_path;
  auto socket_error = [&](const std::string& what) {
    return fail("permit.socket",
                permit_texts::say(permit_texts::socket_failed, what, path, errno_text()));
  };
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) {
    errno = ENAMETOOLONG;
    return socket_error(permit_texts::say(permit_texts::socket_use_path));
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  impl->listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (impl->listen_fd < 0) return socket_error(permit_texts::say(permit_texts::socket_make));
  // A socket left by a station that died: replace it, unless something still listens.
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) {
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool live =
        probe >= 0 && ::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (probe >= 0) ::close(probe);
    if (live) {
      errno = EADDRINUSE;
      return socket_error(permit_texts::say(permit_texts::socket_in_use));
    }
    ::unlink(path.c_str());
  }
  if (::bind(impl->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return socket_error(permit_texts::say(permit_texts::socket_bind));
  // Only root and lp may connect (the peer check is the real gate; this is the first).
  gid_t group = static_cast<gid_t>(-1);
  if (!impl->options.peers.gids.empty()) group = impl->options.peers.gids.front();
  if (::chmod(path.c_str(), 0660) != 0) {
    const int saved = errno;
    ::unlink(path.c_str());
    errno = saved;
    return socket_error(permit_texts::say(permit_texts::socket_permissions));
  }
  // A service that may not give the socket to group lp (not root, not in lp) still
  // serves root, which is how cupsd runs a gate installed 0700 root.
  if (group != static_cast<gid_t>(-1) && ::chown(path.c_str(), static_cast<uid_t>(-1), group) != 0)
    impl->log.warning(permit_texts::say(permit_texts::socket_no_group, errno_text()));
  if (::listen(impl->listen_fd, 8) != 0 || ::pipe2(impl->wake, O_CLOEXEC) != 0) {
    const int saved = errno;
    ::unlink(path.c_str());
    errno = saved;
    return socket_error(permit_texts::say(permit_texts::socket_listen));
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<PermitServer>(new PermitServer(std::move(impl)));
}

}  // namespace ektp::printer
