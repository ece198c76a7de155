#pragma once
// One JSON object per line per request: time, request id, peer, method, target, route, status,
// response bytes, duration. Writes are serialised; the sink is a file, stdout ("-") or nothing.
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace tinhso::http {

struct AccessRecord {
  std::string_view request_id, remote, method, target, route, user_agent;
  int status = 0;
  std::size_t bytes = 0;
  double seconds = 0;
};

class AccessLog {
 public:
  // dest: "-" for stdout, "" or "off" to disable, otherwise a file opened for append.
  explicit AccessLog(const std::string& dest);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;
  void write(const AccessRecord& r);

 private:
  std::FILE* out_ = nullptr;
  bool owned_ = false;
  std::mutex mu_;
};

}  // namespace tinhso::http
