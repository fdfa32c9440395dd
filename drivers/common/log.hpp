#pragma once
/// Logging: levels, a job tag, one line per message, thread-safe, to stderr.
///
/// PRIVACY: neither the tag nor the message may ever carry personal data (no NIK,
/// no name, no address, no biometric, no chip content). Tag with the job or attempt
/// id, the reader or queue name; log codes and counts, not people. Logs leave the
/// station (journald, support bundles) and are readable by more people than the spool.
///
/// Under systemd (stderr connected to the journal, detected through JOURNAL_STREAM as
/// systemd.exec(5) documents) each line starts with the syslog priority `<N>`, which
/// journald turns into the entry's PRIORITY; journald adds its own timestamp. Otherwise
/// each line starts with a readable local timestamp and the level name.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ektp::log {

/// Levels; the values are the syslog priorities journald understands.
enum class Level : int {
  critical = 2,
  error = 3,
  warning = 4,
  notice = 5,
  info = 6,
  debug = 7,
};

/// Lower-case name of a level ("warning").
std::string_view level_name(Level level);
/// The level named by `name` (as level_name() writes it, or "warn"/"err"/"crit"), for
/// settings and command lines; nullopt for anything else.
std::optional<Level> parse_level(std::string_view name);

/// One message, as handed to the sink. The views live only during the sink call.
struct Record {
  Level level;
  std::string_view tag;      ///< job/attempt id or component; may be empty; never personal data
  std::string_view message;  ///< never personal data
  std::chrono::system_clock::time_point time;
};

/// Receives every record at or above the minimum level, one call at a time
/// (calls are serialised by the logger's lock, so a sink needs no lock of its own).
using Sink = std::function<void(const Record&)>;

/// Only records at this level or more severe are written. Default: info.
void set_min_level(Level level);
Level min_level();
/// True when a record at `level` would be written (skip building costly messages).
bool enabled(Level level);

/// Replaces the sink; an empty Sink restores the stderr sink. Returns the previous one
/// (empty when it was the stderr sink). Tests capture records this way.
Sink set_sink(Sink sink);

/// Writes one record (if enabled) to the current sink.
void write(Level level, std::string_view tag, std::string_view message);

/// How the stderr sink writes a line.
enum class StderrStyle {
  readable,  ///< "2024-05-01 13:45:12.345 +0700 warning [job 42] message"
  journal,   ///< "<4>[job 42] message"
};

/// True when `journal_stream` (the value of JOURNAL_STREAM, "DEV:INODE" in decimal)
/// names the file that `fd` is open on. A null or malformed value gives false.
bool journal_stream_matches(const char* journal_stream, int fd);

/// Decides the stderr style now, from JOURNAL_STREAM and stderr's device and inode,
/// and keeps it for later lines. Done once on first use; call again after
/// redirecting stderr (tests do).
StderrStyle detect_stderr_style();

/// Formats one record as a stderr line in the given style, ending with '\n'.
/// A message with several lines gives several lines, each with the full prefix
/// (journald makes one entry per line).
std::string format_line(const Record& record, StderrStyle style);

/// A tag bound once, for a component or a job: `Logger log{"job 42"}; log.info("...");`
class Logger {
 public:
  explicit Logger(std::string tag) : tag_(std::move(tag)) {}
  const std::string& tag() const { return tag_; }

  void debug(std::string_view m) const { write(Level::debug, tag_, m); }
  void info(std::string_view m) const { write(Level::info, tag_, m); }
  void notice(std::string_view m) const { write(Level::notice, tag_, m); }
  void warning(std::string_view m) const { write(Level::warning, tag_, m); }
  void error(std::string_view m) const { write(Level::error, tag_, m); }
  void critical(std::string_view m) const { write(Level::critical, tag_, m); }

 private:
  std::string tag_;
};

inline void debug(std::string_view tag, std::string_view m) { write(Level::debug, tag, m); }
inline void info(std::string_view tag, std::string_view m) { write(Level::info, tag, m); }
inline void notice(std::string_view tag, std::string_view m) { write(Level::notice, tag, m); }
inline void warning(std::string_view tag, std::string_view m) { write(Level::warning, tag, m); }
inline void error(std::string_view tag, std::string_view m) { write(Level::error, tag, m); }
inline void critical(std::string_view tag, std::string_view m) { write(Level::critical, tag, m); }

}  // namespace ektp::log
