#pragma once
// The SMS webhook interface (issue 5 §7): rows of sms_outbox are POSTed as JSON
// {"to", "text", "dossier_code", "message_id"} to --sms-webhook (plain http://HOST[:PORT]/PATH; a gateway or a
// local relay does the rest). A 2xx answer marks the row sent; anything else is retried with
// back-off. Each row is claimed with a lease, so one node posts it.
#include <chrono>
#include <functional>
#include <string>

#include "core/auth/clock.h"
#include "core/db/database.h"
#include "modules/dossiers/store_processing.h"

namespace tinhso::dossiers {

struct SmsTarget {
  std::string host, port, path;
  std::chrono::milliseconds timeout{10'000};
};
// Parses "http://host[:port][/path]"; throws std::invalid_argument for anything else.
SmsTarget parse_sms_webhook(const std::string& url);
// POSTs `json` to the target; throws std::runtime_error unless the answer is 2xx.
void post_sms(const SmsTarget& target, const std::string& json);

// {"to":…,"text":…,"dossier_code":…,"message_id":…}. A webhook cannot deliver exactly once: a node
// killed after the gateway answered 2xx but before the row was marked sent posts it again when the
// lease runs out, so message_id ("sms-ID-HASH", from the outbox row alone) is the same on every
// attempt and the gateway drops a repeat (docs/OPERATIONS.md, configuration).
std::string sms_json(const QueuedSms& q);

// One pass: posts every due row through `post` (given the JSON body). Returns the number sent.
int deliver_due_sms(db::Database& db, const auth::Clock& clock, const std::string& node,
                    const std::function<void(const std::string&)>& post);

}  // namespace tinhso::dossiers
