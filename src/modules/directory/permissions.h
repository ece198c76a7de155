#pragma once
// Who may do what in the directory module. Deny by default: every handler calls one of these
// before it reads or changes anything.
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::directory {

// Admin units and agencies are managed by administrators only (issue 3). Throws
// Error(unauthenticated) for anonymous requests and Error(forbidden) for everyone else.
const auth::Principal& require_manage_directory(const http::Request& req);

}  // namespace tinhso::directory
