#pragma once
/// One device thread per reader: every blocking call to the device runs there,
/// and the caller waits at most its deadline.
///
/// A driver call can block for seconds (SCardTransmit on a mute card returns only
/// when the card's link closes) and cannot be cancelled. A call that overruns its
/// deadline leaves the device "not responding": no further call is handed to the
/// device until it returns (later callers wait for it at most their own deadline,
/// then fail with card.not_responding; nothing piles up behind it). Destroying a
/// DeviceThread never waits for a stuck call: the thread ends by itself once the
/// call returns, and whatever the job captured (shared handles) lives until then.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "drivers/common/result.hpp"

namespace ektp::reader {

class DeviceThread {
 public:
  DeviceThread();
  ~DeviceThread();
  DeviceThread(const DeviceThread&) = delete;
  DeviceThread& operator=(const DeviceThread&) = delete;

  /// Run `job` on the device thread and return its result, or
  /// card.not_responding when it (or a stuck earlier call) overruns `deadline`.
  /// The job must capture by value (shared_ptr) whatever it uses: it may
  /// outlive the caller's wait.
  template <class T>
  Result<T> call(std::function<Result<T>()> job, std::chrono::milliseconds deadline) {
    auto slot = std::make_shared<std::optional<Result<T>>>();
    Result<void> ran = run([slot, job = std::move(job)] { slot->emplace(job()); }, deadline);
    if (!ran) return ran.error();
    return std::move(**slot);
  }

  /// True while a call that overran its deadline has not returned yet.
  bool stuck() const;

 private:
  Result<void> run(std::function<void()> job, std::chrono::milliseconds deadline);
  struct Core;
  std::shared_ptr<Core> core_;
};

}  // namespace ektp::reader
