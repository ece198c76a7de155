#include "modules/directory/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::directory {

const auth::Principal& require_manage_directory(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::administrator), "directory.manage");
  return p;
}

const auth::Principal& require_manage_units(const http::Request& req) {
  const auth::Principal& p = require_manage_directory(req);
  auth::require(!p.agency_id, "directory.units.province_wide");
  return p;
}

std::optional<std::vector<std::int64_t>> directory_scope(const auth::Principal& p) {
  if (!p.agency_id) return std::nullopt;
  return p.agency_scope;
}

}  // namespace tinhso::directory
