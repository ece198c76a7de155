#pragma once
// Who may do what with assigned tasks (issue 16 §3; deny by default). Roles are core/auth's; the
// part an account plays in a task (workflow.h Part) follows from its agency:
//   * assigner — for a task the province gave (no parent): the province leader, and the leaders'
//     and the specialists of the assigning office (Task::assigner_agency_id: the office of the
//     People's Committee or of the Party Committee, which follow the tasks up); for a sub-task:
//     the leaders and specialists of the parent's lead body (its assigner agency);
//   * lead — the leaders and specialists of the lead agency; for a sub-task also the leaders of
//     the agencies above it (a body's leader oversees its units' sub-tasks);
//   * coordinator — the leaders and specialists of a coordinating agency.
// Officers' submissions that bind their body — the completion report and an extension request —
// need the body's leader (agency_leader); the other steps any officer in the part may record.
// Which step is allowed in which state is the transition table's (workflow.h).
#include <optional>
#include <vector>

#include "core/auth/principal.h"
#include "modules/tasks/task.h"

namespace tinhso::tasks {

// The parts `p` plays in `t`, in the order assigner, lead, coordinator; empty: none.
std::vector<Part> parts_of(const auth::Principal& p, const Task& t);
// Whether `p` may see `t`: a part in it, or the province leader (every task).
bool may_view(const auth::Principal& p, const Task& t);
// The part in which `p` may take `action` on `t` in its current state, or nullopt (no row of the
// table for it, or `p` does not play that row's part, or lacks the role it needs).
std::optional<Part> part_for(const auth::Principal& p, const Task& t, Action action);
// Whether `p` may record a source document and assign its tasks for the office `assigner_agency`:
// the province leader, or a leader or specialist of that office.
bool may_assign(const auth::Principal& p, std::int64_t assigner_agency);
// Whether `p` may split `parent` into sub-tasks: a leader of its lead body, while it is not final.
bool may_split(const auth::Principal& p, const Task& parent);

}  // namespace tinhso::tasks
