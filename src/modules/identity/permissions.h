#pragma once
// Who may do what in the identity module (issue 3 §2). Deny by default: each handler calls one of
// these before its use case; they throw http::Error (unauthenticated / forbidden).
#include <optional>
#include <vector>

#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::identity::permissions {

// Own profile, own sessions, own data download: any signed-in account (second factor passed).
const auth::Principal& own_account(const http::Request& req);
// /admin/accounts: administrators only.
const auth::Principal& manage_staff(const http::Request& req);
// The agencies whose staff `p` may see and create: nullopt = every agency (an administrator
// without an agency: province-wide); otherwise the principal's agency scope.
std::optional<std::vector<std::int64_t>> staff_scope(const auth::Principal& p);
// Creating an account in `agency` (nullopt: no agency): within scope.
void create_staff_in(const auth::Principal& p, std::optional<std::int64_t> agency);
// Granting `roles` (issue 12 §6): nobody grants more than they hold. An administrator scoped to an
// agency reaches that agency and those below it, so grants only roles whose reach is the
// account's agency; province-wide roles (auth::role_is_province_wide) need a province-wide
// administrator.
bool may_grant(const auth::Principal& p, auth::Role role);
// Throws Error(forbidden) unless `p` may grant every one of `roles`.
void grant_roles(const auth::Principal& p, const std::vector<auth::Role>& roles);

}  // namespace tinhso::identity::permissions
