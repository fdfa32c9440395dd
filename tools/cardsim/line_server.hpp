#pragma once
/// A line-protocol server on a Unix stream socket, shared by the simulators' control
/// sockets (the card simulator's and the printer simulator's): one command per line,
/// one answer line each, any number of clients served in turn on one thread.
///
/// The socket is mode 0600 (set before listen(), so nobody connects earlier) and is
/// removed when the server goes. A stale socket left by a dead process is replaced; a
/// live one, or any other file at the path, is an error.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "drivers/common/result.hpp"
#include "tools/cardsim/socket_io.hpp"

namespace ektp::cardsim::io {

/// What the handler answers to one line.
struct LineReply {
  /// The answer (a '\n' is added); nothing: hang up without a word (a dead device).
  std::optional<std::string> answer;
  /// Stop serving once the answer is sent.
  bool quit = false;
};

class LineServer {
 public:
  /// Listen on `path`. Errors carry `error_code`; `owner` names the program in the
  /// message about a live socket ("another <owner> is serving it").
  static Result<std::unique_ptr<LineServer>> listen(const std::filesystem::path& path,
                                                    std::string_view error_code,
                                                    std::string_view owner);
  ~LineServer();
  LineServer(const LineServer&) = delete;
  LineServer& operator=(const LineServer&) = delete;

  using Handler = std::function<LineReply(std::string_view line)>;

  /// Serve until the handler asks to quit, or `wake_fd` or `stop_fd` becomes readable
  /// (either may be -1). A line longer than 64 KiB gets `too_long_answer` (when not
  /// empty) and the client is dropped.
  void run(const Handler& handler, int wake_fd, int stop_fd, std::string_view too_long_answer);

  const std::filesystem::path& path() const { return path_; }

 private:
  LineServer(std::filesystem::path path, UniqueFd listener)
      : path_(std::move(path)), listener_(std::move(listener)) {}

  std::filesystem::path path_;
  UniqueFd listener_;
};

}  // namespace ektp::cardsim::io
