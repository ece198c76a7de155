#include "modules/directory/agency.h"

#include <algorithm>

namespace tinhso::directory {

namespace {

constexpr std::pair<AgencyKind, std::string_view> kKinds[] = {
    {AgencyKind::department, "department"},
    {AgencyKind::peoples_committee, "peoples_committee"},
    {AgencyKind::inspectorate, "inspectorate"},
    {AgencyKind::one_stop_centre, "one_stop_centre"},
    {AgencyKind::peoples_council, "peoples_council"},
    {AgencyKind::party_committee, "party_committee"},
    {AgencyKind::other, "other"},
};

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string_view kind_name(AgencyKind k) {
  for (auto [kind, name] : kKinds)
    if (kind == k) return name;
  return "other";
}

std::optional<AgencyKind> parse_kind(std::string_view name) {
  for (auto [kind, n] : kKinds)
    if (n == name) return kind;
  return std::nullopt;
}

bool valid_agency_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 40) return false;
  if (code.front() == '-' || code.back() == '-') return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '-') {
      if (code[i + 1] == '-') return false;
    } else if (!upper_or_digit(code[i])) {
      return false;
    }
  }
  return true;
}

std::vector<Problem> check_agency(const Agency& a, bool unit_exists, bool parent_given, bool parent_exists,
                                  const std::vector<std::int64_t>& own_scope) {
  std::vector<Problem> out;
  if (!valid_agency_code(a.code)) out.push_back({"code", "directory.error.agency_code"});
  if (a.name.empty() || a.name.size() > 200) out.push_back({"name", "directory.error.name"});
  if (!unit_exists) out.push_back({"admin_unit", "directory.error.unit_not_found"});
  if (parent_given && !parent_exists) out.push_back({"parent", "directory.error.parent_not_found"});
  else if (a.parent_id && std::find(own_scope.begin(), own_scope.end(), *a.parent_id) != own_scope.end())
    out.push_back({"parent", "directory.error.parent_cycle"});
  return out;
}

}  // namespace tinhso::directory
