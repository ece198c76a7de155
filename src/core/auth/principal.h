#pragma once
// Who is making a request: the signed-in account, its roles and agency scope. Set on the request
// by the session check of the module that signs people in; null for anonymous requests.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::auth {

// The roles of issue 3 (../shared/domain/GLOSSARY.md: officer, specialist, leader, ...).
enum class Role {
  citizen,
  one_stop_officer,
  specialist,
  agency_leader,
  inspector,
  province_leader,
  administrator,
  auditor,
};

inline constexpr Role kAllRoles[] = {Role::citizen,         Role::one_stop_officer, Role::specialist,
                                     Role::agency_leader,   Role::inspector,        Role::province_leader,
                                     Role::administrator,   Role::auditor};

std::string_view role_name(Role r);  // "one_stop_officer", ...
std::optional<Role> parse_role(std::string_view name);
// Roles that must pass a second factor (TOTP) before they may act: every staff role, since each
// reaches personal data (ASVS 5.0 V6.3.3); citizens only.
bool role_requires_second_factor(Role r);
// Roles whose reach is the whole province whatever the account's agency (inspectors see every
// agency's cases, the province leader every agency, auditors the whole audit trail); the others
// reach their account's agency and those below it.
bool role_is_province_wide(Role r);

struct Principal {
  std::int64_t account_id = 0;
  std::string display_name;
  std::string email;
  std::vector<Role> roles;
  std::optional<std::int64_t> agency_id;    // staff: the agency the account belongs to
  std::vector<std::int64_t> agency_scope;   // that agency and every agency below it
  std::int64_t session_id = 0;
  std::string csrf_token;                   // per-session token forms and fetch must echo
  bool second_factor_required = false;      // some role needs TOTP
  bool second_factor_passed = false;        // this session passed it

  bool has(Role r) const;
  bool is_staff() const;
  // True if `agency` is the principal's agency or below it.
  bool in_scope(std::int64_t agency) const;
  // The role shown in the audit log: the most privileged one held.
  std::string_view primary_role() const;
};

}  // namespace tinhso::auth
