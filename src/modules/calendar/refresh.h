#pragma once
// Keeps app::Context::calendar equal to the schedules in the database, on every node.
//   * reload(): reads calendar_version and the schedules, and swaps a new calendar in. Called at
//     start and right after a change made on this node.
//   * Refresher: a thread that polls calendar_version every `period` and reloads when it moved, so
//     that a change made on another node sharing the database is seen within one period.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/app/module.h"

namespace tinhso::calendar {

// Serialised (one reload at a time per process, so an older read never replaces a newer one).
// Throws on a database error; the current calendar then stays.
void reload(app::Context& ctx);
// The version the current calendar was built from (0 before the first reload).
std::int64_t loaded_version();

class Refresher {
 public:
  Refresher(app::Context& ctx, std::chrono::milliseconds period);
  ~Refresher();  // stops
  Refresher(const Refresher&) = delete;
  Refresher& operator=(const Refresher&) = delete;
  // Ends the thread; idempotent.
  void stop();

 private:
  void run();

  app::Context& ctx_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tinhso::calendar
