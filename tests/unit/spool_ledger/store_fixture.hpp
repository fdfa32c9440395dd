#pragma once
/// A fresh spool store in a temporary directory, removed afterwards, and times.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "spool/db.hpp"
#include "tests/support/require_ok.hpp"

namespace ektp::spool::test {

/// 2026-03-02 00:00:00 UTC, a Monday: times in the tests are counted from here.
inline std::chrono::system_clock::time_point t0() {
  return std::chrono::sys_days{std::chrono::year{2026} / 3 / 2};
}
inline std::chrono::system_clock::time_point at(std::chrono::milliseconds since_t0) {
  return t0() + since_t0;
}

class TempStore {
 public:
  TempStore() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ektp-ledger-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    OpenOptions options;
    options.path = dir_ / "spool.db";
    options.station_id = "station-test-01";
    auto opened = Database::open(options);
    if (!opened) {  // a failed constructor runs no destructor: tidy up first
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    REQUIRE_OK(opened);
    db_.emplace(std::move(opened).value());
  }
  ~TempStore() {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  Database& db() { return *db_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::optional<Database> db_;
};

}  // namespace ektp::spool::test
