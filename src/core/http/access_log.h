#pragma once
// One JSON object per line per request: time, request id, peer, method, target, route, status,
// response bytes, duration; secrets in the target redacted (redact_target). Writes are
// serialised; the sink is a file, stdout ("-") or nothing.
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

// `target` with the value of every query parameter that carries a secret (`token`: the e-mailed
// confirmation and reset links; issue 12 §7) replaced by "REDACTED", so the log never holds a
// live secret. Everything else is kept byte for byte.
std::string redact_target(std::string_view target);

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
