#include <charconv>
#include <sstream>
#include <vector>

#include "tools/printersim/control.hpp"

namespace ektp::printersim {

namespace {

std::vector<std::string> split(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string answer(const Result<void>& result) {
  if (result) return "ok";
  const Error& e = result.error();
  const std::string code = e.code.rfind("printer.", 0) == 0 ? e.code : "printer.refused";
  std::string message = e.message;
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return "err " + code + " " + message;
}

std::string refused(const std::string& message) { return answer(fail("printer.refused", message)); }

bool to_long(const std::string& text, long& out) {
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

std::string print(Printer& printer, const std::vector<std::string>& w) {
  if (w.size() < 3 || w.size() > 4)
    return refused("usage: print TYPE FILE [JOB] (FILE, JOB: %-encoded)");
  const PrintStart start =
      printer.begin_print(w[1], percent_decode(w[2]), w.size() == 4 ? percent_decode(w[3]) : "");
  std::ostringstream out;
  if (start.printing) {
    out << "ok result=printing seconds=" << start.seconds << " verdict=" << to_string(start.verdict)
        << " state=" << start.state;
  } else {
    out << "ok result=refused state=" << start.state << " message=" << start.message;
  }
  return out.str();
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '%' || u >= 0x7F) {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr ==
            text.data() + i + 3) {
      out += static_cast<char>(value);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string command_list() {
  return "feed eject reject status print printed counters reset_counters load unload ribbon "
         "cover empty_reject reject_capacity print_seconds trust fault clear_faults revive sync "
         "help quit";
}

std::optional<std::string> execute_line(Printer& printer, std::string_view line, bool& quit) {
  const auto w = split(line);
  if (w.empty()) return refused("empty command; try help");
  const std::string& cmd = w[0];
  const bool mechanism = cmd == "feed" || cmd == "eject" || cmd == "reject" || cmd == "status" ||
                         cmd == "print" || cmd == "printed";
  if (mechanism && printer.dead()) return std::nullopt;  // a dead printer answers nothing

  long n = 0;
  if (cmd == "feed") return answer(printer.feed());
  if (cmd == "eject") return answer(printer.eject());
  if (cmd == "reject") return answer(printer.reject());
  if (cmd == "status") return "ok " + printer.status_text();
  if (cmd == "print") return print(printer, w);
  if (cmd == "printed") return answer(printer.finish_print());
  if (cmd == "counters") return "ok " + printer.counters_text();
  if (cmd == "reset_counters") {
    printer.reset_counters();
    return "ok";
  }
  if (cmd == "load" && w.size() == 2 && to_long(w[1], n) && n >= 0 && n <= 1000) {
    return answer(printer.load(static_cast<int>(n)));
  }
  if (cmd == "unload" && w.size() == 1) {
    printer.unload();
    return "ok";
  }
  if (cmd == "ribbon" && w.size() == 2 && to_long(w[1], n) && n >= 0 && n <= 100) {
    printer.set_ribbon(static_cast<int>(n));
    return "ok";
  }
  if (cmd == "cover" && w.size() == 2 && (w[1] == "open" || w[1] == "closed")) {
    printer.set_cover_open(w[1] == "open");
    return "ok";
  }
  if (cmd == "empty_reject" && w.size() == 1) {
    printer.empty_reject_bin();
    return "ok";
  }
  if (cmd == "reject_capacity" && w.size() == 2 && to_long(w[1], n) && n >= 0 && n <= 10000) {
    printer.set_reject_capacity(static_cast<int>(n));
    return "ok";
  }
  if (cmd == "print_seconds" && w.size() == 2) {
    double seconds = -1;
    std::istringstream in(w[1]);
    if (in >> seconds && seconds >= 0 && seconds <= 3600) {
      printer.set_print_seconds(seconds);
      return "ok";
    }
  }
  if (cmd == "trust" && w.size() == 2) return answer(printer.set_trust(w[1]));
  if (cmd == "fault" && (w.size() == 2 || w.size() == 3)) {
    if (w.size() == 3 && !to_long(w[2], n)) return refused("the fault's value must be a number");
    return answer(printer.arm(w[1], n));
  }
  if (cmd == "clear_faults" && w.size() == 1) {
    printer.clear_faults();
    return "ok";
  }
  if (cmd == "revive" && w.size() == 1) {
    printer.revive();
    return "ok";
  }
  if (cmd == "sync" && w.size() == 1) {
    printer.sync_supplies();
    return "ok";
  }
  if (cmd == "help") return "ok " + command_list();
  if (cmd == "quit") {
    quit = true;
    return "ok";
  }
  return refused("unknown command or wrong arguments: \"" + cmd +
                 "\"; commands: " + command_list() + " (README.md)");
}

}  // namespace ektp::printersim
