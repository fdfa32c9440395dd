#pragma once
/// The simulator's control socket: a Unix stream socket (mode 0600, removed
/// when the server goes) speaking the line protocol of control_protocol.hpp,
/// through which tests and the printer simulator handle the card at run time.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "tools/cardsim/line_server.hpp"
#include "tools/cardsim/slot.hpp"
#include "tools/cardsim/socket_io.hpp"

namespace ektp::cardsim {

class ControlServer {
 public:
  /// Listen on `path`. A stale socket file left by a dead simulator is
  /// replaced; a live one, or any other file there, is an error.
  static Result<std::unique_ptr<ControlServer>> listen(const std::filesystem::path& path,
                                                       Slot& slot);
  ~ControlServer() = default;
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  /// Serve clients (any number, one command line at a time each) until `quit`,
  /// request_stop(), or `extra_stop_fd` (e.g. a signalfd) becomes readable.
  void run(int extra_stop_fd = -1);
  /// Make run() return soon (any thread).
  void request_stop() { wakeup_.signal(); }
  /// A client sent `quit`.
  bool quit_requested() const { return quit_; }

  /// Execute one command line; the answer line (with '\n'). run() uses it.
  std::string handle(std::string_view line);

  const std::filesystem::path& path() const { return lines_->path(); }

 private:
  ControlServer(std::unique_ptr<io::LineServer> lines, Slot& slot)
      : lines_(std::move(lines)), slot_(slot) {}

  std::unique_ptr<io::LineServer> lines_;
  Slot& slot_;
  io::Wakeup wakeup_;
  bool quit_ = false;
};

}  // namespace ektp::cardsim
