#pragma once
// The directory module: admin units (đơn vị hành chính: official code, level, parent, validity
// period, successor) and agencies (cơ quan: code, kind, admin unit, parent agency), the
// administrators' pages over both with CSV import, and the demo province's data.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::directory {

app::Module module();

// The read model other modules may join in their own SQL (migration 004), never writing it and
// naming no table of this module:
//   directory_agencies (id, code, name, active)

// The agency `agency_id` and every agency below it (parent_id links, any depth), the agency
// itself first. Empty if no such agency. One recursive query, on SQLite and PostgreSQL alike.
std::vector<std::int64_t> agency_scope(soci::session& s, std::int64_t agency_id);
// The id of the agency with this code ("UBND-TINH", "SO-TTTT", "TTHCC"), if any.
std::optional<std::int64_t> agency_id_by_code(soci::session& s, const std::string& code);
// The same, only for an agency that may receive (not ended, active): what procedures' handling
// and desk agencies and Open311 services are resolved with (issue 12 §14).
std::optional<std::int64_t> receiving_agency_id_by_code(soci::session& s, const std::string& code);
// The code and name of agency `agency_id` (e.g. for a dossier code and a receipt's header).
struct AgencyName {
  std::string code, name;
};
std::optional<AgencyName> agency_name(soci::session& s, std::int64_t agency_id);

// The names of agency `agency_id` and admin unit `unit_id` ("" for an unknown one or id 0), in
// one statement: a petition's page shows both and stays within its statement budget.
struct PlaceNames {
  std::string agency, unit;
};
PlaceNames agency_and_unit_names(soci::session& s, std::int64_t agency_id, std::int64_t unit_id);

// An agency that may receive — active and not ended (valid_to unset) — for choosing one in a form
// (forwarding, transfer).
struct AgencyRef {
  std::int64_t id = 0;
  std::string code, name;
};
// Every active agency, by name.
std::vector<AgencyRef> active_agencies(soci::session& s);
// Every agency, inactive and ended ones too, by code.
std::vector<AgencyRef> all_agencies(soci::session& s);
// The agency `id` if it exists and is active.
std::optional<AgencyRef> find_active_agency(soci::session& s, std::int64_t id);

// An admin unit for choosing one in a form: where a petition's matter arose (issue 6 §2).
// `remote`: the unit is flagged vùng sâu, vùng xa (unit.h AdminUnit::remote).
struct UnitRef {
  std::int64_t id = 0;
  std::string code, name;
  bool remote = false;
};
// Every admin unit valid on `date` ("YYYY-MM-DD"), any level, in the Vietnamese collation order
// of the name (text::sort_key_vi), then by code. One statement.
std::vector<UnitRef> active_units(soci::session& s, const std::string& date);
// The unit `id` if it exists and is valid on `date`.
std::optional<UnitRef> find_active_unit(soci::session& s, std::int64_t id, const std::string& date);

}  // namespace tinhso::directory
