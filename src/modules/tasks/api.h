#pragma once
// The tasks module (issue 16): source documents (conclusion notices, directives, plans, action
// programmes, official letters) and their items, the tasks assigned from them with their
// deadlines, lifecycle and history, and the figures the leaders track them by (on time, late,
// in progress, overdue, ongoing as of any day). In progress: schema, rules, the transition
// table, store, use cases, the `tinhso tasks` commands and GET /api/v1/tasks/summary; pages and
// reminders come later.
#include "core/app/module.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {

app::Module module();

// The tasks module's settings.
struct Settings {
  // Which deadline a completion is measured against (LEADERS.md §1 leaves "on time after an
  // extension" to the installation; --tasks-on-time deadline_in_force|original_deadline).
  OnTimeRule on_time = OnTimeRule::deadline_in_force;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

}  // namespace tinhso::tasks
