#pragma once
// Read-only queries behind the auditors' pages: the audit log and the security events, filtered
// and paged by key (newest first). Empty filter fields match everything.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace tinhso::audit {

struct LogFilter {
  std::string from, to;  // iso_utc bounds: at >= from, at < to
  std::string actor;     // actor name or account id
  std::string action, object_type, object_id;
  std::int64_t before = 0;  // keyset: seq < before (0: from the newest)
};

struct LogRecord {
  std::int64_t seq = 0;
  std::string at;
  std::optional<std::int64_t> actor_id;
  std::string actor_name, role, address, action, object_type, object_id, before, after, request_id, hash;
};

// Calls `fn` for at most `limit` matching records, newest first.
void each_record(soci::session& s, const LogFilter& f, int limit, const std::function<void(const LogRecord&)>& fn);

struct EventFilter {
  std::string from, to, kind, address;
  std::int64_t before = 0;  // keyset: id < before
};

struct SecurityEvent {
  std::int64_t id = 0;
  std::string at, kind, address;
  std::optional<std::int64_t> account_id;
  std::string subject, detail, request_id;
};

std::vector<SecurityEvent> list_events(soci::session& s, const EventFilter& f, int limit);
// Counts of matching events (ignoring f.before) per kind and per address, largest first.
std::vector<std::pair<std::string, std::int64_t>> count_events_by_kind(soci::session& s, const EventFilter& f);
std::vector<std::pair<std::string, std::int64_t>> count_events_by_address(soci::session& s, const EventFilter& f,
                                                                          int limit);

}  // namespace tinhso::audit
