#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "drivers/common/clock.hpp"

using namespace std::chrono_literals;

TEST_CASE("ManualClock stands still until advanced, and moves both clocks") {
  ektp::ManualClock clock;
  const auto start = clock.now();
  const auto wall_start = clock.wall_now();
  CHECK(wall_start == ektp::ManualClock::default_wall_start());
  CHECK(clock.now() == start);

  clock.advance(1500ms);
  CHECK(clock.now() - start == 1500ms);
  CHECK(clock.wall_now() - wall_start == 1500ms);
}

TEST_CASE("ManualClock: a wall-clock jump leaves the steady clock alone") {
  ektp::ManualClock clock;
  const auto start = clock.now();
  const auto jumped = ektp::ManualClock::default_wall_start() - 24h;
  clock.set_wall(jumped);
  CHECK(clock.wall_now() == jumped);
  CHECK(clock.now() == start);
}

TEST_CASE("ManualClock releases a sleeper only when its deadline is reached") {
  ektp::ManualClock clock;
  const auto deadline = clock.now() + 10s;
  std::atomic<bool> woke{false};
  bool reached = false;
  std::thread sleeper([&] {
    reached = clock.sleep_until(deadline);
    woke = true;
  });

  clock.wait_for_sleepers(1);
  clock.advance(9s);
  // Still asleep: the count drops only when sleep_until returns.
  CHECK(clock.sleepers() == 1);
  CHECK_FALSE(woke.load());

  clock.advance(1s);
  sleeper.join();
  CHECK(woke.load());
  CHECK(reached);
  CHECK(clock.sleepers() == 0);
}

TEST_CASE("ManualClock: a stop request ends the sleep early, returning false") {
  ektp::ManualClock clock;
  bool reached = true;
  std::jthread sleeper([&](std::stop_token stop) { reached = clock.sleep_for(1h, stop); });
  clock.wait_for_sleepers(1);
  sleeper.request_stop();
  sleeper.join();
  CHECK_FALSE(reached);
}

TEST_CASE("ManualClock: a deadline already passed returns at once") {
  ektp::ManualClock clock;
  CHECK(clock.sleep_until(clock.now()));
  CHECK(clock.sleep_until(clock.now() - 1s));
  CHECK(clock.sleepers() == 0);
}

TEST_CASE("SystemClock sleeps until the deadline, or stops when asked") {
  auto& clock = ektp::SystemClock::instance();
  const auto start = clock.now();
  CHECK(clock.sleep_for(2ms));
  CHECK(clock.now() - start >= 2ms);

  std::stop_source stop;
  stop.request_stop();
  CHECK_FALSE(clock.sleep_for(1h, stop.get_token()));
}
