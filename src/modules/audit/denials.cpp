// Refused requests as security events (issue 3 §9), called from the error page hook.
#include <spdlog/spdlog.h>

#include "modules/audit/api.h"

namespace tinhso::audit {

void record_forbidden(db::Database& db, const auth::Clock& clock, const http::Request& req, const http::Error& e) {
  // Not denials: CSRF token failures (recorded by identity) and a pending second factor (the
  // normal sign-in step for staff; the browser is sent to /account/2fa).
  if (e.kind() != http::ErrorKind::forbidden || e.message_id() == "error.forbidden.csrf" ||
      e.message_id() == "error.forbidden.second_factor")
    return;
  std::string_view kind = e.message_id() == "error.forbidden.cross_site" ? "csrf_failure" : "permission_denied";
  try {
    security_event(db, clock, req, kind, req.method + " " + req.path, e.what());
  } catch (const std::exception& ex) {
    spdlog::error("request {}: could not record a security event: {}", req.request_id, ex.what());
  }
}

}  // namespace tinhso::audit
