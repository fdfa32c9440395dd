// The permit service's socket (drivers/printer/permit_service.hpp) with the gate's
// client (tools/gate/permit_client.hpp): a granted face arrives whole, a permit works
// once, a peer that is not root or lp is refused before anything is asked, a request
// that cannot be read is refused, no service means "unreachable".
#include <doctest/doctest.h>

#include <grp.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/permit_service.hpp"
#include "tests/support/require_ok.hpp"
#include "tools/gate/permit_client.hpp"

using namespace ektp;
using namespace std::chrono_literals;
namespace permit = ektp::printer::permit;
namespace fs = std::filesystem;

namespace {

/// One permit for attempt 42; counts the calls.
struct FakeAuthority : printer::PermitAuthority {
  std::mutex m;
  permit::Token valid{};
  bool used = false;
  int calls = 0;
  int last_job = 0;
  std::vector<std::uint8_t> face;

  Result<std::vector<std::uint8_t>> redeem(std::int64_t attempt_id, const permit::Token& token,
                                           int cups_job_id) override {
    std::lock_guard g(m);
    ++calls;
    if (attempt_id != 42 || token != valid || used) return fail("permit.refused", "no permit");
    used = true;
    last_job = cups_job_id;
    return face;
  }
  int call_count() {
    std::lock_guard g(m);
    return calls;
  }
};

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ektp-permit-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
    // Others must reach the socket so that the peer check, not the file mode, refuses them.
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct Service {
  TempDir dir;
  FakeAuthority authority;
  std::unique_ptr<printer::PermitServer> server;
  std::string socket = (dir.path / "gate.sock").string();

  Service() {
    for (std::size_t i = 0; i < authority.valid.size(); ++i)
      authority.valid[i] = static_cast<std::uint8_t>(i * 13 + 1);
    authority.face.resize(3 * 1024 * 1024 + 17);  // larger than any socket buffer
    for (std::size_t i = 0; i < authority.face.size(); ++i)
      authority.face[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
    printer::PermitServerOptions options;
    options.socket_path = socket;
    options.io_timeout = 2000ms;
    auto started = printer::PermitServer::start(authority, options);
    REQUIRE_OK(started);
    server = std::move(started).value();
    ::chmod(socket.c_str(), 0666);
  }
  permit::RedeemRequest request(int job = 7) const { return {42, job, authority.valid}; }
};

/// Connects to `socket` as uid/gid in a child process, sends `line` and returns what
/// the service answered (the first 64 bytes at most).
std::string ask_as(uid_t uid, gid_t gid, const std::string& socket, const std::string& line) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // Only system calls here (the parent has threads).
    ::close(out[0]);
    if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) ::_exit(2);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, socket.c_str(), socket.size() + 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) ::_exit(3);
    // The service may answer and close before reading: no SIGPIPE.
    (void)!::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
    char buf[64];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) (void)!::write(out[1], buf, static_cast<std::size_t>(n));
    ::_exit(0);
  }
  ::close(out[1]);
  std::string answer;
  char buf[64];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;)
    answer.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), "child failed: " << status);
  return answer;
}

/// A raw connection from this process: send `line`, return the whole answer.
std::string ask(const std::string& socket, const std::string& line) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket.c_str(), socket.size() + 1);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  (void)!::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
  std::string answer;
  char buf[256];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    answer.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return answer;
}

}  // namespace

TEST_CASE("a valid permit gives the whole face once; the second time it is refused") {
  Service s;
  auto face = gate::redeem(s.socket, s.request(7), 5s);
  REQUIRE_OK(face);
  CHECK(*face == s.authority.face);
  CHECK(s.authority.last_job == 7);
  auto again = gate::redeem(s.socket, s.request(8), 5s);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "gate.refused");
  CHECK(again.error().message.find(permit::token_hex(s.authority.valid)) == std::string::npos);
  CHECK(s.authority.call_count() == 2);
}

TEST_CASE("a wrong token is refused and leaves the permit usable") {
  Service s;
  auto wrong = s.request();
  wrong.token[0] ^= 1;
  auto refused = gate::redeem(s.socket, wrong, 5s);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "gate.refused");
  CHECK_OK(gate::redeem(s.socket, s.request(), 5s));
}

TEST_CASE("a peer that is not root or lp is refused before the permit is asked") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: needs root to run a client as another user");
    return;
  }
  Service s;
  const passwd* nobody = ::getpwnam("nobody");
  REQUIRE(nobody != nullptr);
  const std::string line = permit::format_request(s.request());
  CHECK(ask_as(nobody->pw_uid, nobody->pw_gid, s.socket, line) == "REFUSED peer\n");
  CHECK(s.authority.call_count() == 0);
  CHECK_FALSE(s.authority.used);

  // The lp user (cupsd runs non-root backends as lp) is served.
  const passwd* lp = ::getpwnam("lp");
  REQUIRE(lp != nullptr);
  const std::string answer = ask_as(lp->pw_uid, lp->pw_gid, s.socket, line);
  CHECK(answer.rfind("OK " + std::to_string(s.authority.face.size()) + "\n", 0) == 0);
  CHECK(s.authority.used);
}

TEST_CASE("a request that cannot be read is refused without asking the authority") {
  Service s;
  CHECK(ask(s.socket, "HELLO\n") == "REFUSED malformed\n");
  CHECK(ask(s.socket, std::string(1000, 'R')) == "REFUSED malformed\n");
  // A caller that connects and says nothing holds the service only until its timeout.
  {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, s.socket.c_str(), s.socket.size() + 1);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    CHECK_OK(gate::redeem(s.socket, s.request(), 10s));
    ::close(fd);
  }
  CHECK(s.authority.call_count() == 1);
}

TEST_CASE("no service: unreachable; a second service on a live socket is refused") {
  TempDir dir;
  const auto socket = (dir.path / "none.sock").string();
  auto none = gate::redeem(socket, {42, 1, permit::Token{}}, 2s);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().code == "gate.unreachable");

  Service s;
  FakeAuthority other;
  printer::PermitServerOptions options;
  options.socket_path = s.socket;
  auto second = printer::PermitServer::start(other, options);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == "permit.socket");
  CHECK_OK(gate::redeem(s.socket, s.request(), 5s));  // the first still serves

  const auto path = s.socket;
  s.server.reset();
  CHECK_FALSE(fs::exists(path));
}
