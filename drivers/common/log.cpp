#include "drivers/common/log.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <optional>

namespace ektp::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::info)};

// One lock for the sink and the stderr style: records reach the sink one at a time,
// and lines from different threads never interleave. A sink must not log itself.
std::mutex g_mutex;
Sink g_sink;                         // empty: the stderr sink
std::optional<StderrStyle> g_style;  // decided on first use

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere left to report a failing stderr
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
}

std::string readable_time(std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &tm);
  char zone[8];
  std::strftime(zone, sizeof zone, "%z", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%03d %s", date, static_cast<int>(millis), zone);
  return out;
}

StderrStyle decide_style() {
  // systemd.exec(5): JOURNAL_STREAM is inherited by children whose stderr may point
  // elsewhere, so it counts only when it names the file stderr is open on.
  return journal_stream_matches(std::getenv("JOURNAL_STREAM"), STDERR_FILENO)
             ? StderrStyle::journal
             : StderrStyle::readable;
}

// Called with g_mutex held.
void stderr_sink(const Record& record) {
  if (!g_style) g_style = decide_style();
  write_all(STDERR_FILENO, format_line(record, *g_style));
}

}  // namespace

std::string_view level_name(Level level) {
  switch (level) {
    case Level::critical:
      return "critical";
    case Level::error:
      return "error";
    case Level::warning:
      return "warning";
    case Level::notice:
      return "notice";
    case Level::info:
      return "info";
    case Level::debug:
      return "debug";
  }
  return "unknown";
}

std::optional<Level> parse_level(std::string_view name) {
  for (const Level level :
       {Level::critical, Level::error, Level::warning, Level::notice, Level::info, Level::debug}) {
    if (name == level_name(level)) return level;
  }
  if (name == "crit") return Level::critical;
  if (name == "err") return Level::error;
  if (name == "warn") return Level::warning;
  return std::nullopt;
}

void set_min_level(Level level) { g_min_level.store(static_cast<int>(level)); }

Level min_level() { return static_cast<Level>(g_min_level.load()); }

// A lower syslog number is more severe.
bool enabled(Level level) { return static_cast<int>(level) <= g_min_level.load(); }

Sink set_sink(Sink sink) {
  std::lock_guard lock(g_mutex);
  Sink previous = std::move(g_sink);
  g_sink = std::move(sink);
  return previous;
}

void write(Level level, std::string_view tag, std::string_view message) {
  if (!enabled(level)) return;
  const Record record{level, tag, message, std::chrono::system_clock::now()};
  std::lock_guard lock(g_mutex);
  if (g_sink) {
    g_sink(record);
  } else {
    stderr_sink(record);
  }
}

bool journal_stream_matches(const char* journal_stream, int fd) {
  if (journal_stream == nullptr) return false;
  const std::string_view value{journal_stream};
  const auto colon = value.find(':');
  if (colon == std::string_view::npos) return false;
  unsigned long long dev = 0;
  unsigned long long ino = 0;
  const char* dev_end = value.data() + colon;
  const char* end = value.data() + value.size();
  const auto d = std::from_chars(value.data(), dev_end, dev);
  if (d.ec != std::errc{} || d.ptr != dev_end) return false;
  const auto i = std::from_chars(dev_end + 1, end, ino);
  if (i.ec != std::errc{} || i.ptr != end) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

StderrStyle detect_stderr_style() {
  std::lock_guard lock(g_mutex);
  g_style = decide_style();
  return *g_style;
}

std::string format_line(const Record& record, StderrStyle style) {
  std::string prefix;
  if (style == StderrStyle::journal) {
    prefix = "<" + std::to_string(static_cast<int>(record.level)) + ">";
  } else {
    prefix = readable_time(record.time);
    prefix += ' ';
    prefix += level_name(record.level);
    prefix += ' ';
  }
  if (!record.tag.empty()) {
    prefix += '[';
    prefix += record.tag;
    prefix += "] ";
  }
  std::string out;
  std::string_view rest = record.message;
  do {
    const auto nl = rest.find('\n');
    out += prefix;
    out += rest.substr(0, nl);
    out += '\n';
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  } while (!rest.empty());
  return out;
}

}  // namespace ektp::log
