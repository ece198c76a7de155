#include "modules/audit/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::audit {

bool may_read_log(const auth::Principal& p) { return p.has(auth::Role::auditor); }

const auth::Principal& require_log_reader(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(may_read_log(p), "audit.read");
  return p;
}

}  // namespace tinhso::audit
