#pragma once
// Which days are working days, for every day of kFirstYear..kLastYear, and counting over them.
// Immutable after construction and cheap to query (O(1) look-ups over a precomputed index), so
// one instance is shared by all threads; a change of schedules builds a new one.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/calendar/holidays.h"

namespace tinhso::calendar {

class WorkCalendar {
 public:
  // Official schedules override the generated days of their years. Throws
  // std::invalid_argument if a schedule fails check_schedule, lies outside the range or repeats
  // a year, or if the rules are invalid (see generated_days). Builds the index of the whole
  // range: ≈ 1 ms (docs/BENCHMARKS.md).
  WorkCalendar(HolidayRules rules, std::vector<OfficialSchedule> schedules);

  const HolidayRules& rules() const { return rules_; }
  bool has_official_schedule(int year) const;
  const OfficialSchedule* official_schedule(int year) const;  // nullptr when none
  // The days that differ from the plain week in `year` (official if present, else generated).
  std::vector<ScheduleDay> year_days(int year) const;
  // The entry for one day, or nullptr when it is a plain weekday or weekend day.
  const ScheduleDay* day_info(Date d) const;

  // Dates outside kFirstYear..kLastYear are not working days.
  bool is_working_day(Date d) const;
  // The first working day strictly after `d`; nullopt past the range.
  std::optional<Date> next_working_day(Date d) const;
  // `d` when it is a working day, else the next one (Civil Code 2015 Art. 148(5)).
  std::optional<Date> roll_forward(Date d) const;
  // The n-th working day after `start` (start not counted; n == 0 gives `start`). nullopt when
  // it lies outside the range, or for n < 0.
  std::optional<Date> add_working_days(Date start, int n) const;
  // The number of working days d with a < d <= b (negative when b < a). Days outside the range
  // count as days off.
  int working_days_between(Date a, Date b) const;

 private:
  void index_days();
  std::int32_t rank_at(Date d) const;  // working days from the range start up to and incl. d

  HolidayRules rules_;
  std::map<int, OfficialSchedule> schedules_;
  std::map<Date, ScheduleDay> days_;       // every non-plain day of the range
  std::vector<std::int32_t> rank_;         // per day of the range: working days up to and incl.
  std::vector<std::int32_t> working_;      // the working days, as offsets from the range start
};

}  // namespace tinhso::calendar
