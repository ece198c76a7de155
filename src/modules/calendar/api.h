#pragma once
// The calendar module: the official yearly holiday schedules (Labor Code 2019 Art. 112(3)) as
// data, kept in app::Context::calendar on every node; the public month view with lunar dates and
// the deadline calculator; /api/v1/calendar/{lunar,due,holidays}; the administrators' pages to
// edit, import and export schedules. Other modules count deadlines on ctx.calendar (see
// core/calendar/deadline.h); they need nothing from here.
#include <vector>

#include "core/app/module.h"
#include "core/calendar/holidays.h"
#include "core/db/database.h"

namespace tinhso::calendar {

app::Module module();

// The calendar module's settings: how often each node re-reads the official schedules another
// node changed (--calendar-refresh-seconds).
struct Settings {
  std::chrono::seconds refresh{15};
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// The official schedules stored in `db` (its calendar migrations applied), by year. A schedule
// that fails calendar::check_schedule is left out and logged. Throws on a database error.
std::vector<calendar::OfficialSchedule> stored_schedules(db::Database& db);

}  // namespace tinhso::calendar
