#include "core/http/access_log.h"

#include <chrono>
#include <ctime>
#include <stdexcept>

#include "core/util/strings.h"

namespace tinhso::http {

AccessLog::AccessLog(const std::string& dest) {
  if (dest.empty() || dest == "off") return;
  if (dest == "-") {
    out_ = stdout;
    return;
  }
  out_ = std::fopen(dest.c_str(), "ae");
  if (!out_) throw std::runtime_error("cannot open access log " + dest);
  owned_ = true;
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(out_);
}

void AccessLog::write(const AccessRecord& r) {
  if (!out_) return;
  auto now = std::chrono::system_clock::now();
  auto secs = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char ts[64];
  std::snprintf(ts, sizeof ts, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  char dur[32];
  std::snprintf(dur, sizeof dur, "%.3f", r.seconds * 1000.0);
  std::string line = std::string("{\"ts\":\"") + ts + "\",\"id\":\"" + json_escape(r.request_id) +
                     "\",\"remote\":\"" + json_escape(r.remote) + "\",\"method\":\"" + json_escape(r.method) +
                     "\",\"target\":\"" + json_escape(r.target) + "\",\"route\":\"" + json_escape(r.route) +
                     "\",\"status\":" + std::to_string(r.status) + ",\"bytes\":" + std::to_string(r.bytes) +
                     ",\"ms\":" + dur + ",\"ua\":\"" + json_escape(r.user_agent) + "\"}\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace tinhso::http
