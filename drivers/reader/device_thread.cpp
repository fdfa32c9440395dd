#include "drivers/reader/device_thread.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "drivers/common/messages.hpp"

namespace ektp::reader {

/// Shared between the owner and the device thread, so that a stuck call can
/// outlive the owner.
struct DeviceThread::Core {
  std::mutex m;
  std::condition_variable cv;
  std::function<void()> job;
  std::uint64_t issued = 0;     // id of the last job handed to the device thread
  std::uint64_t completed = 0;  // id of the last job the device thread finished
  bool stop = false;
  std::thread worker;

  bool idle() const { return completed == issued; }

  void loop() {
    std::unique_lock lock(m);
    for (;;) {
      cv.wait(lock, [&] { return stop || job != nullptr; });
      if (job) {
        std::function<void()> j = std::move(job);
        job = nullptr;
        const std::uint64_t id = issued;
        lock.unlock();
        j();
        j = nullptr;  // release what the job captured on this thread, unlocked
        lock.lock();
        completed = id;
        cv.notify_all();
      } else if (stop) {
        return;
      }
    }
  }
};

DeviceThread::DeviceThread() : core_(std::make_shared<Core>()) {
  // The thread holds its own reference: a call stuck past the owner's
  // lifetime keeps the core alive until it returns.
  core_->worker = std::thread([keep = core_] { keep->loop(); });
}

DeviceThread::~DeviceThread() {
  bool stuck_now;
  {
    std::lock_guard lock(core_->m);
    core_->stop = true;
    stuck_now = !core_->idle();
  }
  core_->cv.notify_all();
  if (stuck_now) {
    core_->worker.detach();
  } else {
    core_->worker.join();
  }
}

bool DeviceThread::stuck() const {
  std::lock_guard lock(core_->m);
  return !core_->idle();
}

Result<void> DeviceThread::run(std::function<void()> job, std::chrono::milliseconds deadline) {
  using clock = std::chrono::steady_clock;
  const auto until = clock::now() + deadline;
  auto& c = *core_;
  std::unique_lock lock(c.m);
  // A stuck earlier call: wait for it (bounded), never queue behind it.
  if (!c.cv.wait_until(lock, until, [&] { return c.idle(); })) {
    return fail("card.not_responding", msg::card_not_responding());
  }
  c.job = std::move(job);
  const std::uint64_t id = ++c.issued;
  c.cv.notify_all();
  if (!c.cv.wait_until(lock, until, [&] { return c.completed == id; })) {
    return fail("card.not_responding", msg::card_timeout(deadline));
  }
  return ok();
}

}  // namespace ektp::reader
