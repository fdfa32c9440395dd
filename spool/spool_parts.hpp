#pragma once
/// What a Spool owns, and small helpers its two .cpp files share (internal to spool/).

#include <optional>
#include <string>
#include <string_view>

#include "spool/blob_store.hpp"
#include "spool/outbox.hpp"
#include "spool/spool.hpp"

namespace ektp::spool {

struct Spool::Parts {
  Parts(Database database, const Clock& c, QueueConfig config)
      : db(std::move(database)),
        clock(c),
        jobs(db, c, config),
        attempts(db, c, config),
        queue(config),
        blobs(db.path()) {}
  Database db;  // first: jobs and attempts hold a reference to it
  const Clock& clock;
  Jobs jobs;
  Attempts attempts;
  QueueConfig queue;
  RecoveryReport recovery;
  BlobStore blobs;                // the sealed bundles, next to the store file
  std::optional<StorageKey> key;  // none: bundles cannot be sealed or read
  ErasureConfig erasure;
};

namespace detail {

/// outbox::append without the id (the callers only need it stored).
inline Result<void> append_event(Database& db, const outbox::NewEvent& event, outbox::Time at) {
  auto id = outbox::append(db, event, at);
  if (!id) return id.error();
  return ok();
}

/// Refuses a storage key other than the one the store's data keys were wrapped under;
/// remembers the key's check value in a store that has none yet (spool_bundles.cpp).
Result<void> check_storage_key(Database& db, const StorageKey& key, std::int64_t now_ms);

inline std::optional<std::string> non_empty(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace detail

}  // namespace ektp::spool
