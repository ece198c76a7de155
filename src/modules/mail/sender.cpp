#include "modules/mail/sender.h"

#include <sodium.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "core/util/strings.h"
#include "modules/mail/message.h"
#include "modules/mail/smtp.h"
#include "modules/mail/store.h"

namespace tinhso::mail {

namespace {

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return hex_encode(raw);
}

// SMTP cannot deliver exactly once: a node killed after the relay accepted a message but before
// mark_sent committed sends it again when the lease runs out. Every attempt therefore sends the same
// bytes — the Message-ID and the Date (RFC 5322 §3.6.1: when the message was ready, i.e. enqueued)
// derive from the outbox row alone — so the receiving side can recognise the copy (RFC 5322 §3.6.4:
// a Message-ID names one message).
std::string message_id(const Queued& q, const std::string& from) {
  auto at = from.rfind('@');
  std::string domain = at == std::string::npos ? "localhost" : from.substr(at + 1);
  std::string row = std::to_string(q.id) + "\n" + q.created_at + "\n" + q.to + "\n" + q.subject;
  unsigned char h[8];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(row.data()), row.size(), nullptr, 0);
  return "outbox." + std::to_string(q.id) + "." + hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h)) +
         "@" + domain;
}

// Delivers one claimed message and records the outcome. True if sent.
bool deliver(db::Database& db, const auth::Clock& clock, const SenderConfig& cfg, const Transport& transport,
             const Queued& q) {
  std::string error;
  bool permanent = false;
  try {
    auto date = q.created_at.empty() ? clock.now() : auth::parse_iso_utc(q.created_at);
    std::string data = build_message({cfg.mail_from, q.to, q.subject, q.body, date, message_id(q, cfg.mail_from)});
    transport(cfg.mail_from, q.to, data);
    db.transaction([&](soci::session& s) { mark_sent(s, q.id, auth::iso_utc(clock.now())); });
    return true;
  } catch (const InvalidMessage& e) {
    error = std::string("invalid message: ") + e.what();
    permanent = true;
  } catch (const SmtpError& e) {
    error = e.what();
    permanent = e.permanent();
  } catch (const std::exception& e) {
    error = e.what();
  }
  int attempts = q.attempts + 1;
  auto delay = permanent ? std::nullopt : retry_delay(attempts);
  std::optional<std::string> next;
  if (delay) next = auth::iso_utc(clock.now() + *delay);
  db.transaction([&](soci::session& s) { mark_failed(s, q.id, attempts, next, error); });
  if (next)
    spdlog::warn("mail {}: attempt {} failed ({}); retry at {}", q.id, attempts, error, *next);
  else
    spdlog::error("mail {}: attempt {} failed ({}); giving up", q.id, attempts, error);
  return false;
}

}  // namespace

int deliver_due(db::Database& db, const auth::Clock& clock, const SenderConfig& cfg, const Transport& transport) {
  std::string now = auth::iso_utc(clock.now());
  auto ids = db.with_session([&](soci::session& s) { return due_messages(s, now, cfg.batch); });
  int sent = 0;
  for (auto id : ids) {
    std::string t = auth::iso_utc(clock.now());
    std::string until = auth::iso_utc(clock.now() + cfg.lease);
    auto q = db.transaction([&](soci::session& s) -> std::optional<Queued> {
      if (!claim(s, id, cfg.node, t, until)) return std::nullopt;
      return load(s, id);
    });
    if (q && deliver(db, clock, cfg, transport, *q)) ++sent;
  }
  return sent;
}

Sender::Sender(db::Database& db, const auth::Clock& clock, SenderConfig cfg, Transport transport,
               std::chrono::milliseconds period)
    : db_(db), clock_(clock), cfg_(std::move(cfg)), transport_(std::move(transport)), period_(period) {
  thread_ = std::thread([this] { run(); });
}

Sender::~Sender() { stop(); }

void Sender::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      deliver_due(db_, clock_, cfg_, transport_);
    } catch (const std::exception& e) {
      spdlog::error("mail sender: {}", e.what());
    }
    lock.lock();
    cv_.wait_for(lock, period_, [this] { return stopping_; });
  }
}

std::string node_name() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + random_hex(4);
}

}  // namespace tinhso::mail
