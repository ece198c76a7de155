#include "modules/calendar/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::calendar {

const auth::Principal& require_manage_calendar(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::administrator), "calendar.manage");
  return p;
}

bool may_manage_calendar(const http::Request& req) {
  const auth::Principal* p = req.principal.get();
  return p && p->has(auth::Role::administrator) && (!p->second_factor_required || p->second_factor_passed);
}

}  // namespace tinhso::calendar
