#pragma once
// A background loop: runs `fn` at once and then about every `period` on its own thread until
// stopped (stop() or destruction wakes it at once). An exception from `fn` is logged with
// `name` and the loop goes on.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

namespace tinhso::util {

class Periodic {
 public:
  Periodic(std::string name, std::chrono::milliseconds period, std::function<void()> fn)
      : name_(std::move(name)), period_(period), fn_(std::move(fn)) {
    thread_ = std::thread([this] { run(); });
  }
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;
  ~Periodic() { stop(); }
  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      try {
        fn_();
      } catch (const std::exception& e) {
        spdlog::error("{}: {}", name_, e.what());
      }
      lock.lock();
      cv_.wait_for(lock, period_, [this] { return stopping_; });
    }
  }

  std::string name_;
  std::chrono::milliseconds period_;
  std::function<void()> fn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tinhso::util
