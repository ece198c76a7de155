#pragma once
// Who may read the audit log and the security events (issue 3 §8–9). Deny by default.
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::audit {

// Auditors only. Administrators may not: they manage accounts and roles, and the log is what
// holds them to account (separation of duties; ASVS 5.0 16.4.2: logs protected from those
// whose actions they record).
bool may_read_log(const auth::Principal& p);
// Throws unauthenticated for anonymous requests, forbidden unless may_read_log().
const auth::Principal& require_log_reader(const http::Request& req);

}  // namespace tinhso::audit
