#pragma once
// The time source. Rules that depend on time (session expiry, cool-downs, TOTP, deadlines) take
// a Clock so tests can freeze and move time (FakeClock).
#include <atomic>
#include <chrono>

namespace tinhso::auth {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

// A clock that stands still until told otherwise. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::chrono::system_clock::time_point start) : t_(start.time_since_epoch().count()) {}
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(t_.load()));
  }
  void set(std::chrono::system_clock::time_point t) { t_ = t.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration d) { t_ += d.count(); }

 private:
  std::atomic<std::chrono::system_clock::rep> t_;
};

// ISO-8601 UTC text with seconds, as stored in the database ("2026-11-26T14:20:19Z").
std::string iso_utc(std::chrono::system_clock::time_point t);
// Parses iso_utc() output; throws std::invalid_argument otherwise.
std::chrono::system_clock::time_point parse_iso_utc(const std::string& s);

}  // namespace tinhso::auth
