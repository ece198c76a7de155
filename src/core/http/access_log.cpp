#include "core/http/access_log.h"

#include <array>
#include <chrono>
#include <ctime>
#include <stdexcept>

#include "core/http/form.h"
#include "core/util/strings.h"

namespace tinhso::http {

namespace {
constexpr std::array<std::string_view, 1> kSecretParams = {"token"};

// `name` as the form parser reads it (percent-decoded), so "t%6Fken" is caught too; a name that
// does not decode is redacted, being unknowable.
bool secret_param(std::string_view name) {
  std::string decoded;
  try {
    decoded = percent_decode(name, true);
  } catch (const std::exception&) {
    return true;
  }
  for (auto secret : kSecretParams)
    if (iequals(decoded, secret)) return true;
  return false;
}
}  // namespace

std::string redact_target(std::string_view target) {
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  std::size_t hash = query.find('#');
  std::string_view fragment = hash == std::string_view::npos ? std::string_view() : query.substr(hash);
  query = query.substr(0, hash);
  bool first = true;
  while (true) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (!first) out += '&';
    first = false;
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && secret_param(pair.substr(0, eq)))
      out.append(pair.substr(0, eq + 1)).append("REDACTED");
    else
      out.append(pair);
    if (amp == std::string_view::npos) break;
    query = query.substr(amp + 1);
  }
  out.append(fragment);
  return out;
}

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
                     "\",\"target\":\"" + json_escape(redact_target(r.target)) + "\",\"route\":\"" + json_escape(r.route) +
                     "\",\"status\":" + std::to_string(r.status) + ",\"bytes\":" + std::to_string(r.bytes) +
                     ",\"ms\":" + dur + ",\"ua\":\"" + json_escape(r.user_agent) + "\"}\n";
  std::lock_guard lock(mu_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace tinhso::http
