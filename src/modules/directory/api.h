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

// The agency `agency_id` and every agency below it (parent_id links, any depth), the agency
// itself first. Empty if no such agency. One recursive query, on SQLite and PostgreSQL alike.
std::vector<std::int64_t> agency_scope(soci::session& s, std::int64_t agency_id);
// The id of the agency with this code ("UBND-TINH", "SO-TTTT", "TTHCC"), if any.
std::optional<std::int64_t> agency_id_by_code(soci::session& s, const std::string& code);
// The code and name of agency `agency_id` (e.g. for a dossier code and a receipt's header).
struct AgencyName {
  std::string code, name;
};
std::optional<AgencyName> agency_name(soci::session& s, std::int64_t agency_id);

// An active agency, for choosing one in a form (forwarding, transfer).
struct AgencyRef {
  std::int64_t id = 0;
  std::string code, name;
};
// Every active agency, by name.
std::vector<AgencyRef> active_agencies(soci::session& s);
// The agency `id` if it exists and is active.
std::optional<AgencyRef> find_active_agency(soci::session& s, std::int64_t id);

}  // namespace tinhso::directory
