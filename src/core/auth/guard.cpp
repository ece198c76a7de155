#include "core/auth/guard.h"

#include <string>

#include "core/http/errors.h"

namespace tinhso::auth {

const Principal& require_login(const http::Request& req) {
  if (!req.principal) throw http::Error(http::ErrorKind::unauthenticated, "sign-in required");
  if (req.principal->second_factor_required && !req.principal->second_factor_passed)
    throw http::Error(http::ErrorKind::forbidden, "second factor pending", "error.forbidden.second_factor");
  return *req.principal;
}

void require(bool allowed, std::string_view what) {
  if (!allowed) throw http::Error(http::ErrorKind::forbidden, "permission denied: " + std::string(what));
}

}  // namespace tinhso::auth
