#pragma once
// Who may do what with indicators (issue 17 §3, §6; deny by default):
//   * the catalogue and targets: administrators (import, export, set a target);
//   * a manual indicator's value: entered by a specialist or leader of its responsible agency
//     (or an agency above it), approved or rejected by a leader there who did not enter it;
//   * every version with its files: those who may enter or approve it, the province leader,
//     inspectors and auditors; anyone else sees the approved values of public indicators;
//   * the dashboard: the province leader (every agency) and agency leaders (their agency and those
//     below it).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/auth/principal.h"
#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

bool may_manage(const auth::Principal* p);
bool may_enter(const auth::Principal* p, const Indicator& i);
bool may_approve(const auth::Principal* p, const Indicator& i, const Value& v);
// A leader who may approve this indicator's values at all (whatever the version).
bool approves(const auth::Principal* p, const Indicator& i);
bool may_see_versions(const auth::Principal* p, const Indicator& i);
bool may_see(const auth::Principal* p, const Indicator& i);

// The dashboard's reach: nullopt = not allowed; empty agencies = the whole province.
struct DashboardScope {
  bool province_wide = false;
  std::vector<std::int64_t> agencies;
  bool covers(std::int64_t agency) const;
};
std::optional<DashboardScope> dashboard_scope(const auth::Principal* p);

}  // namespace tinhso::indicators
