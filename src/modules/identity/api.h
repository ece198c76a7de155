#pragma once
// The identity module (issue 3 §2–§6, §10): citizen and staff accounts, passwords, sessions,
// CSRF, brute-force protection, profile, password reset. Its `before` hook sets req.principal
// from the session cookie and refuses state-changing requests without the CSRF token.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/principal.h"

namespace tinhso::identity {

app::Module module();

// The identity module's settings: citizens' session timeouts (--citizen-idle-minutes,
// --citizen-absolute-minutes; staff sessions have fixed, shorter ones).
struct Settings {
  std::chrono::minutes citizen_idle_timeout{60};
  std::chrono::minutes citizen_absolute_timeout{7 * 24 * 60};
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// Marks session `session_id` as having passed the second factor (the MFA module calls this after
// a correct TOTP or recovery code, in its own transaction).
void mark_second_factor_passed(soci::session& s, std::int64_t session_id);
// The e-mail address of `account_id`, if the account exists.
std::optional<std::string> account_email(soci::session& s, std::int64_t account_id);
// What an account holder gave about themselves, to prefill forms (e.g. a dossier's applicant).
struct Contact {
  std::string full_name, email, phone, citizen_id;
};
std::optional<Contact> account_contact(soci::session& s, std::int64_t account_id);
// The account with this e-mail as a principal (id, name, e-mail, roles, agency; no session), for
// work done outside a request such as loading demo data.
std::optional<auth::Principal> principal_by_email(soci::session& s, const std::string& email);

// The demo accounts `tinhso demo` creates: (e-mail, role), all with kDemoPassword.
std::vector<std::pair<std::string, std::string>> demo_accounts();
inline constexpr const char* kDemoPassword = "Demo-Phu-Tho-2025";

// An active staff member, for choosing one in a form (assignment).
struct StaffMember {
  std::int64_t id = 0;
  std::string name, email;
};
// Active staff accounts holding `role` ("specialist", "inspector", ...), by name; only those of
// `agency` unless it is 0.
std::vector<StaffMember> staff_with_role(soci::session& s, std::int64_t agency, const std::string& role);
// The account's full name; "" if there is no such account.
std::string account_name(soci::session& s, std::int64_t account_id);

// The anonymous CSRF token of this browser, for a form an anonymous visitor may post; when it has
// none yet, makes one and sets `*cookie` (to send with the page).
std::string anon_csrf(const http::Request& req, std::optional<http::SetCookie>* cookie);

// A page holding a form an anonymous visitor may post (registration, an online petition, a city
// report): the template `page` in the layout with "csrf" set to the visitor's anonymous token (its
// cookie sent along when new), never cached. Signed-in readers get the session's token as usual.
http::Response anonymous_form_page(app::Context& ctx, const http::Request& req, std::string_view page, mstch::map c,
                                   int status = 200);

}  // namespace tinhso::identity
