#include "modules/open311/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::open311::permissions {

bool may_manage(const auth::Principal& p) { return p.has(auth::Role::administrator); }

const auth::Principal& manage(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(may_manage(p), "open311.keys");
  return p;
}

}  // namespace tinhso::open311::permissions
