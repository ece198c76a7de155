#pragma once
// The outbox sender: claims due messages with a lease, delivers them, and records the outcome
// (sent, or a retry at the back-off of retry_delay(), or given up with last_error kept).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/auth/clock.h"
#include "core/db/database.h"

namespace tinhso::mail {

// Delivers one message (envelope from/to, full RFC 5322 text). Throws SmtpError or any
// std::exception on failure; SmtpError::permanent() means "do not retry".
using Transport = std::function<void(const std::string& from, const std::string& to, const std::string& message)>;

struct SenderConfig {
  std::string node;       // this node's name in claimed_by
  std::string mail_from;  // envelope and From header
  std::chrono::seconds lease{300};
  int batch = 20;
};

// One pass: delivers every message due at clock.now(). Returns the number sent.
int deliver_due(db::Database& db, const auth::Clock& clock, const SenderConfig& cfg, const Transport& transport);

// A background thread running deliver_due() about every `period` until stop() (or destruction).
class Sender {
 public:
  Sender(db::Database& db, const auth::Clock& clock, SenderConfig cfg, Transport transport,
         std::chrono::milliseconds period = std::chrono::milliseconds(1000));
  ~Sender();
  Sender(const Sender&) = delete;
  Sender& operator=(const Sender&) = delete;
  void stop();

 private:
  void run();

  db::Database& db_;
  const auth::Clock& clock_;
  SenderConfig cfg_;
  Transport transport_;
  std::chrono::milliseconds period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

// A node name unique enough for leases: host name, process id and a random suffix.
std::string node_name();

}  // namespace tinhso::mail
