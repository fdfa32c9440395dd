// The ektp-gate executable as cupsd runs it, without cupsd: a copy of the gate beside a
// fake `ipp` backend in a temporary backend directory, the permit service in this
// process. It fails closed (exit 5, the inner backend never started) on every bad input
// and pipes exactly the face into the inner backend, with DEVICE_URI and the content
// types set, when the permit is good.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "drivers/printer/permit_protocol.hpp"
#include "drivers/printer/permit_service.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/require_ok.hpp"

using namespace ektp;
namespace permit = ektp::printer::permit;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct OnePermit : printer::PermitAuthority {
  std::mutex m;
  permit::Token token{};
  bool used = false;
  std::vector<std::uint8_t> face;
  Result<std::vector<std::uint8_t>> redeem(std::int64_t attempt, const permit::Token& t,
                                           int) override {
    std::lock_guard g(m);
    if (attempt != 7 || t != token || used) return fail("permit.refused", "no permit");
    used = true;
    return face;
  }
};

struct Backend {
  fs::path dir;
  fs::path out;
  std::string socket;
  OnePermit authority;
  std::unique_ptr<printer::PermitServer> server;

  explicit Backend(int inner_exit = 0) {
    dir = fs::temp_directory_path() / ("ektp-gate-unit-" + std::to_string(std::random_device()()));
    fs::create_directories(dir / "backend");
    out = dir / "out";
    fs::create_directories(out);
    fs::copy_file(build_gate(), dir / "backend" / "ektp-gate");
    ::chmod((dir / "backend" / "ektp-gate").c_str(), 0700);
    // The fake inner backend records how it was run and what came on its stdin.
    std::ofstream(dir / "backend" / "ipp") << "#!/bin/sh\n"
                                              "printf '%s\\n' \"$#\" \"$@\" > \"$FAKE_OUT/args\"\n"
                                              "printf '%s\\n' \"$DEVICE_URI\" \"$CONTENT_TYPE\" "
                                              "\"$FINAL_CONTENT_TYPE\" > \"$FAKE_OUT/env\"\n"
                                              "cat > \"$FAKE_OUT/stdin\"\n"
                                              "exit "
                                           << inner_exit << "\n";
    ::chmod((dir / "backend" / "ipp").c_str(), 0755);
    for (std::size_t i = 0; i < authority.token.size(); ++i)
      authority.token[i] = static_cast<std::uint8_t>(255 - i);
    authority.face = {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', 0, 1, 2, 0xff, '\n'};
    socket = (dir / "gate.sock").string();
    start();
  }
  ~Backend() {
    server.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static fs::path build_gate() {
    return fs::path(test::build_dir()) / "tools" / "gate" / "ektp-gate";
  }
  void start() {
    printer::PermitServerOptions options;
    options.socket_path = socket;
    auto s = printer::PermitServer::start(authority, options);
    REQUIRE_OK(s);
    server = std::move(s).value();
  }
  std::string placeholder() const { return permit::format_placeholder({7, authority.token}); }

  struct Run {
    int exit = -1;
    std::string err;
    std::string out;
  };
  /// Runs the gate as cupsd would: argv[0] the device URI, the document on stdin (or as
  /// argv[6] when `as_file`).
  Run run(std::vector<std::string> args, const std::string& document, bool as_file = false,
          std::string uri = "ektp-gate:ipp://localhost:8631/ipp/print") {
    if (as_file) {
      std::ofstream(dir / "doc", std::ios::binary) << document;
      args.push_back((dir / "doc").string());
    }
    std::ofstream(dir / "stdin", std::ios::binary) << document;
    std::string cmd = "cd " + dir.string() + " && env -i PATH=/usr/bin:/bin";
    if (!uri.empty()) cmd += " DEVICE_URI='" + uri + "'";
    if (!socket.empty()) cmd += " EKTP_GATE_SOCKET='" + socket + "'";
    cmd += " FAKE_OUT='" + out.string() + "' " + (dir / "backend" / "ektp-gate").string();
    for (const auto& a : args) cmd += " '" + a + "'";
    cmd += " <stdin >stdout 2>stderr";
    Run r;
    const int status = std::system(cmd.c_str());
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(dir / "stderr");
    r.out = read_file(dir / "stdout");
    return r;
  }
  bool inner_ran() const { return fs::exists(out / "stdin"); }
};

// Three copies asked: the gate still sends one face (copies 1 to the inner backend).
const std::vector<std::string> kJob = {"12", "root", "ektp-attempt-7", "3", "media=cr80"};

}  // namespace

TEST_CASE("a good permit: the face is piped into the inner backend, exit 0") {
  for (bool as_file : {false, true}) {
    Backend b;
    auto r = b.run(kJob, b.placeholder(), as_file);
    CHECK_MESSAGE(r.exit == 0, r.err);
    REQUIRE(b.inner_ran());
    const std::string face(b.authority.face.begin(), b.authority.face.end());
    CHECK(read_file(b.out / "stdin") == face);
    CHECK(read_file(b.out / "env") ==
          "ipp://localhost:8631/ipp/print\napplication/pdf\napplication/pdf\n");
    CHECK(read_file(b.out / "args") == "5\n12\nroot\nektp-attempt-7\n1\nmedia=cr80\n");
    CHECK(b.authority.used);
    CHECK(r.err.find(permit::token_hex(b.authority.token)) == std::string::npos);
  }
}

TEST_CASE("the gate fails closed: exit 5 and the inner backend never runs") {
  SUBCASE("a used permit") {
    Backend b;
    REQUIRE(b.run(kJob, b.placeholder()).exit == 0);
    std::filesystem::remove(b.out / "stdin");
    auto r = b.run(kJob, b.placeholder());
    CHECK(r.exit == 5);
    CHECK(r.err.find("no valid print permit") != std::string::npos);
    CHECK_FALSE(b.inner_ran());
  }
  SUBCASE("an unknown token") {
    Backend b;
    auto token = b.authority.token;
    token[3] ^= 1;
    auto r = b.run(kJob, permit::format_placeholder({7, token}));
    CHECK(r.exit == 5);
    CHECK_FALSE(b.inner_ran());
    CHECK(r.err.find(permit::token_hex(token)) == std::string::npos);
  }
  SUBCASE("malformed placeholders") {
    Backend b;
    const auto good = b.placeholder();
    for (const std::string& doc :
         {std::string(), good.substr(0, 40), "EKTP-PERMIT 2\n" + good.substr(14), good + "x",
          std::string(5000, 'A'), std::string("%PDF-1.4\n")}) {
      auto r = b.run(kJob, doc);
      CHECK(r.exit == 5);
      CHECK(r.err.find("no valid permit placeholder") != std::string::npos);
    }
    CHECK_FALSE(b.inner_ran());
    CHECK_FALSE(b.authority.used);
  }
  SUBCASE("a job name that is not the placeholder's attempt") {
    Backend b;
    auto r = b.run({"12", "root", "ektp-attempt-8", "1", ""}, b.placeholder());
    CHECK(r.exit == 5);
    CHECK_FALSE(b.inner_ran());
    CHECK_FALSE(b.authority.used);
  }
  SUBCASE("no service, or no socket configured") {
    Backend b;
    b.server.reset();
    auto r = b.run(kJob, b.placeholder());
    CHECK(r.exit == 5);
    CHECK(r.err.find("does not answer") != std::string::npos);
    b.socket.clear();
    CHECK(b.run(kJob, b.placeholder()).exit == 5);
    CHECK_FALSE(b.inner_ran());
  }
  SUBCASE("a device URI that is not ektp-gate:ipp://...") {
    Backend b;
    CHECK(b.run(kJob, b.placeholder(), false, "ipp://localhost:8631/ipp/print").exit == 5);
    CHECK(b.run(kJob, b.placeholder(), false, "ektp-gate:file:///tmp/x").exit == 5);
    CHECK(b.run(kJob, b.placeholder(), false, "ektp-gate:ektp-gate:ipp://x/").exit == 5);
    CHECK(b.run({"12", "root"}, b.placeholder()).exit == 5);
    CHECK(b.run({"x", "root", "ektp-attempt-7", "1", ""}, b.placeholder()).exit == 5);
    CHECK_FALSE(b.inner_ran());
    CHECK_FALSE(b.authority.used);
  }
  SUBCASE("no inner backend: refused before the permit is spent") {
    Backend b;
    fs::remove(b.dir / "backend" / "ipp");
    auto r = b.run(kJob, b.placeholder());
    CHECK(r.exit == 5);
    CHECK(r.err.find("missing") != std::string::npos);
    CHECK_FALSE(b.authority.used);
  }
  SUBCASE("the inner backend fails after the face: cancel, not retry or stop") {
    Backend b(4);
    auto r = b.run(kJob, b.placeholder());
    CHECK(r.exit == 5);
    CHECK(b.inner_ran());
    CHECK(r.err.find("in doubt") != std::string::npos);
  }
}

TEST_CASE("with no arguments the gate answers CUPS device discovery") {
  Backend b;
  const std::string cmd =
      (b.dir / "backend" / "ektp-gate").string() + " > " + (b.dir / "list").string();
  const int status = std::system(cmd.c_str());
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  const auto list = read_file(b.dir / "list");
  CHECK(list.rfind("direct ektp-gate ", 0) == 0);
  CHECK(std::count(list.begin(), list.end(), '\n') == 1);
}
