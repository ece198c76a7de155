// HTTP glue of the mfa module: /account/2fa (code after the password) and /account/2fa/setup
// (enrolment). These pages serve sessions whose second factor is still pending (permissions.h).
#include <sodium.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "core/auth/principal.h"
#include "core/http/errors.h"
#include "core/http/response.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/identity/api.h"
#include "modules/mfa/api.h"
#include "modules/mfa/handlers.h"
#include "modules/mfa/permissions.h"
#include "modules/mfa/recovery.h"
#include "modules/mfa/store.h"
#include "modules/mfa/totp.h"

namespace tinhso::mfa {

namespace {

constexpr int kMaxFailures = 5;  // per account in kFailureWindow, then a cool-down
constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr int kRecoveryCodes = 10;

// The recovery-code key (recovery.h), derived once per process from the audit key file.
const crypto::SecretBytes& recovery_key(const std::string& audit_key_file) {
  static std::mutex m;
  static std::unique_ptr<crypto::SecretBytes> key;
  std::lock_guard lock(m);
  if (!key) key = std::make_unique<crypto::SecretBytes>(derive_recovery_key(audit::load_key_file(audit_key_file, true)));
  return *key;
}

// "k7m2-x9qp": 40 random bits in base32, easy to read and type.
std::string new_recovery_code() {
  unsigned char raw[5];
  randombytes_buf(raw, sizeof raw);
  std::string b32 = to_lower_ascii(base32_encode(std::string_view(reinterpret_cast<char*>(raw), sizeof raw)));
  return b32.substr(0, 4) + "-" + b32.substr(4, 4);
}

std::string now_iso(app::Context& ctx) { return auth::iso_utc(ctx.clock.now()); }

// Where the session goes once its second factor passed: the local page it was going to (`next`,
// from the sign-in), else the home its roles declare (web::NavEntry::home_of), else the home page.
std::string after_second_factor(app::Context& ctx, const http::Request& req) {
  std::string next(req.form.get_or("next", req.query_params.get_or("next", "")));
  if (http::is_local_path(next) && !next.starts_with("/account/2fa") && !next.starts_with("/login")) return next;
  return ctx.pages.home_of(*req.principal).value_or("/");
}

http::Response render_code_form(app::Context& ctx, const http::Request& req, std::string error, int status = 200) {
  mstch::map c{{"title", ctx.pages.catalog().get(req.lang, "mfa.verify.title")},
               {"next", after_second_factor(ctx, req)}};
  if (!error.empty()) c["error"] = ctx.pages.catalog().get(req.lang, error);
  return ctx.pages.render(req, "mfa_verify", std::move(c), status);
}

http::Response render_setup(app::Context& ctx, const http::Request& req, const std::string& b32, std::string error,
                            int status = 200) {
  const auto& p = *req.principal;
  std::string uri = otpauth_uri("tinhso", p.email.empty() ? p.display_name : p.email, b32);
  mstch::map c{{"title", ctx.pages.catalog().get(req.lang, "mfa.setup.title")},
               {"qr_svg", qr_svg(uri)},
               {"secret", b32}};
  if (!error.empty()) c["error"] = ctx.pages.catalog().get(req.lang, error);
  return ctx.pages.render(req, "mfa_setup", std::move(c), status);
}

bool cooling_down(app::Context& ctx, soci::session& s, std::int64_t account) {
  return recent_failures(s, account, auth::iso_utc(ctx.clock.now() - kFailureWindow)) >= kMaxFailures;
}

http::Response verify_page(app::Context& ctx, const http::Request& req) {
  const auto& p = permissions::session_account(req);
  if (!permissions::second_factor_due(p)) return http::Response::redirect("/");
  auto secret = ctx.db.with_session([&](soci::session& s) { return load_secret(s, p.account_id); });
  if (!secret || !secret->confirmed) return http::Response::redirect("/account/2fa/setup");
  return render_code_form(ctx, req, "");
}

http::Response verify_submit(app::Context& ctx, const http::Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auto& p = permissions::session_account(req);
  if (!permissions::second_factor_due(p)) return http::Response::redirect("/");
  std::string code(trim(req.form.get_or("code", "")));
  enum class Outcome { passed, wrong, cooldown, not_enrolled };
  Outcome outcome = ctx.db.transaction([&](soci::session& s) {
    if (cooling_down(ctx, s, p.account_id)) return Outcome::cooldown;
    auto secret = load_secret(s, p.account_id);
    if (!secret || !secret->confirmed) return Outcome::not_enrolled;
    bool ok = false;
    std::string action = "session.second_factor";
    if (auto step = totp_match(base32_decode(secret->b32), ctx.clock.now(), code)) {
      ok = advance_step(s, p.account_id, *step);  // a replayed code fails here
    } else if (!code.empty()) {
      ok = use_recovery_code(s, p.account_id, recovery_code_hash(recovery_key(audit::settings(ctx).key_file), code),
                             now_iso(ctx)) ||
           use_recovery_code(s, p.account_id, legacy_recovery_code_hash(code), now_iso(ctx));
      action = "session.second_factor_recovery_code";
    }
    if (!ok) return Outcome::wrong;
    identity::mark_second_factor_passed(s, p.session_id);
    rec(s, {action, "account", std::to_string(p.account_id), "", ""});
    return Outcome::passed;
  });
  switch (outcome) {
    case Outcome::passed:
      return http::Response::redirect(after_second_factor(ctx, req));
    case Outcome::not_enrolled:
      return http::Response::redirect("/account/2fa/setup");
    case Outcome::cooldown:
      return render_code_form(ctx, req, "mfa.error.cooldown", 429);
    case Outcome::wrong:
      break;
  }
  audit::security_event(ctx.db, ctx.clock, req, "totp_failure", p.email, "wrong two-factor code");
  return render_code_form(ctx, req, "mfa.error.wrong_code", 422);
}

http::Response setup_page(app::Context& ctx, const http::Request& req) {
  const auto& p = permissions::session_account(req);
  std::string b32 = ctx.db.transaction([&](soci::session& s) {
    auto secret = load_secret(s, p.account_id);
    if (secret && secret->confirmed) return std::string();
    if (secret) return secret->b32;  // keep the pending secret across reloads
    unsigned char raw[20];
    randombytes_buf(raw, sizeof raw);
    std::string fresh = base32_encode(std::string_view(reinterpret_cast<char*>(raw), sizeof raw));
    save_pending_secret(s, p.account_id, fresh, now_iso(ctx));
    return fresh;
  });
  if (b32.empty()) return http::Response::redirect("/account/2fa");
  return render_setup(ctx, req, b32, "");
}

http::Response setup_submit(app::Context& ctx, const http::Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auto& p = permissions::session_account(req);
  std::string code(trim(req.form.get_or("code", "")));
  std::vector<std::string> codes;
  std::string b32;
  bool ok = ctx.db.transaction([&](soci::session& s) {
    auto secret = load_secret(s, p.account_id);
    if (!secret || secret->confirmed) return false;
    b32 = secret->b32;
    auto step = totp_match(base32_decode(secret->b32), ctx.clock.now(), code);
    if (!step) return false;
    confirm_secret(s, p.account_id, *step, now_iso(ctx));
    std::vector<std::string> hashes;
    for (int i = 0; i < kRecoveryCodes; ++i) {
      codes.push_back(new_recovery_code());
      hashes.push_back(recovery_code_hash(recovery_key(audit::settings(ctx).key_file), codes.back()));
    }
    replace_recovery_codes(s, p.account_id, hashes);
    if (p.second_factor_required) identity::mark_second_factor_passed(s, p.session_id);
    rec(s, {"account.totp_enrol", "account", std::to_string(p.account_id), "", "TOTP enrolled, 10 recovery codes"});
    return true;
  });
  if (!ok) {
    if (b32.empty()) return http::Response::redirect("/account/2fa");
    audit::security_event(ctx.db, ctx.clock, req, "totp_failure", p.email, "wrong code during enrolment");
    return render_setup(ctx, req, b32, "mfa.error.wrong_code", 422);
  }
  mstch::array list;
  for (const auto& c : codes) list.push_back(c);
  http::Response r = ctx.pages.render(
      req, "mfa_codes",
      mstch::map{{"title", ctx.pages.catalog().get(req.lang, "mfa.codes.title")}, {"codes", list},
                 {"next", after_second_factor(ctx, req)}});
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/account/2fa", verify_page);
  on.add("POST", "/account/2fa", verify_submit, {.body_limit = 4096});
  on.add("GET", "/account/2fa/setup", setup_page);
  on.add("POST", "/account/2fa/setup", setup_submit, {.body_limit = 4096});
}

}  // namespace tinhso::mfa
