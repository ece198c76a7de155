#include "modules/procedures/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::procedures {

const auth::Principal& require_manage_procedures(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::administrator), "procedures.manage");
  return p;
}

bool may_manage_procedures(const http::Request& req) {
  const auth::Principal* p = req.principal.get();
  return p && p->has(auth::Role::administrator) && (!p->second_factor_required || p->second_factor_passed);
}

}  // namespace tinhso::procedures
