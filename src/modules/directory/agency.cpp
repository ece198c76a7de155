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

bool within(const std::vector<std::int64_t>& scope, std::int64_t id) {
  return std::find(scope.begin(), scope.end(), id) != scope.end();
}

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
  if (a.valid_from && !is_iso_date(*a.valid_from)) out.push_back({"valid_from", "directory.error.date"});
  return out;
}

std::vector<Problem> check_end(const Agency& a, std::string_view valid_to, const Agency* successor,
                               std::string_view today) {
  std::vector<Problem> out;
  if (a.ended()) out.push_back({"valid_to", "directory.error.agency_ended"});
  if (!is_iso_date(valid_to)) out.push_back({"valid_to", "directory.error.date"});
  else if (a.valid_from && valid_to < *a.valid_from) out.push_back({"valid_to", "directory.error.valid_to_before_from"});
  else if (valid_to > today) out.push_back({"valid_to", "directory.error.end_future"});
  if (!successor) out.push_back({"successor", "directory.error.successor_required"});
  else if (successor->id == a.id) out.push_back({"successor", "directory.error.successor_self"});
  else if (successor->ended() || !successor->active) out.push_back({"successor", "directory.error.successor_ended"});
  return out;
}

std::vector<Problem> check_scope(const std::optional<std::vector<std::int64_t>>& scope, const Agency* before,
                                 const Agency& after) {
  if (!scope) return {};
  if (before && !within(*scope, before->id)) return {{"id", "directory.error.outside_scope"}};
  bool kept = before && before->parent_id == after.parent_id;
  if (!kept && (!after.parent_id || !within(*scope, *after.parent_id)))
    return {{"parent", "directory.error.parent_outside_scope"}};
  return {};
}

std::vector<Problem> check_end_scope(const std::optional<std::vector<std::int64_t>>& scope, const Agency* a,
                                     std::optional<std::int64_t> successor_id) {
  if (!scope) return {};
  if (a && !within(*scope, a->id)) return {{"id", "directory.error.outside_scope"}};
  if (successor_id && !within(*scope, *successor_id)) return {{"successor", "directory.error.successor_outside_scope"}};
  return {};
}

}  // namespace tinhso::directory
