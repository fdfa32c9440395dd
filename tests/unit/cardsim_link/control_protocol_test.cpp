// The control socket's line protocol: every command parses, bad input gets a
// clear error, answers round-trip.

#include <doctest/doctest.h>

#include "tools/cardsim/control_protocol.hpp"

namespace ektp::cardsim {
namespace {

using Kind = ControlCommand::Kind;

ControlCommand parsed(std::string_view line) {
  auto command = parse_control_line(line);
  REQUIRE_MESSAGE(command.ok(), command.error().message);
  return *command;
}

std::string error_of(std::string_view line) {
  auto command = parse_control_line(line);
  REQUIRE_FALSE(command.ok());
  CHECK(command.error().code == "cardsim.control.bad_command");
  return command.error().message;
}

TEST_CASE("every command parses") {
  CHECK(parsed("new").kind == Kind::new_card);
  CHECK(parsed("new").settings.empty());
  ControlCommand fresh = parsed("new capacity=32768 ext_max=2048\n");
  CHECK(fresh.kind == Kind::new_card);
  CHECK(fresh.settings == std::vector<std::string>{"capacity=32768", "ext_max=2048"});

  ControlCommand load = parsed("load /tmp/card.img uid_mode=random");
  CHECK(load.kind == Kind::load);
  CHECK(load.path == "/tmp/card.img");
  CHECK(load.settings == std::vector<std::string>{"uid_mode=random"});
  CHECK(parsed("load /tmp/card.img").settings.empty());

  ControlCommand save = parsed("save /tmp/out.img");
  CHECK(save.kind == Kind::save);
  CHECK(save.path == "/tmp/out.img");

  CHECK(parsed("insert").kind == Kind::insert);
  CHECK(parsed("remove").kind == Kind::remove);

  ControlCommand fault = parsed("fault tear_in_write 2 100");
  CHECK(fault.kind == Kind::fault);
  CHECK(fault.words == std::vector<std::string>{"tear_in_write", "2", "100"});

  CHECK(parsed("clear_faults").kind == Kind::clear_faults);
  CHECK(parsed("counters").kind == Kind::counters);
  CHECK(parsed("reset_counters").kind == Kind::reset_counters);
  CHECK(parsed("auth on").on);
  CHECK_FALSE(parsed("auth off").on);
  CHECK(parsed("auth off").kind == Kind::auth);

  CHECK(parsed("trace /tmp/t.txt").path == "/tmp/t.txt");
  CHECK(parsed("trace off").kind == Kind::trace);
  CHECK(parsed("trace off").path.empty());

  CHECK(parsed("files").kind == Kind::files);
  CHECK(parsed("read 3F00/0101").path == "3F00/0101");
  CHECK(parsed("status").kind == Kind::status);
  CHECK(parsed("help").kind == Kind::help);
  CHECK(parsed("quit").kind == Kind::quit);
}

TEST_CASE("spaces, tabs and CRLF around words do not matter") {
  ControlCommand command = parsed("  fault\tsw  2 6A82 \r\n");
  CHECK(command.kind == Kind::fault);
  CHECK(command.words == std::vector<std::string>{"sw", "2", "6A82"});
}

TEST_CASE("bad input gets an error that says what was expected") {
  CHECK(error_of("").find("empty command") != std::string::npos);
  CHECK(error_of("explode").find("unknown command \"explode\"") != std::string::npos);
  CHECK(error_of("explode").find("insert") != std::string::npos);  // lists the commands
  CHECK(error_of("new capacity") ==
        "\"capacity\" is not a key=value setting; usage: new [key=value ...]");
  CHECK(error_of("new =5").find("key=value") != std::string::npos);
  CHECK(error_of("load").find("usage: load PATH") != std::string::npos);
  CHECK(error_of("load /x capacity").find("key=value") != std::string::npos);
  CHECK(error_of("save").find("usage: save PATH") != std::string::npos);
  CHECK(error_of("save a b").find("usage: save PATH") != std::string::npos);
  CHECK(error_of("fault").find("usage: fault") != std::string::npos);
  CHECK(error_of("auth").find("usage: auth on|off") != std::string::npos);
  CHECK(error_of("auth maybe").find("usage: auth on|off") != std::string::npos);
  CHECK(error_of("trace").find("usage: trace PATH|off") != std::string::npos);
  CHECK(error_of("insert now").find("takes no arguments") != std::string::npos);
  CHECK(error_of("status please").find("takes no arguments") != std::string::npos);
  CHECK(error_of("read").find("usage: read") != std::string::npos);
}

TEST_CASE("answers are one line and parse back") {
  CHECK(format_ok() == "ok\n");
  CHECK(format_ok("apdus=3") == "ok apdus=3\n");
  CHECK(format_err("two\nlines") == "err two lines\n");

  auto plain = parse_answer("ok\n");
  REQUIRE(plain.ok());
  CHECK(plain->empty());
  auto text = parse_answer("ok card=yes inserted=no");
  REQUIRE(text.ok());
  CHECK(*text == "card=yes inserted=no");

  auto refused = parse_answer("err no card in hand\n");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "cardsim.control.refused");
  CHECK(refused.error().message == "no card in hand");

  auto garbled = parse_answer("okay");
  REQUIRE_FALSE(garbled.ok());
  CHECK(garbled.error().code == "cardsim.control.garbled");
}

TEST_CASE("file paths are FIDs of 4 hex digits joined by '/'") {
  auto path = parse_fid_path("3F00/5015/0101");
  REQUIRE(path.ok());
  CHECK(*path == std::vector<std::uint16_t>{0x3F00, 0x5015, 0x0101});
  CHECK(format_fid_path(*path) == "3F00/5015/0101");
  CHECK(format_fid_path({0x3f00, 0x00ab}) == "3F00/00AB");
  CHECK_FALSE(parse_fid_path("3F00/").ok());
  CHECK_FALSE(parse_fid_path("3F0").ok());
  CHECK_FALSE(parse_fid_path("3F00/GG01").ok());
  CHECK_FALSE(parse_fid_path("").ok());
}

}  // namespace
}  // namespace ektp::cardsim
