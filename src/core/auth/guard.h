#pragma once
// Permission checks used by every module's permissions.cpp. Deny by default: a handler that
// does not call one of these before touching an object is a bug.
#include <string_view>

#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::auth {

// The signed-in principal; throws Error(unauthenticated) for anonymous requests, and
// Error(forbidden, "error.forbidden.second_factor") when a required second factor is pending.
const Principal& require_login(const http::Request& req);
// Throws Error(forbidden) unless `allowed`. `what` names the attempted action for the log.
void require(bool allowed, std::string_view what);

}  // namespace tinhso::auth
