#include "core/calendar/working_calendar.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tinhso::calendar {

namespace {

using std::chrono::days;

const Date kFirstDay = make_date(kFirstYear, 1, 1);
const Date kLastDay = make_date(kLastYear, 12, 31);

std::size_t offset_of(Date d) { return static_cast<std::size_t>((d - kFirstDay).count()); }

void check_schedules(const std::vector<OfficialSchedule>& schedules) {
  for (const OfficialSchedule& s : schedules) {
    const std::string year = std::to_string(s.year);
    if (s.year < kFirstYear || s.year > kLastYear)
      throw std::invalid_argument("official schedule " + year + ": year outside the supported range");
    if (!check_schedule(s).empty()) throw std::invalid_argument("official schedule " + year + " fails check_schedule");
  }
}

// Whether `d` is worked, given its entry (nullptr: the plain Monday–Friday week).
bool worked(Date d, const ScheduleDay* entry) {
  if (!entry) return !is_weekend(d);
  return entry->kind == DayKind::work;
}

}  // namespace

WorkCalendar::WorkCalendar(HolidayRules rules, std::vector<OfficialSchedule> schedules) : rules_(rules) {
  check_schedules(schedules);
  for (OfficialSchedule& s : schedules) {
    std::sort(s.days.begin(), s.days.end(), [](const ScheduleDay& a, const ScheduleDay& b) { return a.date < b.date; });
    const int year = s.year;
    if (!schedules_.emplace(year, std::move(s)).second)
      throw std::invalid_argument("two official schedules for " + std::to_string(year));
  }
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    const OfficialSchedule* official = official_schedule(y);
    for (const ScheduleDay& d : official ? official->days : generated_days(y, rules_))
      days_.emplace_hint(days_.end(), d.date, d);
  }
  index_days();
}

void WorkCalendar::index_days() {
  const std::size_t n = offset_of(kLastDay) + 1;
  rank_.resize(n);
  working_.reserve(n * 5 / 7 + 1);
  auto next = days_.begin();
  std::int32_t rank = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Date d = kFirstDay + days{static_cast<int>(i)};
    const ScheduleDay* entry = nullptr;
    if (next != days_.end() && next->first == d) entry = &(next++)->second;
    if (worked(d, entry)) {
      ++rank;
      working_.push_back(static_cast<std::int32_t>(i));
    }
    rank_[i] = rank;
  }
}

bool WorkCalendar::has_official_schedule(int year) const { return schedules_.count(year) != 0; }

const OfficialSchedule* WorkCalendar::official_schedule(int year) const {
  auto it = schedules_.find(year);
  return it == schedules_.end() ? nullptr : &it->second;
}

std::vector<ScheduleDay> WorkCalendar::year_days(int year) const {
  if (year < kFirstYear || year > kLastYear) return {};
  if (const OfficialSchedule* s = official_schedule(year)) return s->days;
  std::vector<ScheduleDay> out;
  for (auto it = days_.lower_bound(make_date(year, 1, 1)); it != days_.end() && year_of(it->first) == year; ++it)
    out.push_back(it->second);
  return out;
}

const ScheduleDay* WorkCalendar::day_info(Date d) const {
  auto it = days_.find(d);
  return it == days_.end() ? nullptr : &it->second;
}

std::int32_t WorkCalendar::rank_at(Date d) const {
  if (d < kFirstDay) return 0;
  if (d > kLastDay) return rank_.back();
  return rank_[offset_of(d)];
}

bool WorkCalendar::is_working_day(Date d) const {
  if (!in_range(d)) return false;
  const std::size_t i = offset_of(d);
  return rank_[i] != (i == 0 ? 0 : rank_[i - 1]);
}

std::optional<Date> WorkCalendar::next_working_day(Date d) const { return add_working_days(d, 1); }

std::optional<Date> WorkCalendar::roll_forward(Date d) const {
  if (is_working_day(d)) return d;
  return next_working_day(d);
}

std::optional<Date> WorkCalendar::add_working_days(Date start, int n) const {
  if (n < 0) return std::nullopt;
  if (n == 0) return in_range(start) ? std::optional<Date>(start) : std::nullopt;
  const std::int64_t target = static_cast<std::int64_t>(rank_at(start)) + n;  // 1-based rank
  if (target > static_cast<std::int64_t>(working_.size())) return std::nullopt;
  return kFirstDay + days{working_[static_cast<std::size_t>(target - 1)]};
}

int WorkCalendar::working_days_between(Date a, Date b) const { return rank_at(b) - rank_at(a); }

}  // namespace tinhso::calendar
