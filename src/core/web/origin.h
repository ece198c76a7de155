#pragma once
// Same-origin check for state-changing requests (OWASP ASVS 5.0 §3.5.2 / 3.5.3): a POST, PUT,
// PATCH or DELETE whose Origin (or, without one, Referer) names another site is refused with
// Error(forbidden, message "error.forbidden.cross_site"). Requests carrying neither header pass
// here; the per-session CSRF token (issue 3) covers them.
#include "core/http/request.h"

namespace tinhso::web {

void check_same_origin(const http::Request& req);

}  // namespace tinhso::web
