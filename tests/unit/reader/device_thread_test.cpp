// The device thread bounds a call by its deadline and never piles calls on a
// stuck device.
#include <doctest/doctest.h>

#include <atomic>
#include <future>

#include "drivers/reader/device_thread.hpp"
#include "tests/support/require_ok.hpp"

using namespace std::chrono_literals;
using ektp::Result;
using ektp::reader::DeviceThread;

TEST_CASE("a call's result comes back from the device thread") {
  DeviceThread t;
  auto r = t.call<int>([] { return Result<int>(42); }, 5s);
  REQUIRE_OK(r);
  CHECK(*r == 42);
  auto e = t.call<void>([]() -> Result<void> { return ektp::fail("card.removed", "gone"); }, 5s);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == "card.removed");
}

TEST_CASE("a stuck call: not responding; later calls are not run until it returns") {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::atomic<int> ran{0};
  {
    DeviceThread t;
    auto r = t.call<void>(
        [released]() -> Result<void> {
          released.wait();
          return ektp::ok();
        },
        50ms);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "card.not_responding");
    CHECK(t.stuck());
    auto r2 = t.call<void>(
        [&ran]() -> Result<void> {
          ++ran;
          return ektp::ok();
        },
        50ms);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().code == "card.not_responding");
    CHECK(ran == 0);  // never handed to the device behind the stuck call

    release.set_value();  // the device answers at last
    auto r3 = t.call<int>([] { return Result<int>(7); }, 5s);
    REQUIRE_OK(r3);
    CHECK(*r3 == 7);
    CHECK_FALSE(t.stuck());
  }
}

TEST_CASE("destroying a device thread does not wait for a stuck call") {
  std::promise<void> release;
  auto released = release.get_future().share();
  auto flag = std::make_shared<std::atomic<bool>>(false);
  auto done = std::make_shared<std::promise<void>>();
  auto finished = done->get_future();
  {
    DeviceThread t;
    auto r = t.call<void>(
        [released, flag, done]() -> Result<void> {
          released.wait();
          *flag = true;
          done->set_value();
          return ektp::ok();
        },
        20ms);
    CHECK_FALSE(r.ok());
  }  // returns although the job is still blocked
  CHECK_FALSE(*flag);
  release.set_value();
  // The abandoned call still completes on its own thread.
  CHECK(finished.wait_for(5s) == std::future_status::ready);
  CHECK(*flag);
}
