#pragma once
/// Clock: the one seam for time, so tests drive deadlines and timestamps by hand.
///
/// `now()` is steady (never jumps; for deadlines and durations), `wall_now()` is the
/// system time (for records people read; may jump when NTP corrects it). Code that
/// waits for a deadline calls `sleep_until()` on the clock it was given, so a test
/// holding a ManualClock decides when the deadline has passed, without real sleeps.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <stop_token>

namespace ektp {

class Clock {
 public:
  using steady_time = std::chrono::steady_clock::time_point;
  using wall_time = std::chrono::system_clock::time_point;
  using duration = std::chrono::steady_clock::duration;

  virtual ~Clock() = default;

  /// Steady time, for deadlines and durations.
  virtual steady_time now() const = 0;
  /// System (calendar) time, for records.
  virtual wall_time wall_now() const = 0;

  /// Blocks until now() >= deadline (returns true) or `stop` is requested (returns
  /// false). A deadline already passed returns true at once.
  virtual bool sleep_until(steady_time deadline, std::stop_token stop = {}) = 0;

  /// sleep_until(now() + d).
  bool sleep_for(duration d, std::stop_token stop = {}) {
    return sleep_until(now() + d, std::move(stop));
  }
};

/// The real clocks of the machine.
class SystemClock final : public Clock {
 public:
  steady_time now() const override { return std::chrono::steady_clock::now(); }
  wall_time wall_now() const override { return std::chrono::system_clock::now(); }
  bool sleep_until(steady_time deadline, std::stop_token stop = {}) override;

  /// A shared instance for production wiring.
  static SystemClock& instance();
};

/// A clock that moves only when the test says so. Thread-safe: one thread may
/// advance it while others sleep on it.
class ManualClock final : public Clock {
 public:
  /// Starts at a fixed steady time (one hour after the epoch, so a zero time_point is
  /// never "now") and at the given wall time (default 2024-01-01 00:00:00 UTC).
  explicit ManualClock(wall_time wall = default_wall_start());

  steady_time now() const override;
  wall_time wall_now() const override;
  bool sleep_until(steady_time deadline, std::stop_token stop = {}) override;

  /// Moves both clocks forward by `d` and wakes sleepers whose deadline has passed.
  void advance(duration d);
  /// Sets the wall clock alone (an NTP jump, a wrong RTC); the steady clock is unchanged.
  void set_wall(wall_time wall);

  /// Number of threads blocked in sleep_until() right now.
  std::size_t sleepers() const;
  /// Blocks until at least `n` threads are blocked in sleep_until(), so a test can
  /// advance the clock knowing the other thread waits (no real-time sleeps in tests).
  void wait_for_sleepers(std::size_t n) const;

  static wall_time default_wall_start();

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;  // time moved, or sleeper count changed
  steady_time steady_;
  wall_time wall_;
  std::size_t sleepers_ = 0;
};

}  // namespace ektp
