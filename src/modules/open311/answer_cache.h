#pragma once
// A node's cache of rendered GET requests answers (api_routes.cpp). An entry is reused only while
// the database's answer version (store.h answer_version, bumped in the same transaction as any
// change of an Open311 petition, report or service, by any node) is the one it was rendered at,
// and for at most max_age: the 90-day default window moves with the clock, and agency names
// change outside the version. Bounded in entries and bytes, least recently used first out.
// Thread-safe. No clock of its own: callers pass the moment (steady time), so tests inject it.
#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace tinhso::open311 {

// One rendered answer and its gzip form (null when not worth it), shared with the responses
// that send them (http::Response::shared_body: no copy per request).
struct CachedAnswer {
  std::shared_ptr<const std::string> body, gzip;
};

class AnswerCache {
 public:
  using Clock = std::chrono::steady_clock;
  struct Limits {
    std::size_t max_entries = 256;
    std::size_t max_bytes = 64u << 20;
    Clock::duration max_age = std::chrono::seconds(30);
  };
  AnswerCache() = default;
  explicit AnswerCache(Limits limits) : limits_(limits) {}

  // The body stored for `key` at `version`, if it is still fresh at `now`.
  std::shared_ptr<const CachedAnswer> get(const std::string& key, std::int64_t version, Clock::time_point now) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    if (it->second.version != version || now - it->second.at > limits_.max_age) {
      drop(it);
      return nullptr;
    }
    order_.splice(order_.begin(), order_, it->second.lru);
    return it->second.answer;
  }

  // Stores `answer` for `key` as rendered at `version`; an answer larger than a quarter of the
  // byte bound is not kept.
  void put(const std::string& key, std::int64_t version, Clock::time_point now, CachedAnswer answer) {
    std::size_t size = (answer.body ? answer.body->size() : 0) + (answer.gzip ? answer.gzip->size() : 0);
    if (size > limits_.max_bytes / 4) return;
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end()) drop(it);
    order_.push_front(key);
    bytes_ += size;
    entries_.emplace(key, Entry{std::make_shared<const CachedAnswer>(std::move(answer)), size, version, now, order_.begin()});
    while (entries_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) drop(entries_.find(order_.back()));
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::shared_ptr<const CachedAnswer> answer;
    std::size_t size;
    std::int64_t version;
    Clock::time_point at;
    std::list<std::string>::iterator lru;
  };
  void drop(std::unordered_map<std::string, Entry>::iterator it) {
    bytes_ -= it->second.size;
    order_.erase(it->second.lru);
    entries_.erase(it);
  }

  Limits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // most recently used first
  std::size_t bytes_ = 0;
};

}  // namespace tinhso::open311
