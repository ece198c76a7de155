#include "modules/dossiers/notify_sms.h"

#include <netdb.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "core/util/strings.h"
#include "modules/dossiers/store_processing.h"

namespace tinhso::dossiers {

namespace {

constexpr std::chrono::seconds kLease{60};
constexpr int kMaxAttempts = 8;

// 30 s, 1 min, 2 min, … up to 1 h; nullopt once kMaxAttempts were made.
std::optional<std::chrono::seconds> sms_retry_delay(int attempts) {
  if (attempts >= kMaxAttempts) return std::nullopt;
  return std::min<std::chrono::seconds>(std::chrono::seconds(30) * (1 << (attempts - 1)), std::chrono::hours(1));
}

struct Socket {
  int fd = -1;
  ~Socket() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

SmsTarget parse_sms_webhook(const std::string& url) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) throw std::invalid_argument("--sms-webhook must be an http:// URL");
  std::string rest = url.substr(scheme.size());
  SmsTarget t;
  auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  t.path = slash == std::string::npos ? "/" : rest.substr(slash);
  auto colon = authority.rfind(':');
  t.host = colon == std::string::npos ? authority : authority.substr(0, colon);
  t.port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  bool bad = t.host.empty() || t.port.empty() ||
             t.port.find_first_not_of("0123456789") != std::string::npos ||
             (t.host + t.path).find_first_of(" \r\n\t") != std::string::npos;
  if (bad) throw std::invalid_argument("--sms-webhook must be an http://HOST[:PORT]/PATH URL");
  return t;
}

void post_sms(const SmsTarget& target, const std::string& json) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(target.host.c_str(), target.port.c_str(), &hints, &res) != 0 || !res)
    throw std::runtime_error("sms webhook: cannot resolve " + target.host);
  Socket sock;
  timeval tv{static_cast<time_t>(target.timeout.count() / 1000),
             static_cast<suseconds_t>((target.timeout.count() % 1000) * 1000)};
  bool connected = false;
  for (addrinfo* a = res; a && !connected; a = a->ai_next) {
    sock.fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (sock.fd < 0) continue;
    setsockopt(sock.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(sock.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(sock.fd, a->ai_addr, a->ai_addrlen) == 0) {
      connected = true;
    } else {
      close(sock.fd);
      sock.fd = -1;
    }
  }
  freeaddrinfo(res);
  if (!connected) throw std::runtime_error("sms webhook: cannot connect to " + target.host + ":" + target.port);
  std::string request = "POST " + target.path + " HTTP/1.1\r\nHost: " + target.host + ":" + target.port +
                        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(json.size()) +
                        "\r\nConnection: close\r\n\r\n" + json;
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = send(sock.fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) throw std::runtime_error("sms webhook: send failed");
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buf[512];
  while (answer.find("\r\n") == std::string::npos && answer.size() < 4096) {
    ssize_t n = recv(sock.fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  // "HTTP/1.1 204 No Content"
  if (answer.size() < 12 || !answer.starts_with("HTTP/1.") || answer[9] != '2')
    throw std::runtime_error("sms webhook: answered " + answer.substr(0, std::min<std::size_t>(answer.find('\r'), 40)));
}

std::string sms_json(const QueuedSms& q) {
  std::string row = std::to_string(q.id) + "\n" + q.created_at + "\n" + q.to + "\n" + q.text;
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(row.data()), row.size(), nullptr, 0);
  std::string message_id =
      "sms-" + std::to_string(q.id) + "-" + hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
  return "{\"to\":\"" + json_escape(q.to) + "\",\"text\":\"" + json_escape(q.text) + "\",\"dossier_code\":\"" +
         json_escape(q.dossier_code) + "\",\"message_id\":\"" + message_id + "\"}";
}

int deliver_due_sms(db::Database& db, const auth::Clock& clock, const std::string& node,
                    const std::function<void(const std::string&)>& post) {
  auto ids = db.with_session([&](soci::session& s) { return due_sms(s, auth::iso_utc(clock.now()), 20); });
  int sent = 0;
  for (auto id : ids) {
    auto now = clock.now();
    auto q = db.transaction([&](soci::session& s) -> std::optional<QueuedSms> {
      if (!claim_sms(s, id, node, auth::iso_utc(now), auth::iso_utc(now + kLease))) return std::nullopt;
      return load_sms(s, id);
    });
    if (!q) continue;
    try {
      post(sms_json(*q));
      db.transaction([&](soci::session& s) { mark_sms_sent(s, id, auth::iso_utc(clock.now())); });
      ++sent;
    } catch (const std::exception& e) {
      int attempts = q->attempts + 1;
      auto delay = sms_retry_delay(attempts);
      std::optional<std::string> next;
      if (delay) next = auth::iso_utc(clock.now() + *delay);
      db.transaction([&](soci::session& s) { mark_sms_failed(s, id, attempts, next, e.what()); });
      spdlog::warn("sms {}: attempt {} failed ({})", id, attempts, e.what());
    }
  }
  return sent;
}

}  // namespace tinhso::dossiers
