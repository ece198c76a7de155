#pragma once
// Who may do what in the directory module. Deny by default: every handler calls one of these
// before it reads or changes anything.
#include <cstdint>
#include <optional>
#include <vector>

#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::directory {

// Admin units and agencies are managed by administrators only (issue 3). Throws
// Error(unauthenticated) for anonymous requests and Error(forbidden) for everyone else.
const auth::Principal& require_manage_directory(const http::Request& req);
// Admin units are the province's: changing one needs a province-wide administrator (no agency).
// Throws Error(forbidden) for an agency-scoped one.
const auth::Principal& require_manage_units(const http::Request& req);
// The agencies `p` may change: nullopt for a province-wide administrator, else their agency
// and every agency below it (usecases.h Scope; nobody grants more than they hold).
std::optional<std::vector<std::int64_t>> directory_scope(const auth::Principal& p);

}  // namespace tinhso::directory
