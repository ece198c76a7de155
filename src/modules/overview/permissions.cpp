#include "modules/overview/permissions.h"

namespace tinhso::overview::permissions {

std::optional<Scope> scope(const auth::Principal& who) {
  if (who.has(auth::Role::province_leader)) return Scope{{}, {}, true};
  if (who.has(auth::Role::agency_leader) && who.agency_id) {
    Scope s{who.agency_scope, {*who.agency_id}, false};
    if (s.dossier_agencies.empty()) s.dossier_agencies = {*who.agency_id};
    return s;
  }
  return std::nullopt;
}

}  // namespace tinhso::overview::permissions
