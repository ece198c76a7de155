#pragma once
// Who may do what in the open311 module. Deny by default. The GeoReport API itself is guarded by
// its API keys (api_routes.cpp: an unrevoked key's SHA-256), not by a role, and the public page
// /city-reports is open to everyone; the rest is the administrators' /admin/open311.
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::open311::permissions {

// Issuing and revoking API keys and seeing the services (/admin/open311): administrators.
bool may_manage(const auth::Principal& p);
// The same for a request: its principal once signed in with the second factor passed; throws
// http::Error unauthenticated (no session) or forbidden (pending second factor, or not allowed).
const auth::Principal& manage(const http::Request& req);

}  // namespace tinhso::open311::permissions
