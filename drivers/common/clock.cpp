#include "drivers/common/clock.hpp"

namespace ektp {

bool SystemClock::sleep_until(steady_time deadline, std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any cv;
  std::unique_lock lock(mutex);
  // The predicate is never true: only the deadline or a stop request ends the wait
  // (spurious wake-ups are looped over inside wait_until).
  cv.wait_until(lock, stop, deadline, [] { return false; });
  return !stop.stop_requested();
}

SystemClock& SystemClock::instance() {
  static SystemClock clock;
  return clock;
}

ManualClock::wall_time ManualClock::default_wall_start() {
  // 2024-01-01 00:00:00 UTC.
  return wall_time{std::chrono::seconds{1704067200}};
}

ManualClock::ManualClock(wall_time wall)
    : steady_(steady_time{std::chrono::hours{1}}), wall_(wall) {}

Clock::steady_time ManualClock::now() const {
  std::lock_guard lock(mutex_);
  return steady_;
}

Clock::wall_time ManualClock::wall_now() const {
  std::lock_guard lock(mutex_);
  return wall_;
}

bool ManualClock::sleep_until(steady_time deadline, std::stop_token stop) {
  std::unique_lock lock(mutex_);
  if (steady_ >= deadline) return true;
  ++sleepers_;
  changed_.notify_all();
  const bool reached = changed_.wait(lock, stop, [&] { return steady_ >= deadline; });
  --sleepers_;
  changed_.notify_all();
  return reached;
}

void ManualClock::advance(duration d) {
  {
    std::lock_guard lock(mutex_);
    steady_ += d;
    wall_ += std::chrono::duration_cast<wall_time::duration>(d);
  }
  changed_.notify_all();
}

void ManualClock::set_wall(wall_time wall) {
  std::lock_guard lock(mutex_);
  wall_ = wall;
}

std::size_t ManualClock::sleepers() const {
  std::lock_guard lock(mutex_);
  return sleepers_;
}

void ManualClock::wait_for_sleepers(std::size_t n) const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return sleepers_ >= n; });
}

}  // namespace ektp
