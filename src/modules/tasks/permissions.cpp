#include "modules/tasks/permissions.h"

#include <algorithm>

#include "modules/tasks/api.h"

namespace tinhso::tasks {

namespace {

using auth::Role;

bool officer(const auth::Principal& p) { return p.has(Role::agency_leader) || p.has(Role::specialist); }
bool of_agency(const auth::Principal& p, std::int64_t agency) { return p.agency_id && *p.agency_id == agency; }

bool is_assigner(const auth::Principal& p, const Task& t) {
  if (t.parent_id == 0 && p.has(Role::province_leader)) return true;
  return officer(p) && of_agency(p, t.assigner_agency_id);
}

bool is_lead(const auth::Principal& p, const Task& t) {
  if (officer(p) && of_agency(p, t.lead_agency_id)) return true;
  // A body's leader oversees the sub-tasks of its units; a top-level task is its lead body's only
  // (an office above departments is not their lead).
  return t.parent_id != 0 && p.has(Role::agency_leader) && p.in_scope(t.lead_agency_id);
}

bool is_coordinator(const auth::Principal& p, const Task& t) {
  if (!officer(p) || !p.agency_id) return false;
  return std::find(t.coordinators.begin(), t.coordinators.end(), *p.agency_id) != t.coordinators.end();
}

bool plays(const auth::Principal& p, const Task& t, Part part) {
  switch (part) {
    case Part::assigner:
      return is_assigner(p, t);
    case Part::lead:
      return is_lead(p, t);
    case Part::coordinator:
      return is_coordinator(p, t);
  }
  return false;
}

// The steps that bind the lead body: its leader's.
bool needs_leader(Action a) { return a == Action::report_completion || a == Action::request_extension; }

}  // namespace

std::vector<Part> parts_of(const auth::Principal& p, const Task& t) {
  std::vector<Part> out;
  for (Part part : kAllParts)
    if (plays(p, t, part)) out.push_back(part);
  return out;
}

bool may_view(const auth::Principal& p, const Task& t) {
  return p.has(Role::province_leader) || !parts_of(p, t).empty();
}

std::optional<Part> part_for(const auth::Principal& p, const Task& t, Action action) {
  for (const auto& row : transitions()) {
    if (row.from != t.state || row.action != action || !plays(p, t, row.part)) continue;
    if (row.part == Part::lead && needs_leader(action) && !p.has(Role::agency_leader)) continue;
    return row.part;
  }
  return std::nullopt;
}

bool may_assign(const auth::Principal& p, std::int64_t assigner_agency) {
  return p.has(Role::province_leader) || (officer(p) && of_agency(p, assigner_agency));
}

bool may_split(const auth::Principal& p, const Task& parent) {
  return !is_final(parent.state) && p.has(Role::agency_leader) && of_agency(p, parent.lead_agency_id);
}

bool may_record_documents(const auth::Principal* p) {
  return p && (p->has(auth::Role::province_leader) ||
               (p->agency_id && (p->has(auth::Role::agency_leader) || p->has(auth::Role::specialist))));
}

}  // namespace tinhso::tasks
