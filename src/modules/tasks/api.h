#pragma once
// The tasks module (issue 16): source documents (conclusion notices, directives, plans, action
// programmes, official letters) and their items, the tasks assigned from them with their
// deadlines, lifecycle and history, and the figures the leaders track them by (on time, late,
// in progress, overdue, ongoing as of any day). In progress: schema, rules, the transition
// table, store, use cases and the `tinhso tasks` commands; pages and reminders come later.
#include "core/app/module.h"

namespace tinhso::tasks {

app::Module module();

}  // namespace tinhso::tasks
