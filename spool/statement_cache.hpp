#pragma once
/// The prepared-statement cache of one connection (internal to spool/; see
/// Database::prepare). Idle statements wait here keyed by their SQL text; a live
/// Statement holds a share of the cache so it can come back even after the
/// Database moved, and is finalized instead once the connection is closing.

#include <sqlite3.h>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ektp::spool::detail {

class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { close(); }

  /// An idle statement of exactly this text, or nullptr.
  sqlite3_stmt* take(std::string_view sql) {
    auto it = idle_.find(sql);
    if (it == idle_.end() || it->second.empty()) return nullptr;
    sqlite3_stmt* stmt = it->second.back();
    it->second.pop_back();
    return stmt;
  }

  /// Takes a statement back (reset, bindings cleared); finalizes it when the
  /// connection is closing or enough of its kind are idle already.
  void give_back(sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    const char* text = sqlite3_sql(stmt);
    if (closed_ || text == nullptr) {
      sqlite3_finalize(stmt);
      return;
    }
    auto& idle = idle_[std::string(text)];
    if (idle.size() >= kMaxIdlePerText) {
      sqlite3_finalize(stmt);
      return;
    }
    idle.push_back(stmt);
  }

  /// Finalizes every idle statement; statements given back later are finalized.
  void close() {
    closed_ = true;
    for (auto& [sql, stmts] : idle_)
      for (sqlite3_stmt* stmt : stmts) sqlite3_finalize(stmt);
    idle_.clear();
  }

 private:
  // Nested use of one text (a query inside a loop over the same query) needs more
  // than one; more than a few idle copies is waste.
  static constexpr std::size_t kMaxIdlePerText = 4;
  std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> idle_;
  bool closed_ = false;
};

}  // namespace ektp::spool::detail
