#include "core/calendar/source.h"

namespace tinhso::calendar {

CalendarSource::CalendarSource(HolidayRules rules, DeadlineRules deadline_rules)
    : rules_(rules),
      deadline_rules_(deadline_rules),
      current_(std::make_shared<const WorkCalendar>(rules, std::vector<OfficialSchedule>{})) {}

std::shared_ptr<const WorkCalendar> CalendarSource::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

void CalendarSource::replace(std::vector<OfficialSchedule> schedules) {
  // Built outside the lock: readers keep the old calendar until the new one is complete.
  auto next = std::make_shared<const WorkCalendar>(rules_, std::move(schedules));
  std::lock_guard lock(mu_);
  current_ = std::move(next);
}

}  // namespace tinhso::calendar
