#include "tools/cardsim/control_protocol.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace ektp::cardsim {

namespace {

std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

std::string_view strip_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

Error bad(const std::string& message) { return fail("cardsim.control.bad_command", message); }

/// Every word must look like key=value.
Result<std::vector<std::string>> settings_from(const std::vector<std::string>& words,
                                               std::size_t first, const std::string& usage) {
  std::vector<std::string> settings;
  for (std::size_t i = first; i < words.size(); ++i) {
    auto eq = words[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return bad("\"" + words[i] + "\" is not a key=value setting; usage: " + usage);
    }
    settings.push_back(words[i]);
  }
  return settings;
}

Result<ControlCommand> no_arguments(ControlCommand::Kind kind,
                                    const std::vector<std::string>& words) {
  if (words.size() != 1) return bad("`" + words[0] + "` takes no arguments");
  ControlCommand command;
  command.kind = kind;
  return command;
}

Result<ControlCommand> with_path(ControlCommand::Kind kind, const std::vector<std::string>& words,
                                 const std::string& usage) {
  if (words.size() != 2) return bad("usage: " + usage);
  ControlCommand command;
  command.kind = kind;
  command.path = words[1];
  return command;
}

}  // namespace

std::string command_list() {
  return "new [key=value ...], load PATH [key=value ...], save PATH, insert, remove, "
         "fault WORDS..., clear_faults, counters, reset_counters, auth on|off, trace PATH|off, "
         "files, read FIDPATH, status, help, quit";
}

Result<ControlCommand> parse_control_line(std::string_view line) {
  std::vector<std::string> words = split_words(strip_line_end(line));
  if (words.empty()) return bad("empty command; commands: " + command_list());
  const std::string& name = words[0];
  ControlCommand command;

  if (name == "new") {
    auto settings = settings_from(words, 1, "new [key=value ...]");
    if (!settings) return settings.error();
    command.kind = ControlCommand::Kind::new_card;
    command.settings = std::move(*settings);
    return command;
  }
  if (name == "load") {
    if (words.size() < 2) return bad("usage: load PATH [key=value ...]");
    auto settings = settings_from(words, 2, "load PATH [key=value ...]");
    if (!settings) return settings.error();
    command.kind = ControlCommand::Kind::load;
    command.path = words[1];
    command.settings = std::move(*settings);
    return command;
  }
  if (name == "save") return with_path(ControlCommand::Kind::save, words, "save PATH");
  if (name == "read")
    return with_path(ControlCommand::Kind::read, words, "read FIDPATH (e.g. 3F00/0101)");
  if (name == "trace") {
    auto parsed = with_path(ControlCommand::Kind::trace, words, "trace PATH|off");
    if (parsed && parsed->path == "off") parsed->path.clear();
    return parsed;
  }
  if (name == "fault") {
    if (words.size() < 2) {
      return bad("usage: fault WORDS... (e.g. `fault tear_at 3`, `fault sw 2 6A82`)");
    }
    command.kind = ControlCommand::Kind::fault;
    command.words.assign(words.begin() + 1, words.end());
    return command;
  }
  if (name == "auth") {
    if (words.size() != 2 || (words[1] != "on" && words[1] != "off")) {
      return bad("usage: auth on|off");
    }
    command.kind = ControlCommand::Kind::auth;
    command.on = words[1] == "on";
    return command;
  }
  if (name == "insert") return no_arguments(ControlCommand::Kind::insert, words);
  if (name == "remove") return no_arguments(ControlCommand::Kind::remove, words);
  if (name == "clear_faults") return no_arguments(ControlCommand::Kind::clear_faults, words);
  if (name == "counters") return no_arguments(ControlCommand::Kind::counters, words);
  if (name == "reset_counters") return no_arguments(ControlCommand::Kind::reset_counters, words);
  if (name == "files") return no_arguments(ControlCommand::Kind::files, words);
  if (name == "status") return no_arguments(ControlCommand::Kind::status, words);
  if (name == "help") return no_arguments(ControlCommand::Kind::help, words);
  if (name == "quit") return no_arguments(ControlCommand::Kind::quit, words);
  return bad("unknown command \"" + name + "\"; commands: " + command_list());
}

namespace {

std::string one_line(std::string_view prefix, std::string_view text) {
  std::string line(prefix);
  if (!text.empty()) {
    line += ' ';
    line += text;
  }
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::replace(line.begin(), line.end(), '\r', ' ');
  line += '\n';
  return line;
}

}  // namespace

std::string format_ok(std::string_view text) { return one_line("ok", text); }

std::string format_err(std::string_view message) { return one_line("err", message); }

Result<std::string> parse_answer(std::string_view line) {
  line = strip_line_end(line);
  if (line == "ok") return std::string{};
  if (line.starts_with("ok ")) return std::string(line.substr(3));
  if (line == "err" || line.starts_with("err ")) {
    return fail("cardsim.control.refused", line.size() > 4 ? std::string(line.substr(4))
                                                           : "the simulator refused the command");
  }
  return fail("cardsim.control.garbled",
              "the card simulator answered something unexpected: \"" + std::string(line) + "\"");
}

Result<std::vector<std::uint16_t>> parse_fid_path(std::string_view text) {
  std::vector<std::uint16_t> path;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t slash = std::min(text.find('/', i), text.size());
    std::string_view part = text.substr(i, slash - i);
    bool hex = part.size() == 4 && std::all_of(part.begin(), part.end(), [](char c) {
                 return std::isxdigit(static_cast<unsigned char>(c));
               });
    if (!hex) {
      return bad("\"" + std::string(text) +
                 "\" is not a file path: write FIDs as 4 hex digits joined by '/', e.g. 3F00/0101");
    }
    path.push_back(static_cast<std::uint16_t>(std::stoul(std::string(part), nullptr, 16)));
    i = slash + 1;
  }
  return path;
}

std::string format_fid_path(const std::vector<std::uint16_t>& path) {
  std::string text;
  for (std::uint16_t fid : path) {
    char buffer[6];
    std::snprintf(buffer, sizeof buffer, "%04X", fid);
    if (!text.empty()) text += '/';
    text += buffer;
  }
  return text;
}

}  // namespace ektp::cardsim
