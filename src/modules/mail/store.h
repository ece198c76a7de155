#pragma once
// All SQL of the mail module: the outbox and its leases. Times are iso_utc() text.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace tinhso::mail {

struct Queued {
  std::int64_t id = 0;
  std::string to, subject, body;
  std::string created_at;  // ISO UTC, when the message was enqueued
  int attempts = 0;
};

// `body_after_send`: the body kept once the message is sent or given up (nullopt: `body` itself).
void insert_message(soci::session& s, const std::string& to, const std::string& subject, const std::string& body,
                    const std::string& now, const std::optional<std::string>& body_after_send = std::nullopt);
// Ids of unsent messages due at `now` and not leased by a live claim, oldest first.
std::vector<std::int64_t> due_messages(soci::session& s, const std::string& now, int limit);
// Leases message `id` to `node` until `until`. False if another node holds it or it was sent:
// the UPDATE's affected row count decides, so two nodes never both win.
bool claim(soci::session& s, std::int64_t id, const std::string& node, const std::string& now,
           const std::string& until);
std::optional<Queued> load(soci::session& s, std::int64_t id);
// Marks the message sent; its body becomes body_after_send when it has one.
void mark_sent(soci::session& s, std::int64_t id, const std::string& now);
// Records a failed attempt; `next_attempt` empty = give up (the body then becomes body_after_send).
void mark_failed(soci::session& s, std::int64_t id, int attempts, const std::optional<std::string>& next_attempt,
                 const std::string& error);

}  // namespace tinhso::mail
