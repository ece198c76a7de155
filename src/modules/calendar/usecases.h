#pragma once
// The administrators' use cases over official schedules (Labor Code 2019 Art. 112(3)). Each runs
// inside the caller's transaction: on success it writes the change, its audit record and a new
// calendar_version (so every node rebuilds its calendar); otherwise it writes nothing and says
// why. Every resulting schedule passes calendar::check_schedule.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/holidays.h"
#include "modules/audit/api.h"
#include "modules/calendar/schedule_csv.h"

namespace tinhso::calendar {

// Who changes what, when; `audit` appends the record in the same transaction.
struct Actor {
  std::string name;  // stored as updated_by: the administrator's e-mail
  std::string at;    // ISO-8601 UTC
  audit::Recorder audit;
};

struct Problem {
  std::string field;       // the form field ("year", "date", "note", "source")
  std::string message_id;  // "calendar.error.duplicate", ...
};

enum class Status { done, not_found, invalid };

struct Outcome {
  Status status = Status::done;
  std::vector<Problem> problems;  // when invalid
};

// A schedule for `year`: empty, or (prefill) the days the law gives that year under `rules`.
Outcome create_schedule(soci::session& s, int year, std::string_view source, bool prefill,
                        const calendar::HolidayRules& rules, const Actor& who);
Outcome set_source(soci::session& s, int year, std::string_view source, const Actor& who);
// Adds `day` to the schedule of `year`, or with `replaces` changes the day on that date (which
// may move it to another date).
Outcome put_day(soci::session& s, int year, const calendar::ScheduleDay& day, std::optional<calendar::Date> replaces,
                const Actor& who);
Outcome remove_day(soci::session& s, int year, calendar::Date day, const Actor& who);
// The year goes back to the law-generated days.
Outcome remove_schedule(soci::session& s, int year, const Actor& who);

struct ImportOutcome {
  Status status = Status::done;
  std::vector<RowProblem> problems;  // when invalid: every problem of the file, by line
  std::size_t days = 0;              // when done: the days now in the schedule
};
// Replaces all days of the schedule of `year` with those of a CSV file (schedule_csv.h): the
// whole file or nothing; a file without rows is refused (removing days is done one by one).
ImportOutcome import_schedule(soci::session& s, int year, std::string_view csv, const Actor& who);

// Compact text of a schedule's days for audit records: "01-01 off new_year; 01-10 work swap".
std::string days_summary(const std::vector<calendar::ScheduleDay>& days);

}  // namespace tinhso::calendar
