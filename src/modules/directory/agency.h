#pragma once
// Agencies (cơ quan, đơn vị): departments (sở), people's committees (UBND), the inspectorate,
// one-stop centres and the like, each in one admin unit and optionally under a parent agency.
// A staff member's agency scope is the agency and every agency below it. Rules only, no I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/directory/unit.h"

namespace tinhso::directory {

enum class AgencyKind {
  department,
  peoples_committee,
  inspectorate,
  one_stop_centre,
  peoples_council,
  party_committee,
  other,
};

inline constexpr AgencyKind kAllKinds[] = {AgencyKind::department,      AgencyKind::peoples_committee,
                                           AgencyKind::inspectorate,    AgencyKind::one_stop_centre,
                                           AgencyKind::peoples_council, AgencyKind::party_committee,
                                           AgencyKind::other};

std::string_view kind_name(AgencyKind k);  // "department", "peoples_committee", ...
std::optional<AgencyKind> parse_kind(std::string_view name);

struct Agency {
  std::int64_t id = 0;  // 0 until stored
  std::string code;     // "UBND-TINH", "SO-TTTT": stable, used by other modules and imports
  std::string name;
  AgencyKind kind = AgencyKind::other;
  std::int64_t admin_unit_id = 0;
  std::optional<std::int64_t> parent_id;
  bool active = true;
};

// Upper-case ASCII letters and digits in groups joined by single '-', 2–40 bytes ("SO-TTTT").
bool valid_agency_code(std::string_view code);

// Checks an agency before it is stored. `unit_exists`: its admin_unit_id names a unit;
// `parent_given`/`parent_exists`: a parent was named / found; `own_scope`: the agency's current
// scope (itself and below; empty for a new agency) — a parent inside it would make a cycle.
std::vector<Problem> check_agency(const Agency& a, bool unit_exists, bool parent_given, bool parent_exists,
                                  const std::vector<std::int64_t>& own_scope);

}  // namespace tinhso::directory
