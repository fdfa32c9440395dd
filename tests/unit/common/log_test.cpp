#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "drivers/common/log.hpp"
#include "env_guard.hpp"

namespace elog = ektp::log;

namespace {

struct Captured {
  elog::Level level;
  std::string tag;
  std::string message;
};

// Captures records for the scope; restores the previous sink and level afterwards.
class Capture {
 public:
  Capture() : level_(elog::min_level()) {
    previous_ = elog::set_sink([this](const elog::Record& r) {
      records.push_back({r.level, std::string{r.tag}, std::string{r.message}});
    });
  }
  ~Capture() {
    elog::set_sink(std::move(previous_));
    elog::set_min_level(level_);
  }
  std::vector<Captured> records;

 private:
  elog::Sink previous_;
  elog::Level level_;
};

// Sends stderr to a temporary file for the scope, for the stderr sink's real output.
class StderrToFile {
 public:
  StderrToFile() {
    char name[] = "/tmp/ektp-log-test-XXXXXX";
    fd_ = mkstemp(name);
    REQUIRE(fd_ >= 0);
    path_ = name;
    saved_ = dup(STDERR_FILENO);
    REQUIRE(dup2(fd_, STDERR_FILENO) == STDERR_FILENO);
  }
  ~StderrToFile() {
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    close(fd_);
    std::remove(path_.c_str());
    elog::detect_stderr_style();  // back to the real stderr's style
  }
  /// "DEV:INODE" of the file, as systemd writes JOURNAL_STREAM.
  std::string journal_stream() const {
    struct stat st {};
    fstat(fd_, &st);
    return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  }
  std::string contents() const {
    std::ifstream in(path_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  int fd_ = -1;
  int saved_ = -1;
  std::string path_;
};

}  // namespace

TEST_CASE("records below the minimum level are dropped") {
  Capture capture;
  elog::set_min_level(elog::Level::notice);
  elog::debug("job 1", "debug line");
  elog::info("job 1", "info line");
  elog::notice("job 1", "notice line");
  elog::warning("job 1", "warning line");
  elog::error("job 1", "error line");
  elog::critical("job 1", "critical line");
  REQUIRE(capture.records.size() == 4);
  CHECK(capture.records[0].level == elog::Level::notice);
  CHECK(capture.records[3].level == elog::Level::critical);
  CHECK_FALSE(elog::enabled(elog::Level::info));
  CHECK(elog::enabled(elog::Level::warning));

  elog::set_min_level(elog::Level::debug);
  elog::debug("job 1", "now shown");
  CHECK(capture.records.size() == 5);
}

TEST_CASE("level names round-trip, for settings and command lines") {
  for (const auto level : {elog::Level::critical, elog::Level::error, elog::Level::warning,
                           elog::Level::notice, elog::Level::info, elog::Level::debug}) {
    CHECK(elog::parse_level(elog::level_name(level)) == level);
  }
  CHECK(elog::parse_level("warn") == elog::Level::warning);
  CHECK_FALSE(elog::parse_level("verbose").has_value());
  CHECK_FALSE(elog::parse_level("").has_value());
}

TEST_CASE("a Logger tags every record with its job") {
  Capture capture;
  elog::set_min_level(elog::Level::debug);
  const elog::Logger job{"job 42/attempt 2"};
  job.info("chip written");
  job.error("verify failed");
  REQUIRE(capture.records.size() == 2);
  CHECK(capture.records[0].tag == "job 42/attempt 2");
  CHECK(capture.records[0].message == "chip written");
  CHECK(capture.records[1].level == elog::Level::error);
}

TEST_CASE("journal lines start with the syslog priority") {
  const elog::Record r{elog::Level::warning, "job 42", "hopper low", {}};
  CHECK(elog::format_line(r, elog::StderrStyle::journal) == "<4>[job 42] hopper low\n");
  const elog::Record untagged{elog::Level::critical, "", "ledger mismatch", {}};
  CHECK(elog::format_line(untagged, elog::StderrStyle::journal) == "<2>ledger mismatch\n");
  const elog::Record debug{elog::Level::debug, "t", "d", {}};
  CHECK(elog::format_line(debug, elog::StderrStyle::journal) == "<7>[t] d\n");
}

TEST_CASE("a message of several lines gives several prefixed lines") {
  const elog::Record r{elog::Level::error, "job 3", "first\nsecond", {}};
  CHECK(elog::format_line(r, elog::StderrStyle::journal) ==
        "<3>[job 3] first\n<3>[job 3] second\n");
}

TEST_CASE("readable lines carry a timestamp and the level name") {
  const elog::Record r{elog::Level::notice, "job 9", "card printed",
                       std::chrono::system_clock::now()};
  const std::string line = elog::format_line(r, elog::StderrStyle::readable);
  // "YYYY-MM-DD HH:MM:SS.mmm +ZZZZ notice [job 9] card printed\n"
  REQUIRE(line.size() > 30);
  CHECK(line[4] == '-');
  CHECK(line[10] == ' ');
  CHECK(line[19] == '.');
  CHECK(line.find(" notice [job 9] card printed\n") != std::string::npos);
  CHECK(line.find('<') == std::string::npos);
}

TEST_CASE("JOURNAL_STREAM counts only when it names the file stderr is open on") {
  StderrToFile redirected;
  const std::string mine = redirected.journal_stream();
  CHECK(elog::journal_stream_matches(mine.c_str(), STDERR_FILENO));
  CHECK_FALSE(elog::journal_stream_matches(nullptr, STDERR_FILENO));
  CHECK_FALSE(elog::journal_stream_matches("", STDERR_FILENO));
  CHECK_FALSE(elog::journal_stream_matches("12", STDERR_FILENO));
  CHECK_FALSE(elog::journal_stream_matches("1:2x", STDERR_FILENO));
  const std::string other_inode = mine + "1";
  CHECK_FALSE(elog::journal_stream_matches(other_inode.c_str(), STDERR_FILENO));
}

TEST_CASE("the stderr sink writes <N> lines under the journal, readable lines otherwise") {
  ektp::test::EnvGuard env{"JOURNAL_STREAM"};
  const auto level = elog::min_level();
  elog::set_min_level(elog::Level::info);
  {
    StderrToFile redirected;
    setenv("JOURNAL_STREAM", redirected.journal_stream().c_str(), 1);
    CHECK(elog::detect_stderr_style() == elog::StderrStyle::journal);
    elog::warning("job 7", "queue paused");
    elog::debug("job 7", "not shown");
    CHECK(redirected.contents() == "<4>[job 7] queue paused\n");
  }
  {
    StderrToFile redirected;
    // Inherited from a parent whose stderr was the journal: not ours, so readable.
    setenv("JOURNAL_STREAM", "8:12345", 1);
    CHECK(elog::detect_stderr_style() == elog::StderrStyle::readable);
    elog::warning("job 7", "queue paused");
    const std::string out = redirected.contents();
    CHECK(out.find(" warning [job 7] queue paused\n") != std::string::npos);
    CHECK(out.front() != '<');
  }
  elog::set_min_level(level);
}

TEST_CASE("lines from many threads never interleave") {
  ektp::test::EnvGuard env{"JOURNAL_STREAM"};
  StderrToFile redirected;
  setenv("JOURNAL_STREAM", redirected.journal_stream().c_str(), 1);
  elog::detect_stderr_style();
  constexpr int kThreads = 8;
  constexpr int kLines = 200;
  const std::string payload(300, 'x');
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        const elog::Logger logger{"job " + std::to_string(t)};
        for (int i = 0; i < kLines; ++i) logger.notice(payload);
      });
    }
  }
  std::istringstream lines(redirected.contents());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    REQUIRE(line.rfind("<5>[job ", 0) == 0);
    REQUIRE(line.size() == std::string("<5>[job 0] ").size() + payload.size());
  }
  CHECK(count == kThreads * kLines);
}
