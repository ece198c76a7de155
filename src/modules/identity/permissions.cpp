#include "modules/identity/permissions.h"

#include <string>

#include "core/auth/guard.h"

namespace tinhso::identity::permissions {

const auth::Principal& own_account(const http::Request& req) { return auth::require_login(req); }

const auth::Principal& manage_staff(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::administrator), "manage staff accounts");
  return p;
}

std::optional<std::vector<std::int64_t>> staff_scope(const auth::Principal& p) {
  if (!p.agency_id) return std::nullopt;
  return p.agency_scope;
}

void create_staff_in(const auth::Principal& p, std::optional<std::int64_t> agency) {
  if (!p.agency_id) return;  // province-wide administrator
  auth::require(agency && p.in_scope(*agency), "create staff outside own agency scope");
}

bool may_grant(const auth::Principal& p, auth::Role role) {
  return !p.agency_id || !auth::role_is_province_wide(role);  // no agency: province-wide administrator
}

void grant_roles(const auth::Principal& p, const std::vector<auth::Role>& roles) {
  for (auth::Role r : roles) auth::require(may_grant(p, r), "grant a role beyond the granter's reach");
}

}  // namespace tinhso::identity::permissions
