#pragma once
/// A temporary directory for one test's spool store, removed at the end.

#include <cstdlib>
#include <filesystem>
#include <string>

#include "spool/db.hpp"
#include "support/require_ok.hpp"

namespace ektp::spool::test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ektp-spool-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(const char* name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Opens (creating) the store `spool.db` in `dir`; REQUIREs success.
inline Database open_store(const TempDir& dir, int max_version = 0) {
  OpenOptions options;
  options.path = dir.file("spool.db");
  options.station_id = "station-test";
  options.max_version = max_version;
  auto db = Database::open(options);
  REQUIRE_OK(db);
  return std::move(db).value();
}

}  // namespace ektp::spool::test
