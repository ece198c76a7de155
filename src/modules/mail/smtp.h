#pragma once
// A minimal SMTP client (RFC 5321) for the mail module's sender: plain TCP to a relay, EHLO (HELO
// if refused), MAIL FROM, RCPT TO, DATA (dot-stuffed), QUIT. Every network step has a deadline.
// No Boost in this header: Asio stays inside smtp.cpp.
#include <chrono>
#include <stdexcept>
#include <string>

namespace tinhso::mail {

// A failed delivery; what() is safe to store as last_error (no message content).
class SmtpError : public std::runtime_error {
 public:
  // permanent: the relay refused with a 5xx reply (retrying will not help).
  SmtpError(const std::string& what, bool permanent) : std::runtime_error(what), permanent_(permanent) {}
  bool permanent() const { return permanent_; }

 private:
  bool permanent_;
};

struct SmtpTarget {
  std::string host;
  std::string port;
  std::chrono::milliseconds timeout{30'000};  // per step (connect, each reply, the data)
  std::string helo_name = "localhost";
};

// Parses "HOST:PORT" ("[::1]:25" for IPv6). Throws std::invalid_argument.
SmtpTarget parse_smtp_target(const std::string& host_port);

// Delivers `message` (full RFC 5322 text, not yet dot-stuffed) from `from` to `to`.
// Throws SmtpError on any failure.
void smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const std::string& message);

}  // namespace tinhso::mail
