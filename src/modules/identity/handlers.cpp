#include "modules/identity/handlers.h"

#include <nlohmann/json.hpp>

#include "core/auth/guard.h"
#include "core/http/address.h"
#include "core/http/errors.h"
#include "core/util/strings.h"
#include "core/http/form.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/account.h"
#include "modules/identity/api.h"
#include "modules/identity/password.h"
#include "modules/identity/permissions.h"
#include "modules/identity/session.h"
#include "modules/identity/store.h"
#include "modules/mail/api.h"

namespace tinhso::identity {

namespace {

using http::Request;
using http::Response;
constexpr std::chrono::hours kConfirmValidity{24};
constexpr std::chrono::hours kResetValidity{1};

const std::string& msg(app::Context& ctx, const Request& req, std::string_view id) {
  return ctx.pages.catalog().get(req.lang, id);
}
std::string trimmed(std::string_view v) {
  auto b = v.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(v.substr(b, v.find_last_not_of(" \t\r\n") - b + 1));
}

// Validation errors of a form, shown in an error summary linking to each field.
struct Errors {
  mstch::array list;
  mstch::map by_field;
  void add(const std::string& id, const std::string& text) {
    list.push_back(mstch::map{{"field", id}, {"text", text}});
    by_field[id] = text;
  }
  bool empty() const { return list.empty(); }
  void into(mstch::map& c) const {
    c["errors"] = list;
    c["has_errors"] = !list.empty();
    c["error"] = by_field;
  }
};

// Renders a page; anonymous visitors get the pre-session CSRF token (cookie + hidden field).
Response page(app::Context& ctx, const Request& req, std::string_view name, std::string_view title_id, mstch::map c,
              int status = 200) {
  c["title"] = msg(ctx, req, title_id);
  return anonymous_form_page(ctx, req, name, std::move(c), status);
}

// A short page with a heading and one paragraph (after registration, confirmation, reset ...).
Response notice(app::Context& ctx, const Request& req, std::string_view title_id, std::string text,
                mstch::map extra = {}, int status = 200) {
  extra["text"] = std::move(text);
  return page(ctx, req, "identity_notice", title_id, std::move(extra), status);
}

std::string password_problem_text(app::Context& ctx, const Request& req, PasswordProblem p) {
  switch (p) {
    case PasswordProblem::too_short: return msg(ctx, req, "identity.password.too_short");
    case PasswordProblem::too_long: return msg(ctx, req, "identity.password.too_long");
    case PasswordProblem::common: return msg(ctx, req, "identity.password.common");
    case PasswordProblem::not_utf8: return msg(ctx, req, "identity.password.too_short");
    case PasswordProblem::none: break;
  }
  return {};
}

// A request whose principal is `p`: audit records written at sign-in name the account.
Request as(const Request& req, const auth::Principal& p) {
  Request copy = req;
  copy.principal = std::make_shared<auth::Principal>(p);
  return copy;
}

std::string link(app::Context& ctx, std::string_view path, std::string_view token = {}) {
  std::string base = ctx.settings.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + std::string(path) + (token.empty() ? "" : "?token=" + std::string(token));
}

// What a sent link's token becomes in the outbox (issue 12 §7): the link no longer works from there.
constexpr std::string_view kSentToken = "REDACTED";

// Queues `text_id` formatted with `arg` and {link} = `path`?token=`token`; the outbox keeps the
// text with the token redacted once the message has gone (caller's transaction).
void send_link(soci::session& s, app::Context& ctx, const Request& req, const std::string& email,
               std::string_view subject_id, std::string_view text_id, std::string_view path, const std::string& token,
               std::pair<std::string_view, std::string_view> arg) {
  const auto& catalog = ctx.pages.catalog();
  std::string live = link(ctx, path, token), sent = link(ctx, path, kSentToken);
  mail::enqueue(s, ctx.db.dialect(), ctx.clock,
                {email, msg(ctx, req, subject_id), catalog.format(req.lang, text_id, {arg, {"link", live}}),
                 catalog.format(req.lang, text_id, {arg, {"link", sent}})});
}

// Queues the e-mail confirmation link of `account` (caller's transaction).
void send_confirmation(soci::session& s, app::Context& ctx, const Request& req, std::int64_t account,
                       const std::string& email, const std::string& name) {
  std::string token = random_token();
  auto now = ctx.clock.now();
  insert_token(s, account, "confirm", token_hash(token), auth::iso_utc(now), auth::iso_utc(now + kConfirmValidity));
  send_link(s, ctx, req, email, "identity.mail.confirm_subject", "identity.mail.confirm_text", "/register/confirm",
            token, {"name", name});
}

// Queues a password (re)set link of `account` valid for `validity` (caller's transaction).
void send_reset(soci::session& s, app::Context& ctx, const Request& req, std::int64_t account, const std::string& email,
                std::chrono::hours validity) {
  std::string token = random_token();
  auto now = ctx.clock.now();
  insert_token(s, account, "reset", token_hash(token), auth::iso_utc(now), auth::iso_utc(now + validity));
  std::string hours = std::to_string(validity.count());
  send_link(s, ctx, req, email, "identity.mail.reset_subject", "identity.mail.reset_text", "/password/reset", token,
            {"hours", hours});
}

// Queues a notice without a link that acts (caller's transaction): `kind` "account_exists" (the
// address already has a confirmed account) or "no_account" (it has no active account). Sent where
// an account would have had a link, so that both cases do the same work (issue 12 §4).
void send_notice(soci::session& s, app::Context& ctx, const Request& req, const std::string& email,
                 std::string_view kind) {
  std::string k(kind), login = link(ctx, "/login"), forgot = link(ctx, "/password/forgot");
  std::string reg = link(ctx, "/register");
  mail::enqueue(s, ctx.db.dialect(), ctx.clock,
                {email, msg(ctx, req, "identity.mail." + k + "_subject"),
                 ctx.pages.catalog().format(req.lang, "identity.mail." + k + "_text",
                                            {{"login", login}, {"forgot", forgot}, {"register", reg}})});
}

// ---- limits of hashing and of anonymous mail (issue 12 §3, §8) ----------------------------------

// Refuses the request (429) when this node's hashing places are all taken.
void require_admission(const HashAdmission& admission) {
  if (!admission.admitted())
    throw http::Error(http::ErrorKind::too_many_requests, "every password hashing place is taken");
}

Response mail_limit_refusal(app::Context& ctx, const Request& req) {
  return notice(ctx, req, "identity.limit.title", msg(ctx, req, "identity.limit.mail_text"), {}, 429);
}

// Counts one anonymous request to e-mail `recipient` from this client's address bucket, in the
// caller's transaction; false (nothing counted) when either limit is reached.
bool count_mail_request(soci::session& s, app::Context& ctx, const Request& req, const std::string& recipient) {
  auto now = ctx.clock.now();
  std::string since = auth::iso_utc(now - kMailWindow), bucket = http::address_bucket(req.remote_addr);
  lock_mail_requests(s, ctx.db.dialect());
  if (!mail_request_allowed(mail_requests_to(s, recipient, since), mail_requests_from(s, bucket, since))) return false;
  record_mail_request(s, auth::iso_utc(now), recipient, bucket, auth::iso_utc(now - kKeepLimitRows));
  return true;
}

// A recipient the outbox accepts: a plausible address that mail::enqueue will not refuse.
bool mailable(const std::string& email) { return valid_email(email) && mail::deliverable_address(email); }

// ---- sign in / out -------------------------------------------------------------------------

std::string next_of(const Request& req) {
  std::string next(req.form.get_or("next", req.query_params.get_or("next", "")));
  return http::is_local_path(next) && !next.starts_with("/login") ? next : std::string();
}

Response login_form(app::Context& ctx, const Request& req, mstch::map c = {}, int status = 200) {
  if (!c.count("email")) c["email"] = web::raw_field(req, "email");
  c["next"] = next_of(req);
  return page(ctx, req, "identity_login", "identity.login.title", std::move(c), status);
}

Response login_refused(app::Context& ctx, const Request& req, const std::string& text, int status,
                       bool unconfirmed = false) {
  mstch::map c{{"alert", text}, {"unconfirmed", unconfirmed}};
  return login_form(ctx, req, std::move(c), status);
}

std::string minutes_text(std::chrono::seconds s) {
  return std::to_string(std::max<long long>(1, (s.count() + 59) / 60));
}

Response login_gate_refusal(app::Context& ctx, const Request& req, const Gate& gate, const std::string& key) {
  if (gate.kind == Gate::Kind::cooldown) {
    audit::security_event(ctx.db, ctx.clock, req, "cooldown", key, "refused during cool-down");
    return login_refused(ctx, req,
                         ctx.pages.catalog().format(req.lang, "identity.login.cooldown",
                                                    {{"minutes", minutes_text(gate.retry_after)}}),
                         429);
  }
  return login_refused(ctx, req,
                       ctx.pages.catalog().format(req.lang, "identity.login.wait",
                                                  {{"seconds", std::to_string(gate.retry_after.count())}}),
                       429);
}

Gate current_gate(soci::session& s, app::Context& ctx, const Request& req, const std::string& key) {
  auto now = ctx.clock.now();
  auto parse = [](const std::vector<std::string>& v) {
    std::vector<Time> out;
    for (const auto& t : v) out.push_back(auth::parse_iso_utc(t));
    return out;
  };
  std::string bucket = http::address_bucket(req.remote_addr), since = auth::iso_utc(now - kFailureWindow - kCooldown);
  return login_gate(now, parse(failures_by_key_and_address(s, key, bucket, since)),
                    parse(failures_by_key(s, key, since)),
                    parse(failures_by_address(s, bucket, auth::iso_utc(now - kFailureWindow))));
}

// Records one failed sign-in of `key` from this client's address bucket (caller's transaction).
void count_failure(soci::session& s, app::Context& ctx, const Request& req, const std::string& key) {
  auto now = ctx.clock.now();
  record_failure(s, auth::iso_utc(now), key, http::address_bucket(req.remote_addr), auth::iso_utc(now - kKeepLimitRows));
}

// Records one failed attempt; answers with the cool-down if this failure started one.
Response login_failed(app::Context& ctx, const Request& req, const std::string& key, std::string_view why) {
  Gate after = ctx.db.transaction([&](soci::session& s) {
    count_failure(s, ctx, req, key);
    return current_gate(s, ctx, req, key);
  });
  audit::security_event(ctx.db, ctx.clock, req, "login_failure", key, why);
  if (after.kind == Gate::Kind::cooldown) {
    audit::security_event(ctx.db, ctx.clock, req, "cooldown", key, "cool-down started");
    return login_gate_refusal(ctx, req, after, key);
  }
  return login_refused(ctx, req, msg(ctx, req, "identity.login.wrong"), 401);
}

Response login(app::Context& ctx, const Request& req) {
  // No account has an address over 254 bytes (RFC 5321 §4.5.3.1.3): the gate counts such a
  // sign-in under its first 254 bytes, cut between two characters.
  const std::string email = normalize_email(req.form.get_or("email", ""));
  std::string key(utf8_prefix(email, 254));
  std::string password = web::raw_field(req, "password");
  Gate gate = ctx.db.with_session([&](soci::session& s) { return current_gate(s, ctx, req, key); });
  if (gate.kind == Gate::Kind::cooldown) return login_gate_refusal(ctx, req, gate, key);
  if (gate.kind == Gate::Kind::wait) {
    // Too soon after the last failure: refuse without checking the password; it still counts.
    ctx.db.transaction([&](soci::session& s) { count_failure(s, ctx, req, key); });
    audit::security_event(ctx.db, ctx.clock, req, "login_failure", key, "too soon after a failure");
    gate = ctx.db.with_session([&](soci::session& s) { return current_gate(s, ctx, req, key); });
    if (gate.kind == Gate::Kind::cooldown) audit::security_event(ctx.db, ctx.clock, req, "cooldown", key, "cool-down started");
    return login_gate_refusal(ctx, req, gate, key);
  }
  auto account = ctx.db.with_session([&](soci::session& s) { return find_account_by_email(s, key); });
  HashAdmission admission;
  require_admission(admission);
  bool ok = verify_password(account ? account->password_hash : std::string(), password);
  if (!ok || !account || account->status == "disabled") return login_failed(ctx, req, key, "wrong e-mail or password");
  if (account->status == "unconfirmed")
    return login_refused(ctx, req, msg(ctx, req, "identity.login.unconfirmed"), 403, true);

  const Account& signing_in = *account;
  // Not a structured binding: clang-tidy 16's optional-access analysis crashes on this one.
  const auto signed_in = ctx.db.transaction([&](soci::session& s) {
    clear_failures(s, key, http::address_bucket(req.remote_addr));
    auth::Principal p = principal_of(s, signing_in);
    auto [session_id, c] = start_session(s, ctx, req, signing_in);
    p.session_id = session_id;
    // Recorded as the account that signed in, not the anonymous request.
    const Request signed_in_req = as(req, p);
    const audit::Recorder rec = audit::for_request(ctx, signed_in_req);
    rec(s, {"session.login", "session", std::to_string(session_id), "", "signed in"});
    return std::pair{p, c};
  });
  const auth::Principal& principal = signed_in.first;
  const http::SetCookie& cookie = signed_in.second;
  audit::security_event(ctx.db, ctx.clock, as(req, principal), "login_success", key, "");
  // A page asked for before signing in (`next`), else the home the principal's roles declare
  // (web::NavEntry::home_of); the second factor, when due, comes first and goes on there.
  std::string next = next_of(req);
  if (principal.second_factor_required)
    next = next.empty() ? "/account/2fa" : "/account/2fa?next=" + http::percent_encode(next);
  Response r = Response::redirect(next.empty() ? ctx.pages.home_of(principal).value_or("/account") : next);
  r.set_cookie(cookie);
  return r;
}

Response logout(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  if (req.principal) {
    ctx.db.transaction([&](soci::session& s) {
      revoke_session(s, req.principal->session_id, auth::iso_utc(ctx.clock.now()));
      rec(s, {"session.logout", "session", std::to_string(req.principal->session_id), "", "signed out"});
    });
  }
  Response r = Response::redirect("/");
  r.set_cookie(end_session_cookie(req));
  return r;
}

// ---- registration --------------------------------------------------------------------------

Response register_form(app::Context& ctx, const Request& req, const Errors& errors = {}, int status = 200) {
  mstch::map c{{"full_name", web::raw_field(req, "full_name")}, {"email", web::raw_field(req, "email")},
               {"phone", web::raw_field(req, "phone")}, {"citizen_id", web::raw_field(req, "citizen_id")}};
  errors.into(c);
  return page(ctx, req, "identity_register", "identity.register.title", std::move(c), status);
}

Response register_account(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  std::string name = trimmed(req.form.get_or("full_name", "")), email = normalize_email(req.form.get_or("email", ""));
  std::string phone = trimmed(req.form.get_or("phone", "")), cid = trimmed(req.form.get_or("citizen_id", ""));
  std::string password = web::raw_field(req, "password");
  Errors errors;
  if (name.empty() || name.size() > 200) errors.add("full_name", msg(ctx, req, "identity.register.name_required"));
  if (!valid_email(email)) errors.add("email", msg(ctx, req, "identity.register.email_invalid"));
  if (!valid_phone(phone)) errors.add("phone", msg(ctx, req, "identity.register.phone_invalid"));
  if (!valid_citizen_id(cid)) errors.add("citizen_id", msg(ctx, req, "identity.register.citizen_id_invalid"));
  if (auto p = check_password(password); p != PasswordProblem::none)
    errors.add("password", password_problem_text(ctx, req, p));
  if (!errors.empty() || !mailable(email)) {
    if (errors.empty()) errors.add("email", msg(ctx, req, "identity.register.email_invalid"));
    return register_form(ctx, req, errors, 422);
  }

  if (!ctx.db.transaction([&](soci::session& s) { return count_mail_request(s, ctx, req, email); }))
    return mail_limit_refusal(ctx, req);
  // The same work and the same answer whether or not the address is taken (issue 12 §4): one
  // hash, one transaction, one e-mail — a confirmation link, or the owner told of the attempt.
  HashAdmission admission;
  require_admission(admission);
  std::string hash = hash_password(password);
  ctx.db.transaction([&](soci::session& s) {
    auto existing = find_account_by_email(s, email);
    if (!existing) {
      NewAccount a{email, phone, name, cid, "citizen", "unconfirmed", hash, {}, {auth::Role::citizen}};
      std::int64_t id = insert_account(s, a, auth::iso_utc(ctx.clock.now()));
      send_confirmation(s, ctx, req, id, email, name);
      rec(s, {"account.register", "account", std::to_string(id), "", "citizen, unconfirmed"});
    } else if (existing->status == "unconfirmed") {
      send_confirmation(s, ctx, req, existing->id, existing->email, existing->full_name);
      rec(s, {"account.resend_confirmation", "account", std::to_string(existing->id), "", "registered again"});
    } else {
      send_notice(s, ctx, req, existing->email, "account_exists");
      rec(s, {"account.register_taken", "account", std::to_string(existing->id), "", "owner told"});
    }
  });
  return notice(ctx, req, "identity.register.sent_title",
                ctx.pages.catalog().format(req.lang, "identity.register.sent_text", {{"email", email}}));
}

Response bad_confirmation_link(app::Context& ctx, const Request& req) {
  return notice(ctx, req, "identity.confirm.bad_title", msg(ctx, req, "identity.confirm.bad_text"), {{"resend", true}},
                400);
}

// GET of the e-mailed link: a page whose button POSTs the token. A mail scanner or a link preview
// that follows the link confirms nothing and spends nothing (ASVS 5.0 3.5.3: a GET changes no
// state); the look-up only tells a dead link at once.
Response confirm_form(app::Context& ctx, const Request& req) {
  std::string token(req.query_params.get_or("token", ""));
  bool live = !token.empty() && ctx.db.with_session([&](soci::session& s) {
    return token_live(s, "confirm", token_hash(token), auth::iso_utc(ctx.clock.now()));
  });
  if (!live) return bad_confirmation_link(ctx, req);
  return page(ctx, req, "identity_confirm", "identity.confirm.title", {{"token", token}});
}

// POST of the confirmation page's button: spends the token and activates its account.
Response confirm(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  std::string token = web::raw_field(req, "token");
  auto done = ctx.db.transaction([&](soci::session& s) -> bool {
    std::string now = auth::iso_utc(ctx.clock.now());
    auto account = take_token(s, "confirm", token_hash(token), now);
    if (!account) return false;
    activate(s, *account, now);
    rec(s, {"account.confirm", "account", std::to_string(*account), "unconfirmed", "active"});
    return true;
  });
  if (!done) return bad_confirmation_link(ctx, req);
  return notice(ctx, req, "identity.confirm.done_title", msg(ctx, req, "identity.confirm.done_text"),
                {{"login_link", true}});
}

// Resending the confirmation link: one e-mail whatever the address's state (issue 12 §4, §8).
Response resend(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  std::string email = normalize_email(req.form.get_or("email", ""));
  if (mailable(email)) {
    bool counted = ctx.db.transaction([&](soci::session& s) {
      if (!count_mail_request(s, ctx, req, email)) return false;
      auto account = find_account_by_email(s, email);
      if (account && account->status == "unconfirmed") {
        send_confirmation(s, ctx, req, account->id, account->email, account->full_name);
        rec(s, {"account.resend_confirmation", "account", std::to_string(account->id), "", "link sent"});
      } else {
        send_notice(s, ctx, req, email, account && account->status == "active" ? "account_exists" : "no_account");
      }
      return true;
    });
    if (!counted) return mail_limit_refusal(ctx, req);
  }
  return notice(ctx, req, "identity.register.sent_title",
                ctx.pages.catalog().format(req.lang, "identity.register.sent_text", {{"email", email}}));
}

// ---- password reset ------------------------------------------------------------------------

// A reset link for an account, or a notice that the address has no active account: one e-mail
// either way (issue 12 §4, §8).
Response forgot(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  std::string email = normalize_email(req.form.get_or("email", ""));
  // A blank or malformed address is the visitor's typing, not a probe of who has an account: it
  // gets an error at the field (a well-formed one gets the same notice whether it has one or not).
  if (!valid_email(email)) {
    Errors errors;
    errors.add("email", msg(ctx, req, "identity.register.email_invalid"));
    mstch::map c{{"email", std::string(req.form.get_or("email", ""))}};
    errors.into(c);
    return page(ctx, req, "identity_forgot", "identity.forgot.title", std::move(c), 422);
  }
  if (mailable(email)) {
    bool counted = ctx.db.transaction([&](soci::session& s) {
      if (!count_mail_request(s, ctx, req, email)) return false;
      auto account = find_account_by_email(s, email);
      if (account && account->status != "disabled") {
        send_reset(s, ctx, req, account->id, account->email, kResetValidity);
        rec(s, {"account.password_reset_request", "account", std::to_string(account->id), "", "link sent"});
      } else {
        send_notice(s, ctx, req, email, "no_account");
      }
      return true;
    });
    if (!counted) return mail_limit_refusal(ctx, req);
  }
  return notice(ctx, req, "identity.forgot.sent_title", msg(ctx, req, "identity.forgot.sent_text"));
}

Response reset_form(app::Context& ctx, const Request& req, const Errors& errors = {}, int status = 200) {
  mstch::map c{{"token", std::string(req.form.get_or("token", req.query_params.get_or("token", "")))}};
  errors.into(c);
  return page(ctx, req, "identity_reset", "identity.reset.title", std::move(c), status);
}

Response reset(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  std::string password = web::raw_field(req, "password");
  Errors errors;
  if (auto p = check_password(password); p != PasswordProblem::none)
    errors.add("password", password_problem_text(ctx, req, p));
  if (!errors.empty()) return reset_form(ctx, req, errors, 422);
  // The token first: a made-up one costs a look-up, never a hash (issue 12 §3).
  std::string token = token_hash(web::raw_field(req, "token"));
  bool live = ctx.db.with_session(
      [&](soci::session& s) { return token_live(s, "reset", token, auth::iso_utc(ctx.clock.now())); });
  if (!live) return notice(ctx, req, "identity.confirm.bad_title", msg(ctx, req, "identity.reset.bad_text"), {}, 400);
  HashAdmission admission;
  require_admission(admission);
  std::string hash = hash_password(password);
  bool done = ctx.db.transaction([&](soci::session& s) -> bool {
    std::string now = auth::iso_utc(ctx.clock.now());
    auto account = take_token(s, "reset", token, now);
    if (!account) return false;
    set_password(s, *account, hash, now);
    activate(s, *account, now);  // the link proves the address, as a confirmation does
    int revoked = revoke_sessions(s, *account, 0, now);
    rec(s, {"account.password_reset", "account", std::to_string(*account), "",
            "password changed, " + std::to_string(revoked) + " sessions revoked"});
    return true;
  });
  if (!done) return notice(ctx, req, "identity.confirm.bad_title", msg(ctx, req, "identity.reset.bad_text"), {}, 400);
  return notice(ctx, req, "identity.reset.done_title", msg(ctx, req, "identity.reset.done_text"),
                {{"login_link", true}});
}

// ---- my account ----------------------------------------------------------------------------

std::string role_label(app::Context& ctx, const Request& req, auth::Role r) {
  return msg(ctx, req, "identity.role." + std::string(auth::role_name(r)));
}

Response profile(app::Context& ctx, const Request& req, const Errors& errors = {}, int status = 200) {
  const auth::Principal& p = permissions::own_account(req);
  auto a = ctx.db.with_session([&](soci::session& s) { return find_account(s, p.account_id); });
  if (!a) throw http::Error(http::ErrorKind::not_found, "account vanished");
  mstch::array roles;
  for (auth::Role r : a->roles) roles.push_back(role_label(ctx, req, r));
  mstch::map c{{"account_email", a->email},
               {"full_name", errors.empty() ? a->full_name : web::raw_field(req, "full_name")},
               {"phone", errors.empty() ? a->phone : web::raw_field(req, "phone")},
               {"citizen_id", a->citizen_id},
               {"roles", roles},
               {"created_at", a->created_at},
               {"created_at_text", web::View{ctx, req}.time(a->created_at)},
               {"saved", req.query_params.get_or("saved", "") == "1"}};
  errors.into(c);
  return page(ctx, req, "identity_account", "identity.account.title", std::move(c), status);
}

Response update_profile_handler(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auth::Principal& p = permissions::own_account(req);
  std::string name = trimmed(req.form.get_or("full_name", "")), phone = trimmed(req.form.get_or("phone", ""));
  Errors errors;
  if (name.empty() || name.size() > 200) errors.add("full_name", msg(ctx, req, "identity.register.name_required"));
  if (!valid_phone(phone)) errors.add("phone", msg(ctx, req, "identity.register.phone_invalid"));
  if (!errors.empty()) return profile(ctx, req, errors, 422);
  ctx.db.transaction([&](soci::session& s) {
    auto before = find_account(s, p.account_id);
    update_profile(s, p.account_id, name, phone, auth::iso_utc(ctx.clock.now()));
    rec(s, {"account.update_profile", "account", std::to_string(p.account_id),
            before ? "name and phone before edit" : "", "name and phone edited"});
  });
  return Response::redirect("/account?saved=1");
}

nlohmann::json session_json(const Session& s) {
  return {{"created_at", s.created_at}, {"last_seen_at", s.last_seen_at}, {"expires_at", s.absolute_expires_at},
          {"address", s.ip}, {"device", s.user_agent}};
}

Response download(app::Context& ctx, const Request& req) {
  const auth::Principal& p = permissions::own_account(req);
  nlohmann::json out = ctx.db.with_session([&](soci::session& s) {
    auto a = find_account(s, p.account_id);
    if (!a) throw http::Error(http::ErrorKind::not_found, "account vanished");
    nlohmann::json roles = nlohmann::json::array();
    for (auth::Role r : a->roles) roles.push_back(std::string(auth::role_name(r)));
    nlohmann::json sessions = nlohmann::json::array();
    for (const auto& x : list_sessions(s, p.account_id)) sessions.push_back(session_json(x));
    return nlohmann::json{{"account", {{"email", a->email}, {"full_name", a->full_name}, {"phone", a->phone},
                                       {"citizen_id", a->citizen_id}, {"kind", a->kind}, {"status", a->status},
                                       {"roles", roles}, {"created_at", a->created_at}}},
                          {"sessions", sessions}};
  });
  Response r = Response::json(out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.set("Content-Disposition", "attachment; filename=\"tinhso-my-data.json\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Response sessions_page(app::Context& ctx, const Request& req) {
  const auth::Principal& p = permissions::own_account(req);
  auto now = ctx.clock.now();
  auto rows = ctx.db.with_session([&](soci::session& s) { return list_sessions(s, p.account_id); });
  mstch::array list;
  for (const auto& x : rows) {
    auto created = auth::parse_iso_utc(x.created_at);
    auto absolute = std::chrono::duration_cast<std::chrono::minutes>(auth::parse_iso_utc(x.absolute_expires_at) - created);
    if (session_state(now, created, auth::parse_iso_utc(x.last_seen_at), std::chrono::minutes(x.idle_minutes),
                      absolute) != SessionState::active)
      continue;
    list.push_back(mstch::map{{"device", x.user_agent.empty() ? std::string("—") : x.user_agent},
                              {"address", x.ip},
                              {"created_at", x.created_at},
                              {"created_at_text", web::View{ctx, req}.time(x.created_at)},
                              {"last_seen_at", x.last_seen_at},
                              {"last_seen_at_text", web::View{ctx, req}.time(x.last_seen_at)},
                              {"current", x.id == p.session_id}});
  }
  bool others = list.size() > 1;
  mstch::map c{{"sessions", list}, {"has_others", others},
               {"revoked", std::string(req.query_params.get_or("revoked", ""))}};
  return page(ctx, req, "identity_sessions", "identity.sessions.title", std::move(c));
}

Response revoke_others(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auth::Principal& p = permissions::own_account(req);
  int n = ctx.db.transaction([&](soci::session& s) {
    int revoked = revoke_sessions(s, p.account_id, p.session_id, auth::iso_utc(ctx.clock.now()));
    rec(s, {"session.revoke_others", "account", std::to_string(p.account_id), "",
            std::to_string(revoked) + " sessions revoked"});
    return revoked;
  });
  return Response::redirect("/account/sessions?revoked=" + std::to_string(n));
}

// ---- staff accounts (administrators) -------------------------------------------------------

Response staff_page(app::Context& ctx, const Request& req, const Errors& errors = {}, int status = 200) {
  const auth::Principal& p = permissions::manage_staff(req);
  auto scope = permissions::staff_scope(p);
  auto [staff, agencies] = ctx.db.with_session([&](soci::session& s) {
    return std::pair{list_staff(s, scope), directory::all_agencies(s)};
  });
  std::map<std::int64_t, std::string> agency_names;
  for (const auto& a : agencies) agency_names[a.id] = a.code + " — " + a.name;
  mstch::array rows;
  for (const auto& a : staff) {
    std::string roles;
    for (auth::Role r : a.roles) roles += (roles.empty() ? "" : ", ") + role_label(ctx, req, r);
    std::string agency = a.agency_id && agency_names.count(*a.agency_id) ? agency_names[*a.agency_id] : "—";
    rows.push_back(mstch::map{{"name", a.full_name}, {"email", a.email}, {"roles", roles}, {"agency", agency},
                              {"status", msg(ctx, req, "identity.status." + a.status)}});
  }
  mstch::array agency_options;
  std::string chosen = web::raw_field(req, "agency_id");
  for (const auto& a : agencies)  // by code
    if (!scope || std::find(scope->begin(), scope->end(), a.id) != scope->end())
      agency_options.push_back(mstch::map{
          {"id", std::to_string(a.id)}, {"name", agency_names[a.id]}, {"selected", chosen == std::to_string(a.id)}});
  mstch::array role_options;
  auto picked = req.form.all("roles");
  for (auth::Role r : auth::kAllRoles) {
    if (!permissions::may_grant(p, r)) continue;
    std::string name(auth::role_name(r));
    bool on = std::find(picked.begin(), picked.end(), name) != picked.end();
    role_options.push_back(mstch::map{{"value", name}, {"label", role_label(ctx, req, r)}, {"checked", on}});
  }
  mstch::map c{{"staff", rows}, {"agencies", agency_options}, {"has_agencies", !agency_options.empty()},
               {"roles", role_options}, {"full_name", web::raw_field(req, "full_name")}, {"email", web::raw_field(req, "email")},
               {"created", req.query_params.get_or("created", "") == "1"}};
  errors.into(c);
  return page(ctx, req, "identity_admin_accounts", "identity.admin.title", std::move(c), status);
}

Response create_staff(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auth::Principal& p = permissions::manage_staff(req);
  std::string name = trimmed(req.form.get_or("full_name", "")), email = normalize_email(req.form.get_or("email", ""));
  std::string password = web::raw_field(req, "password");
  std::optional<std::int64_t> agency = web::field_id(req, "agency_id");
  permissions::create_staff_in(p, agency);
  // Each role once, however often the form names it (a repeated checkbox is not a second grant).
  std::vector<auth::Role> roles;
  for (auto v : req.form.all("roles"))
    if (auto r = auth::parse_role(v); r && std::find(roles.begin(), roles.end(), *r) == roles.end()) roles.push_back(*r);
  permissions::grant_roles(p, roles);
  Errors errors;
  if (name.empty() || name.size() > 200) errors.add("full_name", msg(ctx, req, "identity.register.name_required"));
  if (!valid_email(email)) errors.add("email", msg(ctx, req, "identity.register.email_invalid"));
  if (roles.empty()) errors.add("roles", msg(ctx, req, "identity.admin.roles_required"));
  if (!password.empty())
    if (auto pp = check_password(password); pp != PasswordProblem::none)
      errors.add("password", password_problem_text(ctx, req, pp));
  bool taken = ctx.db.with_session([&](soci::session& s) { return find_account_by_email(s, email).has_value(); });
  if (taken) errors.add("email", msg(ctx, req, "identity.admin.email_taken"));
  if (!errors.empty()) return staff_page(ctx, req, errors, 422);

  std::string hash;
  if (!password.empty()) {
    HashAdmission admission;
    require_admission(admission);
    hash = hash_password(password);
  }
  NewAccount a{email, "", name, "", "staff", "active", hash, agency, roles};
  ctx.db.transaction([&](soci::session& s) {
    std::int64_t id = insert_account(s, a, auth::iso_utc(ctx.clock.now()));
    if (password.empty()) send_reset(s, ctx, req, id, email, std::chrono::hours(72));
    std::string summary;
    for (auth::Role r : roles) summary += std::string(summary.empty() ? "" : ",") + std::string(auth::role_name(r));
    if (agency) summary += "; agency " + std::to_string(*agency);
    rec(s, {"account.create_staff", "account", std::to_string(id), "", summary});
  });
  return Response::redirect("/admin/accounts?created=1");
}

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx, {.body_limit = 16u << 10});
  on.add("GET", "/login", [](app::Context& c, const Request& r) { return login_form(c, r); });
  // Sign-in hashes passwords (argon2id, ~50 ms and 64 MiB each) and records failures: two at a
  // time per node, so that a flood of wrong passwords leaves the other workers to other pages.
  on.add("POST", "/login", login, {.body_limit = 16u << 10, .max_in_flight = 2});
  on.add("POST", "/logout", logout);
  on.add("GET", "/register", [](app::Context& c, const Request& r) { return register_form(c, r); });
  on.add("POST", "/register", register_account);
  on.add("GET", "/register/confirm", confirm_form);
  on.add("POST", "/register/confirm", confirm);
  on.add("POST", "/register/resend", resend);
  on.add("GET", "/password/forgot", [](app::Context& c, const Request& r) {
    return page(c, r, "identity_forgot", "identity.forgot.title", {});
  });
  on.add("POST", "/password/forgot", forgot);
  on.add("GET", "/password/reset", [](app::Context& c, const Request& r) { return reset_form(c, r); });
  on.add("POST", "/password/reset", reset);
  on.add("GET", "/account", [](app::Context& c, const Request& r) { return profile(c, r); });
  on.add("POST", "/account", update_profile_handler);
  on.add("GET", "/account/data.json", download);
  on.add("GET", "/account/sessions", sessions_page);
  on.add("POST", "/account/sessions/revoke-others", revoke_others);
  on.add("GET", "/admin/accounts", [](app::Context& c, const Request& r) { return staff_page(c, r); });
  on.add("POST", "/admin/accounts", create_staff);
}

}  // namespace tinhso::identity
