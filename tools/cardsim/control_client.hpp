#pragma once
/// Client of the simulator's control socket (tests, the printer simulator,
/// `ektp-cardsim ctl`): one command line out, one answer line back.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "tools/cardsim/socket_io.hpp"

namespace ektp::cardsim {

class ControlClient {
 public:
  /// Connect to the control socket at `path`; the error code is
  /// "cardsim.control.unreachable" when no simulator listens there.
  static Result<ControlClient> connect(
      const std::filesystem::path& path,
      std::chrono::milliseconds answer_timeout = std::chrono::seconds(30));

  /// Send one command (e.g. "fault tear_at 3"); the text after "ok", or an
  /// error: "cardsim.control.refused" carries the simulator's `err` message,
  /// "cardsim.control.io" / ".timeout" / ".garbled" a broken exchange.
  Result<std::string> request(std::string_view command);

 private:
  ControlClient(io::UniqueFd fd, std::filesystem::path path, std::chrono::milliseconds timeout)
      : fd_(std::move(fd)), path_(std::move(path)), timeout_(timeout) {}

  io::UniqueFd fd_;
  std::filesystem::path path_;
  std::chrono::milliseconds timeout_;
  std::string input_;
};

/// Connect, send one command, return its answer.
Result<std::string> control_request(const std::filesystem::path& path, std::string_view command);

}  // namespace ektp::cardsim
