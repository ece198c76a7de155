#pragma once
// Admin units (đơn vị hành chính): their levels, official codes, validity periods and successor
// links. Rules only, no I/O. Dates are ISO text "YYYY-MM-DD", so they compare as strings.
//
// Official codes follow the national list of admin unit codes (Decision 124/2004/QĐ-TTg):
// province 2 digits, district 3 digits, commune 5 digits. Units keep their period of validity
// and a successor link because of mergers such as NA Resolution 202/2025/QH15 (Vĩnh Phúc, Phú Thọ
// and Hòa Bình form the new Phú Thọ from 1/7/2025, with no district level): old dossiers keep
// their old units (../shared/domain/LAW.md §7).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::directory {

enum class Level { province, district, commune };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Level kAllLevels[] = {Level::province, Level::district, Level::commune};

std::string_view level_name(Level l);  // "province", "district", "commune"
std::optional<Level> parse_level(std::string_view name);

struct AdminUnit {
  std::int64_t id = 0;  // 0 until stored
  std::string code;
  std::string name;
  Level level = Level::province;
  std::optional<std::int64_t> parent_id;
  std::string valid_from;                // "YYYY-MM-DD"
  std::optional<std::string> valid_to;   // last day of validity, inclusive; none = still valid
  std::optional<std::int64_t> successor_id;
  // A commune in an area with especially difficult socio-economic conditions (vùng sâu, vùng xa),
  // on the list the Prime Minister decides or the Ethnic Committee approves (migrations/
  // 002_remote_units.sql): complaints there get the longer periods (Law on Complaints 2011
  // Art. 28, 33, 37). Data an administrator sets, never derived.
  bool remote = false;
};

// One validation failure: the form field and the catalog message id.
struct Problem {
  std::string field;
  std::string message_id;
  bool operator==(const Problem&) const = default;
};

// True for a real calendar date written "YYYY-MM-DD" (years 1900–2999).
bool is_iso_date(std::string_view s);
// The `remote` column of a units CSV: "true" or "1" → true, "false", "0" or empty → false,
// anything else nullopt (a typing error, reported on its line).
std::optional<bool> parse_remote(std::string_view text);
// True if the unit exists on `date` ("YYYY-MM-DD"): valid_from <= date <= valid_to.
bool valid_on(const AdminUnit& u, std::string_view date);
// True if `code` has the official form for `level` (2, 3 or 5 digits).
bool valid_unit_code(Level level, std::string_view code);
// True if a unit of level `child` may sit directly under one of level `parent`: a district under
// a province; a commune under a district, or under a province where there is no district level
// (two-tier local government from 1/7/2025).
bool may_contain(Level parent, Level child);

// Checks a unit before it is stored. `parent` and `successor` are the units its parent_id and
// successor_id name (null when absent or not found). Rules: name 1–200 bytes; official code
// form; valid dates with valid_to >= valid_from; a parent of a level that may contain it and
// valid on the unit's first day; a successor only for a unit that ends, of the same level, not
// itself, and starting after the unit ends. Returns every problem found (empty = valid).
std::vector<Problem> check_unit(const AdminUnit& u, const AdminUnit* parent, const AdminUnit* successor,
                                bool parent_given, bool successor_given);

}  // namespace tinhso::directory
