#pragma once
// The mail module: an outbox table that other modules write to inside their own transaction,
// and a background sender that delivers it over SMTP (--smtp HOST:PORT, --mail-from). Delivery
// runs on every node; each message is claimed with a lease so that exactly one node sends it,
// and failed sends are retried with back-off.
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "core/db/database.h"

namespace tinhso::mail {

app::Module module();

// The mail module's settings (--smtp, --mail-from).
struct Settings {
  std::string smtp = "127.0.0.1:25";         // SMTP relay HOST:PORT, or "log" (demo: print, don't send)
  std::string mail_from = "tinhso@localhost";  // envelope and header sender
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

struct Message {
  std::string to;       // one address
  std::string subject;  // UTF-8; encoded per RFC 2047 when sent
  std::string text;     // UTF-8 plain text body
  // When the text carries a live secret (a link with a token): the body the outbox keeps once
  // the message is sent or given up, without that secret. Empty: the text is kept as it is.
  std::string text_after_send = {};
};

// True if `addr` can be a message's recipient (one plain address; what enqueue accepts).
bool deliverable_address(std::string_view addr);

// Queues `message` in the caller's transaction: it is sent only if that transaction commits.
// Throws InvalidMessage (message.h) for an address deliverable_address refuses or CR/LF in the subject.
void enqueue(soci::session& s, db::Dialect dialect, const auth::Clock& clock, const Message& message);

}  // namespace tinhso::mail
