#pragma once
// A dependency the request needs is down or saturated for a while (the database restarting, its
// disk full, no free session within the wait): the server answers 503 with Retry-After instead of
// 500, and the client may retry the same request later. Thrown by core/db; the HTTP server maps it
// (core/http/server.cpp) and never shows `what()` to the client.
#include <stdexcept>
#include <string>

namespace tinhso::util {

class Unavailable : public std::runtime_error {
 public:
  explicit Unavailable(const std::string& what, int retry_after_seconds = 5)
      : std::runtime_error(what), retry_after_(retry_after_seconds) {}
  int retry_after() const { return retry_after_; }

 private:
  int retry_after_;
};

}  // namespace tinhso::util
