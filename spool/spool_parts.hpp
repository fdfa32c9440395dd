#pragma once
/// What a Spool owns, and small helpers its two .cpp files share (internal to spool/).

#include <optional>
#include <string>
#include <string_view>

#include "spool/outbox.hpp"
#include "spool/spool.hpp"

namespace ektp::spool {

struct Spool::Parts {
  Parts(Database database, const Clock& c, QueueConfig config)
      : db(std::move(database)),
        clock(c),
        jobs(db, c, config),
        attempts(db, c, config),
        queue(config) {}
  Database db;  // first: jobs and attempts hold a reference to it
  const Clock& clock;
  Jobs jobs;
  Attempts attempts;
  QueueConfig queue;
  RecoveryReport recovery;
};

namespace detail {

/// outbox::append without the id (the callers only need it stored).
inline Result<void> append_event(Database& db, const outbox::NewEvent& event, outbox::Time at) {
  auto id = outbox::append(db, event, at);
  if (!id) return id.error();
  return ok();
}

inline std::optional<std::string> non_empty(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace detail

}  // namespace ektp::spool
