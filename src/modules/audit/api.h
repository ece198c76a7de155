#pragma once
// The audit module: the tamper-evident audit log every state change writes to, the security
// event log, and the auditors' pages over both.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "core/db/database.h"
#include "core/http/errors.h"
#include "core/http/request.h"

namespace tinhso::audit {

app::Module module();

// One state change: what was done to which object, with short before/after summaries
// (never secrets: no passwords, tokens or codes).
struct Change {
  std::string action;       // "account.register", "agency.update", ...
  std::string object_type;  // "account", "agency", ...
  std::string object_id;
  std::string before;
  std::string after;
};

// Appends one record inside the caller's transaction, so the change and its record commit or
// roll back together. Actor, role, address and request id come from `req`.
void record(soci::session& s, db::Dialect dialect, const auth::Clock& clock, const http::Request& req,
            const Change& change);
// The same for changes made outside a request (command line, demo data): actor is `actor`.
void record_system(soci::session& s, db::Dialect dialect, const auth::Clock& clock, std::string_view actor,
                   const Change& change);

struct VerifyResult {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;  // readable, e.g. "record 42 was changed"
};
// Walks the whole chain; `progress` is told the number checked every 100,000 records.
VerifyResult verify(db::Database& db, const std::function<void(std::int64_t)>& progress = {});

// Security events (failed sign-ins, cool-downs, permission denials, CSRF failures). Written in a
// transaction of their own, so they survive the failing request's rollback.
void security_event(db::Database& db, const auth::Clock& clock, const http::Request& req, std::string_view kind,
                    std::string_view subject, std::string_view detail);

// Records a refused request (an http::Error of kind forbidden) as a security event:
// "csrf_failure" for a cross-site request (error.forbidden.cross_site), else
// "permission_denied". CSRF token failures (error.forbidden.csrf) are recorded by the identity
// module itself, and a pending second factor is a sign-in step: both are skipped here. Never
// throws: a failure to record is logged.
void record_forbidden(db::Database& db, const auth::Clock& clock, const http::Request& req, const http::Error& e);

}  // namespace tinhso::audit
