#pragma once
// All SQL of the calendar module (internal; other modules use api.h and app::Context::calendar).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/holidays.h"

namespace tinhso::calendar {

struct ScheduleInfo {
  calendar::OfficialSchedule schedule;  // days sorted by date
  std::string updated_at;               // ISO-8601 UTC
  std::string updated_by;               // the administrator's e-mail, or "tinhso" for shipped data
};

// The change counter every node polls (calendar_version).
std::int64_t schedules_version(soci::session& s);
void bump_version(soci::session& s);

// Every official schedule with its days, by year. Rows that do not parse (a reason code this
// binary does not know) are skipped; check_schedule is the caller's.
std::vector<ScheduleInfo> load_schedules(soci::session& s);
std::optional<ScheduleInfo> find_schedule(soci::session& s, int year);

// Inserts a schedule for `info.schedule.year` with its days (the year must have none yet).
void insert_schedule(soci::session& s, const ScheduleInfo& info);
// Rewrites the source and days of an existing schedule and stamps who changed it when.
void update_schedule(soci::session& s, const ScheduleInfo& info);
// Removes the schedule of `year` and its days; false if there was none.
bool delete_schedule(soci::session& s, int year);

}  // namespace tinhso::calendar
