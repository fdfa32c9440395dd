#include "tools/cardsim/control_server.hpp"

#include <exception>

#include "tools/cardsim/control_commands.hpp"
#include "tools/cardsim/control_protocol.hpp"

namespace ektp::cardsim {

Result<std::unique_ptr<ControlServer>> ControlServer::listen(const std::filesystem::path& path,
                                                             Slot& slot) {
  auto lines = io::LineServer::listen(path, "cardsim.control.listen", "card simulator");
  if (!lines) return lines.error();
  return std::unique_ptr<ControlServer>(new ControlServer(std::move(*lines), slot));
}

std::string ControlServer::handle(std::string_view line) {
  auto command = parse_control_line(line);
  if (!command) return format_err(command.error().message);
  try {
    auto answer = execute_command(slot_, *command);
    if (!answer) return format_err(answer.error().message);
    if (command->kind == ControlCommand::Kind::quit) quit_ = true;
    return format_ok(*answer);
  } catch (const std::exception& e) {
    // The simulator keeps serving; the caller learns what broke.
    return format_err(std::string("the card simulator failed: ") + e.what());
  }
}

void ControlServer::run(int extra_stop_fd) {
  if (quit_) return;
  const auto handler = [this](std::string_view line) {
    std::string answer = handle(line);
    if (!answer.empty() && answer.back() == '\n') answer.pop_back();  // the server adds it
    return io::LineReply{std::move(answer), quit_};
  };
  std::string too_long = format_err("command line too long");
  too_long.pop_back();
  lines_->run(handler, wakeup_.fd(), extra_stop_fd, too_long);
}

}  // namespace ektp::cardsim
