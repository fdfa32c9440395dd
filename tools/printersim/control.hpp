#pragma once
/// The printer simulator's control socket: one command per line, one answer line
/// (`ok [text]` or `err <code> <message for people>`). The protocol is in README.md.
/// A Unix stream socket, mode 0600, removed when the server goes.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "tools/cardsim/line_server.hpp"
#include "tools/printersim/printer.hpp"

namespace ektp::printersim {

/// Execute one command line on `printer`: the answer line (without '\n'), or nothing
/// when the printer is dead (the connection is then closed unanswered). `quit` is set
/// when the line asks the server to stop.
std::optional<std::string> execute_line(Printer& printer, std::string_view line, bool& quit);

/// %XX-encode spaces, controls, '%' and non-ASCII bytes (file and job names in `print`).
std::string percent_encode(std::string_view text);
std::string percent_decode(std::string_view text);

/// The command list (for `help` and unknown commands).
std::string command_list();

class ControlServer {
 public:
  /// Listen on `path` (a stale socket left by a dead simulator is replaced).
  static Result<std::unique_ptr<ControlServer>> listen(const std::filesystem::path& path,
                                                       Printer& printer);
  ~ControlServer() = default;
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  /// Serve until `quit` or until `stop_fd` (e.g. a signalfd) becomes readable.
  void run(int stop_fd);

 private:
  ControlServer(std::unique_ptr<cardsim::io::LineServer> lines, Printer& printer)
      : lines_(std::move(lines)), printer_(printer) {}

  std::unique_ptr<cardsim::io::LineServer> lines_;
  Printer& printer_;
};

}  // namespace ektp::printersim
