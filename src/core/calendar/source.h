#pragma once
// The process's current working-day calendar, shared by every module and request. Readers take
// a snapshot (`current()`) and keep using it for as long as they need: a later `replace()` never
// changes a snapshot already taken. Thread-safe.
//
// The owner of the schedules (the calendar module) calls `replace()` at start and whenever the
// official schedules change, on this node or on another node sharing the database.
#include <memory>
#include <mutex>
#include <vector>

#include "core/calendar/deadline.h"
#include "core/calendar/working_calendar.h"

namespace tinhso::calendar {

class CalendarSource {
 public:
  // Starts with the law-generated days only (no official schedule), built from `rules`.
  CalendarSource(HolidayRules rules, DeadlineRules deadline_rules);

  // Never null.
  std::shared_ptr<const WorkCalendar> current() const;
  // Builds a calendar from `schedules` (each must pass check_schedule; throws
  // std::invalid_argument otherwise, leaving the current one in place) and makes it current.
  void replace(std::vector<OfficialSchedule> schedules);

  const HolidayRules& holiday_rules() const { return rules_; }
  const DeadlineRules& deadline_rules() const { return deadline_rules_; }

 private:
  const HolidayRules rules_;
  const DeadlineRules deadline_rules_;
  mutable std::mutex mu_;
  std::shared_ptr<const WorkCalendar> current_;
};

}  // namespace tinhso::calendar
