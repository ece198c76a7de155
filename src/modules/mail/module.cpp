#include <memory>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "core/app/cli.h"
#include "modules/mail/api.h"
#include "modules/mail/message.h"
#include "modules/mail/sender.h"
#include "modules/mail/smtp.h"
#include "modules/mail/store.h"

namespace tinhso::mail {

namespace {

// `--smtp log`: for a demo or development machine without a relay, each message is written to
// the application log (headers as sent, base64 body decoded) instead of being sent.
void log_message(const std::string& to, const std::string& message) {
  std::size_t split = message.find("\r\n\r\n");
  std::string head = message.substr(0, split), body = split == std::string::npos ? "" : message.substr(split + 4);
  std::string text(body.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(text.data()), text.size(), body.c_str(), body.size(), "\r\n",
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0) {
    text.resize(len);
  } else {
    text = body;  // not base64: show as is
  }
  spdlog::info("mail to {} (--smtp log, not sent):\n{}\n\n{}", to, head, text);
}

void start(app::Context& ctx) {
  Transport transport;
  std::string via;
  if (settings(ctx).smtp == "log") {
    transport = [](const std::string&, const std::string& to, const std::string& message) { log_message(to, message); };
    via = "the application log";
  } else {
    SmtpTarget target = parse_smtp_target(settings(ctx).smtp);
    transport = [target](const std::string& from, const std::string& to, const std::string& message) {
      smtp_send(target, from, to, message);
    };
    via = target.host + ":" + target.port;
  }
  if (ctx.services.find<Sender>()) return;
  // The context owns the sender: it stops (and joins its thread) when the context goes away,
  // after the server stopped taking requests.
  ctx.services.put(
      std::make_shared<Sender>(ctx.db, ctx.clock, SenderConfig{node_name(), settings(ctx).mail_from}, transport));
  spdlog::info("mail: sending via {} as {}", via, settings(ctx).mail_from);
}

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<std::string>(
      cmd, "--smtp", [&s](const std::string& v) { s.smtp = v; },
      "SMTP relay HOST:PORT for outgoing e-mail, or `log` to write messages to the log instead (demo)")
      ->envname("TINHSO_SMTP")
      ->default_str(s.smtp);
  app::add_setting<std::string>(cmd, "--mail-from", [&s](const std::string& v) { s.mail_from = v; },
                                "Sender address of outgoing e-mail")
      ->envname("TINHSO_MAIL_FROM")
      ->default_str(s.mail_from);
}

}  // namespace

app::Module module() {
  app::Module m{"mail", {}, {}, start, {}};
  m.add_options = add_options;
  m.demo_notes = [](const app::Context& ctx) {
    std::vector<std::string> lines;
    if (settings(ctx).smtp == "log") lines.emplace_back("E-mails (e.g. registration links) are printed in this terminal, not sent.");
    return lines;
  };
  return m;
}

bool deliverable_address(std::string_view addr) { return valid_address(addr); }

void enqueue(soci::session& s, db::Dialect /*dialect*/, const auth::Clock& clock, const Message& message) {
  if (!valid_address(message.to)) throw InvalidMessage("invalid recipient address");
  encode_header_text(message.subject);  // refuses CR/LF now, in the caller's transaction
  std::optional<std::string> after;
  if (!message.text_after_send.empty()) after = message.text_after_send;
  insert_message(s, message.to, message.subject, message.text, auth::iso_utc(clock.now()), after);
}

}  // namespace tinhso::mail
