#include "tests/integration/spool_torture/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ektp::spool::torture {

std::filesystem::path journal_path(const std::filesystem::path& dir) { return dir / "journal.txt"; }

void journal_append(const std::filesystem::path& dir, const std::string& line) {
  // Opened per line: the worker is killed at any moment; nothing is buffered in it.
  const int fd = ::open(journal_path(dir).c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open the torture journal");
  const std::string text = line + "\n";
  const auto written = ::write(fd, text.data(), text.size());
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()))
    throw std::runtime_error("cannot write the torture journal");
  // Debugging the power-cut test: the journal interleaved with the VFS's trace.
  static const bool trace = std::getenv("EKTP_POWERCUT_TRACE") != nullptr;
  if (trace) {
    const int t =
        ::open((dir / "trace.txt").c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (t >= 0) {
      const std::string j = "J " + text;
      [[maybe_unused]] auto n = ::write(t, j.data(), j.size());
      ::close(t);
    }
  }
}

namespace {
/// Every complete line, split into words (a torn last line is ignored).
std::vector<std::vector<std::string>> journal_lines(const std::filesystem::path& dir) {
  std::ifstream in(journal_path(dir), std::ios::binary);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  std::vector<std::vector<std::string>> out;
  std::size_t start = 0;
  for (;;) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) break;  // a torn last line is ignored
    std::istringstream words(text.substr(start, end - start));
    start = end + 1;
    std::vector<std::string> w;
    for (std::string word; words >> word;) w.push_back(word);
    if (w.size() >= 2) out.push_back(std::move(w));
  }
  return out;
}
}  // namespace

std::vector<std::vector<std::string>> journal_committed(const std::filesystem::path& dir) {
  std::vector<std::vector<std::string>> out;
  for (auto& w : journal_lines(dir)) {
    if (w[0] != "committed") continue;
    w.erase(w.begin());
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<std::vector<std::string>> journal_all(const std::filesystem::path& dir) {
  return journal_lines(dir);
}

std::map<std::string, int> journal_refusals(const std::filesystem::path& dir) {
  std::map<std::string, int> out;
  for (const auto& w : journal_lines(dir))
    if (w[0] == "refused" && w.size() == 3) ++out[w[1] + " " + w[2]];
  return out;
}

std::string job_id_of(std::uint64_t n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012llu",
                static_cast<unsigned long long>(n % 1'000'000'000'000ULL));
  return buf;
}

}  // namespace ektp::spool::torture
