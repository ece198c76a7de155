#pragma once
// Agencies (cơ quan, đơn vị): departments (sở), people's committees (UBND), the inspectorate,
// one-stop centres and the like, each in one admin unit and optionally under a parent agency.
// A staff member's agency scope is the agency and every agency below it. Like admin units, an
// agency has a period of validity and, once ended, a successor that takes over its open cases
// (departments merged in 2025; district people's committees abolished from 1/7/2025, NA
// Resolution 202/2025/QH15). Rules only, no I/O.
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
  std::optional<std::string> valid_from;   // "YYYY-MM-DD"; none = before the records began
  std::optional<std::string> valid_to;     // last day, inclusive; set only when the agency ended
  std::optional<std::int64_t> successor_id;
  // Ended: it receives nothing (pickers, procedures, Open311 routing, forwarding) and its open
  // cases went to the successor.
  bool ended() const { return valid_to.has_value(); }
};

// Upper-case ASCII letters and digits in groups joined by single '-', 2–40 bytes ("SO-TTTT").
bool valid_agency_code(std::string_view code);

// Checks an agency before it is stored. `unit_exists`: its admin_unit_id names a unit;
// `parent_given`/`parent_exists`: a parent was named / found; `own_scope`: the agency's current
// scope (itself and below; empty for a new agency) — a parent inside it would make a cycle.
std::vector<Problem> check_agency(const Agency& a, bool unit_exists, bool parent_given, bool parent_exists,
                                  const std::vector<std::int64_t>& own_scope);

// Checks the end of agency `a` on `valid_to` with `successor` (null when not found), on `today`
// ("YYYY-MM-DD"): not already ended; a real date, not before valid_from and not after today
// (ending hands the open cases over at once); a successor that exists, is not `a`, and has not
// ended itself.
std::vector<Problem> check_end(const Agency& a, std::string_view valid_to, const Agency* successor,
                               std::string_view today);

// Who may change what, for an administrator whose scope is `scope` (their agency and below;
// nullopt = province-wide). Nobody grants more than they hold: an agency-scoped administrator
// edits only agencies inside the scope, puts them only under parents inside it (a parent they
// already had stays allowed), creates agencies only under such parents, and hands cases only
// to successors inside it. Returns the problems (empty = allowed).
std::vector<Problem> check_scope(const std::optional<std::vector<std::int64_t>>& scope, const Agency* before,
                                 const Agency& after);
// `a`: the agency being ended (null for a new, already ended one in an import); `successor_id`:
// none when not found (check_end reports that).
std::vector<Problem> check_end_scope(const std::optional<std::vector<std::int64_t>>& scope, const Agency* a,
                                     std::optional<std::int64_t> successor_id);

}  // namespace tinhso::directory
