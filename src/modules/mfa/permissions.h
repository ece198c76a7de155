#pragma once
// Who may use the mfa module's pages. They serve the step between the password and the rest of
// the site, so they take the session's account whether or not its second factor is passed
// (auth::require_login would refuse a pending one); without a session they are refused.
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::mfa::permissions {

// The account of the request's session, second factor pending or passed: /account/2fa and
// /account/2fa/setup. Throws http::Error unauthenticated without a session.
const auth::Principal& session_account(const http::Request& req);
// Whether the session still owes its second factor: the code page serves only then (otherwise it
// sends the visitor on), and enrolling passes it for this session.
bool second_factor_due(const auth::Principal& p);

}  // namespace tinhso::mfa::permissions
