#include "modules/directory/permissions.h"

#include "core/auth/guard.h"

namespace tinhso::directory {

const auth::Principal& require_manage_directory(const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.has(auth::Role::administrator), "directory.manage");
  return p;
}

}  // namespace tinhso::directory
