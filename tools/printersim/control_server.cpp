#include "tools/printersim/control.hpp"

namespace ektp::printersim {

Result<std::unique_ptr<ControlServer>> ControlServer::listen(const std::filesystem::path& path,
                                                             Printer& printer) {
  auto lines = cardsim::io::LineServer::listen(path, "printersim.listen", "printer simulator");
  if (!lines) return lines.error();
  return std::unique_ptr<ControlServer>(new ControlServer(std::move(*lines), printer));
}

void ControlServer::run(int stop_fd) {
  const auto handler = [this](std::string_view line) {
    bool quit = false;
    std::optional<std::string> answer = execute_line(printer_, line, quit);
    return cardsim::io::LineReply{std::move(answer), quit};
  };
  // A line too long is dropped without an answer, as a dead printer would.
  lines_->run(handler, -1, stop_fd, {});
}

}  // namespace ektp::printersim
