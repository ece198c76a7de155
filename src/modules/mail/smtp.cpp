#include "modules/mail/smtp.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <istream>

#include "modules/mail/message.h"

namespace tinhso::mail {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

SmtpTarget parse_smtp_target(const std::string& host_port) {
  auto colon = host_port.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size())
    throw std::invalid_argument("SMTP relay must be HOST:PORT, not \"" + host_port + "\"");
  SmtpTarget t;
  t.host = host_port.substr(0, colon);
  if (t.host.size() > 2 && t.host.front() == '[' && t.host.back() == ']') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = host_port.substr(colon + 1);
  if (t.port.find_first_not_of("0123456789") != std::string::npos || t.port.size() > 5)
    throw std::invalid_argument("SMTP relay port must be a number, not \"" + t.port + "\"");
  return t;
}

namespace {

// One SMTP conversation. Each step runs the io_context for at most the timeout; an unfinished
// step closes the socket and fails.
class Session {
 public:
  explicit Session(const SmtpTarget& t) : target_(t), socket_(io_) {}

  void connect() {
    tcp::resolver resolver(io_);
    boost::system::error_code ec;
    auto endpoints = resolver.resolve(target_.host, target_.port, ec);
    if (ec) throw SmtpError("cannot resolve " + target_.host + ": " + ec.message(), false);
    step("connect", [&](auto done) { asio::async_connect(socket_, endpoints, [done](auto e, auto) { done(e); }); });
  }

  // Reads one (possibly multi-line) reply; returns its code.
  int reply(const std::string& what) {
    for (;;) {
      step(what, [&](auto done) { asio::async_read_until(socket_, buf_, "\r\n", [done](auto e, auto) { done(e); }); });
      std::istream in(&buf_);
      std::string line;
      std::getline(in, line);
      if (line.size() < 3) throw SmtpError("malformed reply to " + what, false);
      last_ = line;
      if (!last_.empty() && last_.back() == '\r') last_.pop_back();
      if (line.size() > 3 && line[3] == '-') continue;
      return std::atoi(line.substr(0, 3).c_str());
    }
  }

  void send(const std::string& data, const std::string& what) {
    step(what, [&](auto done) { asio::async_write(socket_, asio::buffer(data), [done](auto e, auto) { done(e); }); });
  }

  // Sends a command and expects a reply in [lo, hi].
  void command(const std::string& line, const std::string& what, int lo, int hi) {
    send(line + "\r\n", what);
    expect(what, lo, hi);
  }

  void expect(const std::string& what, int lo, int hi) {
    int code = reply(what);
    if (code < lo || code > hi) throw SmtpError(what + " refused: " + last_.substr(0, 200), code >= 500);
  }

  int command_code(const std::string& line, const std::string& what) {
    send(line + "\r\n", what);
    return reply(what);
  }

  void close() {
    boost::system::error_code ec;
    socket_.close(ec);
  }

 private:
  template <class Start>
  void step(const std::string& what, Start start) {
    boost::system::error_code result = asio::error::would_block;
    io_.restart();
    start([&result](boost::system::error_code e) { result = e; });
    io_.run_for(target_.timeout);
    if (result == asio::error::would_block) {
      close();
      io_.restart();
      io_.run();  // let the cancelled operation finish
      throw SmtpError(what + " timed out", false);
    }
    if (result) throw SmtpError(what + " failed: " + result.message(), false);
  }

  const SmtpTarget& target_;
  asio::io_context io_;
  tcp::socket socket_;
  asio::streambuf buf_;
  std::string last_;
};

}  // namespace

void smtp_send(const SmtpTarget& target, const std::string& from, const std::string& to, const std::string& message) {
  if (!valid_address(from) || !valid_address(to)) throw SmtpError("invalid envelope address", true);
  Session s(target);
  try {
    s.connect();
    s.expect("greeting", 220, 220);
    if (int code = s.command_code("EHLO " + target.helo_name, "EHLO"); code != 250)
      s.command("HELO " + target.helo_name, "HELO", 250, 250);
    s.command("MAIL FROM:<" + from + ">", "MAIL FROM", 250, 251);
    s.command("RCPT TO:<" + to + ">", "RCPT TO", 250, 251);
    s.command("DATA", "DATA", 354, 354);
    s.send(dot_stuff(message) + ".\r\n", "message data");
    s.expect("message data", 250, 250);
    try {
      s.command("QUIT", "QUIT", 221, 221);
    } catch (const SmtpError&) {
      // Delivered already; a relay that hangs up without 221 does not undo it.
    }
    s.close();
  } catch (...) {
    s.close();
    throw;
  }
}

}  // namespace tinhso::mail
