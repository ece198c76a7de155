#pragma once
// All SQL of the directory module (internal; other modules use api.h).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/directory/agency.h"
#include "modules/directory/unit.h"

namespace tinhso::directory {

std::vector<AdminUnit> list_units(soci::session& s);
std::optional<AdminUnit> find_unit(soci::session& s, std::int64_t id);
std::optional<std::int64_t> unit_id(soci::session& s, const std::string& code, const std::string& valid_from);
// Inserts `u` (its id is ignored) and returns the new id.
std::int64_t insert_unit(soci::session& s, const AdminUnit& u);
// Updates the editable fields: name, valid_to, successor_id.
void update_unit(soci::session& s, const AdminUnit& u);

std::vector<Agency> list_agencies(soci::session& s);
std::optional<Agency> find_agency(soci::session& s, std::int64_t id);
std::int64_t insert_agency(soci::session& s, const Agency& a);
// Updates everything but the id, the code and the end (valid_to, successor: end_agency).
void update_agency(soci::session& s, const Agency& a);
// Ends agency `id` on `valid_to` (its last day) with `successor`; it becomes inactive.
void end_agency(soci::session& s, std::int64_t id, const std::string& valid_to, std::int64_t successor);

}  // namespace tinhso::directory
