#include "modules/identity/session.h"

#include "core/auth/principal.h"
#include "core/http/errors.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/account.h"
#include "modules/identity/password.h"
#include "modules/identity/api.h"

namespace tinhso::identity {

namespace {

bool state_changing(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

void load_principal(http::Request& req, app::Context& ctx) {
  auto it = req.cookies.find(session_cookie_name(req));
  if (it == req.cookies.end() || it->second.empty()) return;
  std::string hash = token_hash(it->second);
  auto now = ctx.clock.now();
  ctx.db.with_session([&](soci::session& s) {
    auto found = find_signed_in(s, hash);
    if (!found) return;
    const Session* session = &found->session;
    const Account* account = &found->account;
    auto created = auth::parse_iso_utc(session->created_at);
    auto last_seen = auth::parse_iso_utc(session->last_seen_at);
    auto absolute = std::chrono::duration_cast<std::chrono::minutes>(
        auth::parse_iso_utc(session->absolute_expires_at) - created);
    auto state = session_state(now, created, last_seen, std::chrono::minutes(session->idle_minutes), absolute);
    if (state != SessionState::active) return;
    if (account->status != "active") return;
    auto p = std::make_shared<auth::Principal>(principal_of(s, *account));
    p->session_id = session->id;
    p->csrf_token = session->csrf_token;
    p->second_factor_passed = session->second_factor_passed;
    if (should_touch(now, last_seen)) touch_session(s, session->id, auth::iso_utc(now));
    req.principal = std::move(p);
  });
}

void check_csrf(http::Request& req, app::Context& ctx) {
  // Routes opt out one by one (http::RouteOptions::csrf), declared where the module adds them.
  if (!state_changing(req.method) || !req.csrf_required) return;
  std::string_view sent = req.form.get_or("_csrf", req.headers.get_or("X-CSRF-Token", ""));
  std::string expected;
  if (req.principal) {
    expected = req.principal->csrf_token;
  } else if (auto c = req.cookies.find(kAnonCsrfCookie); c != req.cookies.end()) {
    expected = c->second;
  }
  if (same_secret(sent, expected)) return;
  audit::security_event(ctx.db, ctx.clock, req, "csrf_failure", req.method + " " + req.path,
                        sent.empty() ? "missing token" : "wrong token");
  throw http::Error(http::ErrorKind::forbidden, "CSRF token missing or wrong", "error.forbidden.csrf");
}

}  // namespace

std::string session_cookie_name(const http::Request& req) {
  return req.secure ? "__Host-tinhso_session" : "tinhso_session";
}

auth::Principal principal_of(soci::session& s, const Account& a) {
  auth::Principal p;
  p.account_id = a.id;
  p.display_name = a.full_name;
  p.email = a.email;
  p.roles = a.roles;
  p.agency_id = a.agency_id;
  if (a.agency_id) {
    p.agency_scope = directory::agency_scope(s, *a.agency_id);
    if (p.agency_scope.empty()) p.agency_scope.push_back(*a.agency_id);
  }
  p.second_factor_required = std::any_of(a.roles.begin(), a.roles.end(), auth::role_requires_second_factor);
  return p;
}

std::pair<std::int64_t, http::SetCookie> start_session(soci::session& s, app::Context& ctx, const http::Request& req,
                                                      const Account& account) {
  bool staff = account.kind == "staff";
  auto idle = staff ? kStaffIdle : settings(ctx).citizen_idle_timeout;
  auto absolute = staff ? kStaffAbsolute : settings(ctx).citizen_absolute_timeout;
  auto now = ctx.clock.now();
  Session row;
  row.account_id = account.id;
  row.csrf_token = random_token();
  row.created_at = row.last_seen_at = auth::iso_utc(now);
  row.absolute_expires_at = auth::iso_utc(now + absolute);
  row.idle_minutes = static_cast<int>(idle.count());
  row.ip = req.remote_addr;
  // Stored as text: a header that is not UTF-8 is not kept, a long one is cut between characters.
  const std::string_view agent = req.headers.get_or("User-Agent", "");
  row.user_agent = valid_utf8(agent) ? std::string(utf8_prefix(agent, 300)) : std::string();
  std::string token = random_token();
  std::int64_t id = insert_session(s, row, token_hash(token));
  http::SetCookie c{.name = session_cookie_name(req), .value = token, .secure = req.secure};
  return {id, c};
}

http::SetCookie end_session_cookie(const http::Request& req) {
  return http::SetCookie{.name = session_cookie_name(req), .value = "", .max_age = 0, .secure = req.secure};
}

std::string anon_csrf(const http::Request& req, std::optional<http::SetCookie>* cookie) {
  if (auto c = req.cookies.find(kAnonCsrfCookie); c != req.cookies.end() && c->second.size() == 43) return c->second;
  std::string token = random_token();
  *cookie = http::SetCookie{
      .name = std::string(kAnonCsrfCookie), .value = token, .secure = req.secure, .same_site = "Strict"};
  return token;
}

http::Response anonymous_form_page(app::Context& ctx, const http::Request& req, std::string_view page, mstch::map c,
                                   int status) {
  std::optional<http::SetCookie> cookie;
  if (!req.principal) c["csrf"] = anon_csrf(req, &cookie);
  http::Response r = ctx.pages.render(req, page, std::move(c), status);
  r.headers.set("Cache-Control", "no-store");
  if (cookie) r.set_cookie(*cookie);
  return r;
}

void before(http::Request& req, app::Context& ctx) {
  load_principal(req, ctx);
  check_csrf(req, ctx);
}

}  // namespace tinhso::identity
