// The control socket end to end: a ControlServer on a temp-dir socket, a
// ControlClient, a real Card in the Slot and a fake vpcd as the reader.

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/unit/cardsim_link/fake_vpcd.hpp"
#include "tools/cardsim/control_client.hpp"
#include "tools/cardsim/control_server.hpp"
#include "tools/cardsim/slot.hpp"

namespace ektp::cardsim {
namespace {

namespace fs = std::filesystem;
using test::eventually;
using test::FakeVpcd;
using namespace std::chrono_literals;

const Bytes kGetCplc = {0x80, 0xCA, 0x9F, 0x7F, 0x00};
// CREATE FILE: transparent EF 0102, 16 bytes, SFI 2, life cycle 03 (initialisation).
// (Not SFI 1: an extended-length blank has EF.ATR/INFO 2F01 with SFI 1 in the MF.)
const Bytes kCreateEf = {0x00, 0xE0, 0x00, 0x00, 0x13, 0x62, 0x11, 0x80, 0x02, 0x00, 0x10, 0x82,
                         0x01, 0x01, 0x83, 0x02, 0x01, 0x02, 0x88, 0x01, 0x10, 0x8A, 0x01, 0x03};
const Bytes kUpdate = {0x00, 0xD6, 0x00, 0x00, 0x03, 0x01, 0x02, 0x03};

std::uint16_t sw_of(const Bytes& response) {
  REQUIRE(response.size() >= 2);
  return static_cast<std::uint16_t>(response[response.size() - 2] << 8 | response.back());
}

struct TempDir {
  TempDir() {
    char pattern[] = "/tmp/ektp-cardsim-link-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    path = pattern;
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

/// A simulator with its control socket served on a thread.
struct Simulator {
  Simulator() : slot(vpcd.endpoint()) {
    auto listening = ControlServer::listen(socket, slot);
    REQUIRE_MESSAGE(listening.ok(), listening.error().message);
    server = std::move(*listening);
    thread = std::thread([this] { server->run(); });
  }
  ~Simulator() {
    server->request_stop();
    thread.join();
  }

  /// The answer text of an `ok`; fails the test on `err`.
  std::string ok(std::string_view command) {
    auto answer = control_request(socket, command);
    REQUIRE_MESSAGE(answer.ok(), (std::string(command) + ": " + answer.error().message));
    return *answer;
  }
  /// The message of an `err`; fails the test on `ok`.
  std::string err(std::string_view command) {
    auto answer = control_request(socket, command);
    REQUIRE_MESSAGE(!answer.ok(), (std::string(command) + " was accepted"));
    CHECK(answer.error().code == "cardsim.control.refused");
    return answer.error().message;
  }

  /// `insert`, then the fake reader accepts the card and powers it on.
  void insert_and_power_on() {
    ok("insert");
    REQUIRE(vpcd.accept());
    vpcd.send({0x01});
  }

  TempDir dir;
  fs::path socket = dir.path / "control";
  FakeVpcd vpcd;
  Slot slot;
  std::unique_ptr<ControlServer> server;
  std::thread thread;
};

TEST_CASE("the control socket is private and goes away with the server") {
  fs::path path;
  {
    Simulator sim;
    path = sim.socket;
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK(S_ISSOCK(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);

    Slot other(sim.vpcd.endpoint());
    auto second = ControlServer::listen(path, other);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message.find("another card simulator") != std::string::npos);
    CHECK(fs::exists(path));  // the live server's socket was left alone
  }
  CHECK_FALSE(fs::exists(path));
  auto gone = control_request(path, "status");
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().code == "cardsim.control.unreachable");
}

TEST_CASE("without a card in hand, card commands are refused with a way out") {
  Simulator sim;
  CHECK(sim.ok("status") == "card=no inserted=no connected=no muted=no torn=no");
  for (auto command : {"insert", "counters", "save /tmp/x", "files", "fault tear_at 1"}) {
    CAPTURE(command);
    CHECK(sim.err(command).find("no card in hand") != std::string::npos);
  }
  CHECK(sim.err("bogus").find("unknown command") != std::string::npos);
  CHECK(sim.err("new capacity=lots").size() > 10);  // parse_config says what is wrong
  CHECK(sim.err("fault explode").size() > 10);
  CHECK(sim.err("load " + (sim.dir.path / "missing.img").string()).size() > 10);
  CHECK(sim.ok("help").find("insert") != std::string::npos);
}

TEST_CASE("a card inserted through the control socket answers the reader and counts") {
  Simulator sim;
  sim.ok("new");
  CHECK(sim.ok("status") == "card=yes inserted=no connected=no muted=no torn=no");
  sim.insert_and_power_on();
  CHECK(eventually([&] { return sim.ok("status").find("connected=yes") != std::string::npos; }));

  auto cplc = sim.vpcd.exchange(kGetCplc);
  REQUIRE(cplc.status == io::Io::ok);
  CHECK(sw_of(cplc.payload) == 0x9000);
  CHECK(sim.ok("counters").find("sessions=1 apdus=1 ") == 0);

  REQUIRE(sw_of(sim.vpcd.exchange(kCreateEf).payload) == 0x9000);
  REQUIRE(sw_of(sim.vpcd.exchange(kUpdate).payload) == 0x9000);
  CHECK(sim.ok("files").find("3F00/0102:16:03:02") != std::string::npos);
  CHECK(sim.ok("read 3F00/0102").find("010203") == 0);
  CHECK(sim.err("read 3F00/0202").find("no elementary file") != std::string::npos);

  CHECK(sim.err("new").find("remove") != std::string::npos);  // no swapping a card in the field
  sim.ok("reset_counters");
  CHECK(sim.ok("counters").find("sessions=0 apdus=0 ") == 0);

  sim.ok("remove");
  CHECK(sim.vpcd.receive().status == io::Io::closed);
  CHECK(sim.ok("status") == "card=yes inserted=no connected=no muted=no torn=no");
}

TEST_CASE("an armed tear drops the connection and the slot says so") {
  Simulator sim;
  sim.ok("new");
  sim.insert_and_power_on();
  sim.ok("fault tear_at 2");
  CHECK(sw_of(sim.vpcd.exchange(kGetCplc).payload) == 0x9000);
  CHECK(sim.vpcd.exchange(kGetCplc).status == io::Io::closed);
  CHECK(eventually([&] { return sim.ok("status").find("connected=no") != std::string::npos; }));
  CHECK(sim.ok("status") == "card=yes inserted=no connected=no muted=no torn=yes");
  CHECK(sim.ok("counters").find("tears=1") != std::string::npos);

  sim.ok("insert");  // put back on the reader
  REQUIRE(sim.vpcd.accept());
  sim.vpcd.send({0x01});
  CHECK(sw_of(sim.vpcd.exchange(kGetCplc).payload) == 0x9000);
}

TEST_CASE("a mute card stays mute through the reader's resets until it is removed") {
  Simulator sim;
  sim.ok("new");
  sim.insert_and_power_on();
  sim.ok("fault mute_at 1");
  sim.vpcd.send(kGetCplc);
  REQUIRE(eventually([&] { return sim.ok("status").find("muted=yes") != std::string::npos; }));
  CHECK(sim.ok("status") == "card=yes inserted=yes connected=yes muted=yes torn=no");

  // pcscd resets the card and powers it off and on: it stays mute.
  sim.vpcd.send({0x02});
  sim.vpcd.send({0x00});
  sim.vpcd.send({0x01});
  sim.vpcd.send(kGetCplc);
  auto atr = sim.vpcd.exchange({0x04});  // the first message back: no CPLC was answered
  REQUIRE(atr.status == io::Io::ok);
  REQUIRE_FALSE(atr.payload.empty());
  CHECK(atr.payload[0] == 0x3B);
  CHECK(sim.ok("counters").find("apdus=2 ") != std::string::npos);
  CHECK(sim.ok("status").find("muted=yes") != std::string::npos);

  // Taken out of the field it recovers; put back, it answers.
  sim.ok("remove");
  CHECK(sim.vpcd.receive().status == io::Io::closed);
  CHECK(sim.ok("status") == "card=yes inserted=no connected=no muted=no torn=no");
  sim.insert_and_power_on();
  CHECK(sw_of(sim.vpcd.exchange(kGetCplc).payload) == 0x9000);
}

TEST_CASE("save and load give back the same card; the trace is written") {
  Simulator sim;
  fs::path image = sim.dir.path / "card.img";
  fs::path trace = sim.dir.path / "trace.txt";
  sim.ok("new capacity=32768 ext_max=1024");
  sim.ok("trace " + trace.string());
  // A new trace file is private: it shows every byte written to the card.
  struct stat info {};
  REQUIRE(::stat(trace.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  sim.insert_and_power_on();
  REQUIRE(sw_of(sim.vpcd.exchange(kCreateEf).payload) == 0x9000);
  REQUIRE(sw_of(sim.vpcd.exchange(kUpdate).payload) == 0x9000);
  sim.ok("save " + image.string());
  sim.ok("remove");
  sim.ok("trace off");

  std::ifstream traced(trace);
  std::string text((std::istreambuf_iterator<char>(traced)), std::istreambuf_iterator<char>());
  CHECK(text.find("D6") != std::string::npos);  // the UPDATE BINARY is in it

  sim.ok("new");
  CHECK(sim.ok("files").find("0102") == std::string::npos);
  sim.ok("load " + image.string() + " capacity=32768 ext_max=1024");
  CHECK(sim.ok("files").find("3F00/0102:16:03:02") != std::string::npos);
  CHECK(sim.ok("read 3F00/0102").find("010203") == 0);
}

TEST_CASE("quit ends the server's loop") {
  TempDir dir;
  FakeVpcd vpcd;
  Slot slot(vpcd.endpoint());
  auto server = ControlServer::listen(dir.path / "control", slot);
  REQUIRE(server.ok());
  std::thread thread([&] { (*server)->run(); });
  auto client = ControlClient::connect(dir.path / "control");
  REQUIRE(client.ok());
  CHECK(client->request("status").ok());  // one connection, several commands
  CHECK(client->request("quit").ok());
  thread.join();
  CHECK((*server)->quit_requested());
}

}  // namespace
}  // namespace ektp::cardsim
