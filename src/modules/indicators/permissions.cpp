#include "modules/indicators/permissions.h"

#include <algorithm>

namespace tinhso::indicators {

using auth::Role;

namespace {

bool staff_of(const auth::Principal* p, const Indicator& i) {
  return p && i.agency_id != 0 && p->in_scope(i.agency_id);
}

}  // namespace

bool may_manage(const auth::Principal* p) { return p && p->has(Role::administrator); }

bool may_enter(const auth::Principal* p, const Indicator& i) {
  return !i.computed && i.active && staff_of(p, i) && (p->has(Role::specialist) || p->has(Role::agency_leader));
}

bool approves(const auth::Principal* p, const Indicator& i) {
  return !i.computed && staff_of(p, i) && p->has(Role::agency_leader);
}

bool may_approve(const auth::Principal* p, const Indicator& i, const Value& v) {
  return approves(p, i) && v.indicator_id == i.id && v.entered_by != p->account_id;
}

bool may_see_versions(const auth::Principal* p, const Indicator& i) {
  if (!p) return false;
  if (p->has(Role::province_leader) || p->has(Role::inspector) || p->has(Role::auditor)) return true;
  return may_enter(p, i) || approves(p, i);
}

bool may_see(const auth::Principal* p, const Indicator& i) { return i.is_public || may_see_versions(p, i); }

bool DashboardScope::covers(std::int64_t agency) const {
  return province_wide || std::find(agencies.begin(), agencies.end(), agency) != agencies.end();
}

std::optional<DashboardScope> dashboard_scope(const auth::Principal* p) {
  if (!p) return std::nullopt;
  if (p->has(Role::province_leader)) return DashboardScope{true, {}};
  if (p->has(Role::agency_leader) && !p->agency_scope.empty()) return DashboardScope{false, p->agency_scope};
  return std::nullopt;
}

}  // namespace tinhso::indicators
