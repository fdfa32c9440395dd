// The line server both simulators' control sockets stand on: one answer per line,
// a hang-up when the handler has nothing to say, quit, over-long lines, and what may
// already be at the socket's path.

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tools/cardsim/line_server.hpp"

namespace ektp::cardsim::io {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    char pattern[] = "/tmp/ektp-line-server-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path = pattern;
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

UniqueFd connect_to(const fs::path& path) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  REQUIRE(::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

/// Everything the server sends until it hangs up.
std::string send_and_read_all(int fd, const std::string& text) {
  REQUIRE(::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
  std::string received;
  char buffer[4096];
  ssize_t n;
  while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) received.append(buffer, n);
  return received;
}

/// Echoes "you said X"; "mute" hangs up unanswered; "quit" answers "bye" and stops.
LineReply echo(std::string_view line) {
  if (line == "mute") return {};
  if (line == "quit") return {"bye", true};
  return {"you said " + std::string(line), false};
}

struct Served {
  explicit Served(const fs::path& path, std::string too_long = "err too long") {
    auto listening = LineServer::listen(path, "test.listen", "test server");
    REQUIRE_MESSAGE(listening.ok(), listening.error().message);
    server = std::move(*listening);
    thread = std::thread([this, too_long] { server->run(echo, wake.fd(), -1, too_long); });
  }
  ~Served() {
    wake.signal();
    thread.join();
  }
  Wakeup wake;
  std::unique_ptr<LineServer> server;
  std::thread thread;
};

TEST_CASE("each line gets its answer, in order; quit answers and stops serving") {
  TempDir dir;
  const fs::path socket = dir.path / "ctl";
  auto listening = LineServer::listen(socket, "test.listen", "test server");
  REQUIRE(listening.ok());
  std::thread thread([&] { (*listening)->run(echo, -1, -1, ""); });
  UniqueFd client = connect_to(socket);
  CHECK(send_and_read_all(client.get(), "a\nb c\nquit\nafter\n") ==
        "you said a\nyou said b c\nbye\n");
  thread.join();  // returned by itself: quit
}

TEST_CASE("a handler with nothing to say hangs up; other clients are still served") {
  TempDir dir;
  const fs::path socket = dir.path / "ctl";
  Served served(socket);
  UniqueFd mute = connect_to(socket);
  CHECK(send_and_read_all(mute.get(), "mute\nnever answered\n").empty());
  UniqueFd third = connect_to(socket);
  REQUIRE(::send(third.get(), "x\n", 2, MSG_NOSIGNAL) == 2);
  char buffer[64] = {};
  CHECK(::recv(third.get(), buffer, sizeof buffer, 0) == 11);
  CHECK(std::string(buffer) == "you said x\n");
}

TEST_CASE("a line over 64 KiB gets the too-long answer and the client is dropped") {
  TempDir dir;
  const fs::path socket = dir.path / "ctl";
  SUBCASE("with an answer") {
    Served served(socket);
    UniqueFd client = connect_to(socket);
    CHECK(send_and_read_all(client.get(), std::string(70 * 1024, 'x')) == "err too long\n");
  }
  SUBCASE("without one") {
    Served served(socket, "");
    UniqueFd client = connect_to(socket);
    CHECK(send_and_read_all(client.get(), std::string(70 * 1024, 'x')).empty());
  }
}

TEST_CASE("the socket is the owner's alone and goes with the server") {
  TempDir dir;
  const fs::path socket = dir.path / "ctl";
  {
    Served served(socket);
    CHECK((fs::status(socket).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
  }
  CHECK_FALSE(fs::exists(fs::symlink_status(socket)));
}

TEST_CASE("what is already at the path: a live server, a stale socket, a file") {
  TempDir dir;
  const fs::path socket = dir.path / "ctl";
  {
    Served live(socket);
    auto second = LineServer::listen(socket, "test.listen", "test server");
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().code == "test.listen");
    CHECK(second.error().message.find("another test server is serving it") != std::string::npos);
  }
  {
    // A socket bound by a process that died: nobody listens; it is replaced.
    UniqueFd dead(::socket(AF_UNIX, SOCK_STREAM, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket.c_str(), sizeof address.sun_path - 1);
    REQUIRE(::bind(dead.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    dead.reset();
    REQUIRE(fs::is_socket(socket));
    Served replaced(socket);
    UniqueFd client = connect_to(socket);
    CHECK(send_and_read_all(client.get(), "hi\nquit\n") == "you said hi\nbye\n");
  }
  {
    std::ofstream(dir.path / "file") << "not a socket";
    auto refused = LineServer::listen(dir.path / "file", "test.listen", "test server");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("not a socket") != std::string::npos);
    CHECK(fs::is_regular_file(dir.path / "file"));
  }
  auto too_long = LineServer::listen(dir.path / std::string(120, 'p'), "test.listen", "x");
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().message.find("characters long") != std::string::npos);
}

}  // namespace
}  // namespace ektp::cardsim::io
