#pragma once
// Sessions and CSRF at the HTTP edge (issue 3 §4, §5; ASVS 5.0 §7, §3.5). The session token is a
// random 256-bit value in cookie `tinhso_session` (`__Host-tinhso_session` with Secure over
// HTTPS), stored only as its hash, so any node can serve it. The `before` hook turns the cookie
// into req.principal and checks the CSRF token of every state-changing request.
#include <cstdint>
#include <string>

#include "core/app/module.h"
#include "core/http/cookie.h"
#include "modules/identity/store.h"

namespace tinhso::identity {

// Cookie of the pre-session CSRF token for anonymous forms (double submit).
inline constexpr std::string_view kAnonCsrfCookie = "tinhso_csrf";
// Staff session limits (issue 3 §4); citizens' come from identity::Settings (api.h).
inline constexpr std::chrono::minutes kStaffIdle{30};
inline constexpr std::chrono::minutes kStaffAbsolute{12 * 60};

std::string session_cookie_name(const http::Request& req);
// Creates a session for `account` in the caller's transaction; returns its id and the cookie
// carrying the new token.
std::pair<std::int64_t, http::SetCookie> start_session(soci::session& s, app::Context& ctx, const http::Request& req,
                                                      const Account& account);
// A Set-Cookie that deletes the session cookie.
http::SetCookie end_session_cookie(const http::Request& req);
// The principal of a signed-in `account` (roles, agency scope, second-factor need).
auth::Principal principal_of(soci::session& s, const Account& account);

// The anonymous CSRF token of this browser; when it has none yet, makes one and sets `*cookie`.
std::string anon_csrf(const http::Request& req, std::optional<http::SetCookie>* cookie);

// app::Module::before: loads the session, then enforces CSRF on POST/PUT/PATCH/DELETE.
void before(http::Request& req, app::Context& ctx);

}  // namespace tinhso::identity
