#include <memory>
#include <mutex>

#include <spdlog/spdlog.h>

#include "modules/mail/api.h"
#include "modules/mail/message.h"
#include "modules/mail/sender.h"
#include "modules/mail/smtp.h"
#include "modules/mail/store.h"

namespace tinhso::mail {

namespace {

std::mutex sender_mu;
std::unique_ptr<Sender> sender;  // the one background sender of this process

void start(app::Context& ctx) {
  SmtpTarget target = parse_smtp_target(ctx.settings.smtp);
  Transport smtp = [target](const std::string& from, const std::string& to, const std::string& message) {
    smtp_send(target, from, to, message);
  };
  std::lock_guard lock(sender_mu);
  if (sender) return;
  sender = std::make_unique<Sender>(ctx.db, ctx.clock, SenderConfig{node_name(), ctx.settings.mail_from}, smtp);
  spdlog::info("mail: sending via {}:{} as {}", target.host, target.port, ctx.settings.mail_from);
}

void stop() {
  std::unique_ptr<Sender> s;
  {
    std::lock_guard lock(sender_mu);
    s = std::move(sender);
  }
  if (s) s->stop();
}

}  // namespace

app::Module module() {
  app::Module m{"mail", {}, {}, start, {}};
  m.stop = stop;
  return m;
}

void enqueue(soci::session& s, db::Dialect /*dialect*/, const auth::Clock& clock, const Message& message) {
  if (!valid_address(message.to)) throw InvalidMessage("invalid recipient address");
  encode_header_text(message.subject);  // refuses CR/LF now, in the caller's transaction
  insert_message(s, message.to, message.subject, message.text, auth::iso_utc(clock.now()));
}

}  // namespace tinhso::mail
