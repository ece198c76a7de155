#include "modules/mfa/permissions.h"

#include "core/http/errors.h"

namespace tinhso::mfa::permissions {

const auth::Principal& session_account(const http::Request& req) {
  if (!req.principal) throw http::Error(http::ErrorKind::unauthenticated, "sign-in required");
  return *req.principal;
}

bool second_factor_due(const auth::Principal& p) { return p.second_factor_required && !p.second_factor_passed; }

}  // namespace tinhso::mfa::permissions
