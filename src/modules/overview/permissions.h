#pragma once
// Who may see the overview, and of which agencies (deny by default).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/auth/principal.h"

namespace tinhso::overview::permissions {

// The overview's scope: nullopt when `who` may not see it; otherwise the handling agencies of
// the dossiers and the agencies of the petitions it counts, empty meaning every agency.
// A province leader sees every agency; an agency leader the dossiers of its agency and those
// below it (as /work lists them) and the petitions of its own agency (as /petitions/desk does).
struct Scope {
  std::vector<std::int64_t> dossier_agencies;
  std::vector<std::int64_t> petition_agencies;
  bool province_wide = false;
};
std::optional<Scope> scope(const auth::Principal& who);

}  // namespace tinhso::overview::permissions
