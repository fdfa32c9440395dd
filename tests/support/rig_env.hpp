#pragma once
/// The rig's settings ($EKTP_RIG_DIR/rig.env, written by tools/rig/start) for
/// integration tests and benchmarks: `KEY=value` lines, value = rest of line.

#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

namespace ektp::test {

class RigEnv {
 public:
  /// Loads $EKTP_RIG_DIR/rig.env; throws with a plain message when the rig is not running.
  RigEnv() {
    const char* dir = std::getenv("EKTP_RIG_DIR");
    if (dir == nullptr || *dir == '\0') throw std::runtime_error("EKTP_RIG_DIR is not set");
    dir_ = dir;
    std::ifstream in(dir_ + "/rig.env");
    if (!in) throw std::runtime_error("no rig.env in " + dir_ + ": start the rig (tools/rig/start)");
    for (std::string line; std::getline(in, line);) {
      const auto eq = line.find('=');
      if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
      values_[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }

  /// A setting that must exist.
  const std::string& at(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) throw std::runtime_error("rig.env has no " + key);
    return it->second;
  }

  /// Export a setting into this process's environment (e.g. CUPS_SERVER).
  void export_var(const std::string& key) const { ::setenv(key.c_str(), at(key).c_str(), 1); }

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::map<std::string, std::string> values_;
};

}  // namespace ektp::test
