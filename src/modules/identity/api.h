#pragma once
// The identity module (issue 3 §2–§6, §10): citizen and staff accounts, passwords, sessions,
// CSRF, brute-force protection, profile, password reset. Its `before` hook sets req.principal
// from the session cookie and refuses state-changing requests without the CSRF token.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::identity {

app::Module module();

// Marks session `session_id` as having passed the second factor (the MFA module calls this after
// a correct TOTP or recovery code, in its own transaction).
void mark_second_factor_passed(soci::session& s, std::int64_t session_id);
// The e-mail address of `account_id`, if the account exists.
std::optional<std::string> account_email(soci::session& s, std::int64_t account_id);

// The demo accounts `tinhso demo` creates: (e-mail, role), all with kDemoPassword.
std::vector<std::pair<std::string, std::string>> demo_accounts();
inline constexpr const char* kDemoPassword = "Demo-Phu-Tho-2025";

}  // namespace tinhso::identity
