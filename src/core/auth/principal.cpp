#include "core/auth/principal.h"

#include <algorithm>

namespace tinhso::auth {

namespace {
constexpr std::pair<Role, std::string_view> kNames[] = {
    {Role::citizen, "citizen"},
    {Role::one_stop_officer, "one_stop_officer"},
    {Role::specialist, "specialist"},
    {Role::agency_leader, "agency_leader"},
    {Role::inspector, "inspector"},
    {Role::province_leader, "province_leader"},
    {Role::administrator, "administrator"},
    {Role::auditor, "auditor"},
};
}  // namespace

std::string_view role_name(Role r) {
  for (auto [role, name] : kNames)
    if (role == r) return name;
  return "unknown";
}

std::optional<Role> parse_role(std::string_view name) {
  for (auto [role, n] : kNames)
    if (n == name) return role;
  return std::nullopt;
}

bool role_requires_second_factor(Role r) { return r != Role::citizen; }

bool role_is_province_wide(Role r) {
  return r == Role::inspector || r == Role::province_leader || r == Role::auditor;
}

bool Principal::has(Role r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool Principal::is_staff() const {
  return std::any_of(roles.begin(), roles.end(), [](Role r) { return r != Role::citizen; });
}

bool Principal::in_scope(std::int64_t agency) const {
  return std::find(agency_scope.begin(), agency_scope.end(), agency) != agency_scope.end();
}

std::string_view Principal::primary_role() const {
  // Highest privilege first.
  for (Role r : {Role::administrator, Role::auditor, Role::province_leader, Role::inspector, Role::agency_leader,
                 Role::specialist, Role::one_stop_officer, Role::citizen})
    if (has(r)) return role_name(r);
  return "anonymous";
}

}  // namespace tinhso::auth
