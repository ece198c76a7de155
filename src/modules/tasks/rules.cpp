#include "modules/tasks/rules.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::tasks {

namespace {

using namespace std::chrono;

constexpr std::array kDeadlineKinds{
    std::pair{DeadlineKind::date, std::string_view("date")},
    std::pair{DeadlineKind::working_days, std::string_view("working_days")},
    std::pair{DeadlineKind::recurring, std::string_view("recurring")},
    std::pair{DeadlineKind::none, std::string_view("none")},
};
constexpr std::array kEvery{
    std::pair{Every::month, std::string_view("month")},
    std::pair{Every::quarter, std::string_view("quarter")},
    std::pair{Every::year, std::string_view("year")},
};
constexpr std::array kBuckets{
    std::pair{Bucket::done_on_time, std::string_view("done_on_time")},
    std::pair{Bucket::done_late, std::string_view("done_late")},
    std::pair{Bucket::in_progress, std::string_view("in_progress")},
    std::pair{Bucket::overdue, std::string_view("overdue")},
    std::pair{Bucket::ongoing, std::string_view("ongoing")},
};
constexpr std::array kOnTimeRules{
    std::pair{OnTimeRule::deadline_in_force, std::string_view("deadline_in_force")},
    std::pair{OnTimeRule::original_deadline, std::string_view("original_deadline")},
};

constexpr int kMaxWorkingDays = 3650;

// Day `day` of month (y, m), or the month's last day when it is shorter.
Date clamped_day(int y, unsigned m, int day) {
  const year_month_day_last last{year{y} / month{m} / std::chrono::last};
  const unsigned d = std::min(static_cast<unsigned>(day), static_cast<unsigned>(last.day()));
  return calendar::make_date(y, m, d);
}

bool is_due_month(const Deadline& d, unsigned m) {
  switch (d.every) {
    case Every::month:
      return true;
    case Every::quarter:
      return m % 3 == 0;
    case Every::year:
      return static_cast<int>(m) == d.month;
  }
  return false;
}

// The occurrence of month (y, m), rolled forward; nullopt outside the range.
std::optional<Date> occurrence_in(const Deadline& d, int y, unsigned m, const calendar::WorkCalendar& cal) {
  if (y < calendar::kFirstYear || y > calendar::kLastYear) return std::nullopt;
  return cal.roll_forward(clamped_day(y, m, d.day));
}

// Occurrences are searched month by month; 13 months always hold one (every kind repeats at
// least yearly), and rolling forward never moves an occurrence past the next one.
constexpr int kSearchMonths = 14;

struct YearMonth {
  int y;
  unsigned m;
  YearMonth step(int delta) const {
    int total = y * 12 + static_cast<int>(m) - 1 + delta;
    return {total / 12, static_cast<unsigned>(total % 12 + 1)};
  }
};

YearMonth ym_of(Date d) { return {calendar::year_of(d), calendar::month_of(d)}; }

bool recurring_ok(const Deadline& d) { return d.kind == DeadlineKind::recurring && valid(d); }

// The first day of the window of occurrence `o` of a recurring task (see bucket_as_of).
Date window_start(const TaskFacts& t, Date o, const calendar::WorkCalendar& cal) {
  auto prev = previous_occurrence(t.deadline, o, cal);
  if (!prev || *prev < t.assigned_on) return t.assigned_on;
  return *prev + days{1};
}

struct Matched {
  bool all_reported = true;  // every occurrence took a report
  bool all_in_time = true;   // each on or before its occurrence
};
// Walks the occurrences after the assignment day and strictly before `before`, in order; each
// takes the first report not taken yet that was made on or after the start of its window and on
// or before `upto` (see bucket_as_of).
Matched match_reports(const TaskFacts& t, Date before, Date upto, const calendar::WorkCalendar& cal) {
  Matched m;
  std::size_t next = 0;
  const auto& r = t.report_days;
  for (auto o = next_occurrence(t.deadline, t.assigned_on + days{1}, cal); o && *o < before;
       o = next_occurrence(t.deadline, *o + days{1}, cal)) {
    const Date start = window_start(t, *o, cal);
    while (next < r.size() && r[next] < start) ++next;
    if (next < r.size() && r[next] <= upto) {
      if (r[next] > *o) m.all_in_time = false;
      ++next;
    } else {
      m.all_reported = false;
      m.all_in_time = false;
    }
  }
  return m;
}

Bucket recurring_open(const TaskFacts& t, Date day, const calendar::WorkCalendar& cal) {
  return match_reports(t, day, day, cal).all_reported ? Bucket::in_progress : Bucket::overdue;
}

Bucket recurring_done(const TaskFacts& t, Date completed, const calendar::WorkCalendar& cal) {
  return match_reports(t, completed, completed, cal).all_in_time ? Bucket::done_on_time : Bucket::done_late;
}

Bucket dated_done(const TaskFacts& t, Date completed, OnTimeRule rule) {
  auto due = rule == OnTimeRule::original_deadline ? original_due(t.versions) : due_as_of(t.versions, completed);
  // A completion before any version is in force cannot be late.
  if (!due) return Bucket::done_on_time;
  return completed <= *due ? Bucket::done_on_time : Bucket::done_late;
}

Bucket done_bucket(const TaskFacts& t, Date completed, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  switch (t.deadline.kind) {
    case DeadlineKind::none:
      return Bucket::done_on_time;
    case DeadlineKind::recurring:
      return recurring_done(t, completed, cal);
    case DeadlineKind::date:
    case DeadlineKind::working_days:
      return dated_done(t, completed, rule);
  }
  return Bucket::none;
}

Bucket dated_open(const TaskFacts& t, Date day) {
  auto due = due_as_of(t.versions, day);
  if (!due) return Bucket::in_progress;
  return day > *due ? Bucket::overdue : Bucket::in_progress;
}

}  // namespace

bool valid(const Deadline& d) {
  switch (d.kind) {
    case DeadlineKind::date:
      return d.due.has_value() && calendar::in_range(*d.due);
    case DeadlineKind::working_days:
      return d.days >= 1 && d.days <= kMaxWorkingDays;
    case DeadlineKind::recurring:
      return d.day >= 1 && d.day <= 31 && (d.every != Every::year || (d.month >= 1 && d.month <= 12));
    case DeadlineKind::none:
      return true;
  }
  return false;
}

std::optional<Date> in_force_due(const calendar::WorkCalendar& cal, Date given) { return cal.roll_forward(given); }

std::optional<Date> first_due(const Deadline& d, Date assigned_on, const calendar::WorkCalendar& cal) {
  if (!valid(d)) return std::nullopt;
  switch (d.kind) {
    case DeadlineKind::date:
      return d.due ? in_force_due(cal, *d.due) : std::nullopt;
    case DeadlineKind::working_days: {
      const calendar::DeadlineEngine engine(cal, calendar::DeadlineRules{});
      calendar::DeadlineSpec spec;
      spec.received = calendar::LocalMoment{assigned_on, std::nullopt};
      spec.period = {calendar::Unit::working_days, d.days};
      return engine.due(spec);
    }
    case DeadlineKind::recurring:
      return next_occurrence(d, assigned_on + days{1}, cal);
    case DeadlineKind::none:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Date> next_occurrence(const Deadline& d, Date from, const calendar::WorkCalendar& cal) {
  if (!recurring_ok(d)) return std::nullopt;
  // Start a month early: the previous month's occurrence may roll forward onto `from` or later.
  YearMonth ym = ym_of(from).step(-1);
  for (int i = 0; i <= kSearchMonths; ++i, ym = ym.step(1)) {
    if (!is_due_month(d, ym.m)) continue;
    auto o = occurrence_in(d, ym.y, ym.m, cal);
    if (o && *o >= from) return o;
  }
  return std::nullopt;
}

std::optional<Date> previous_occurrence(const Deadline& d, Date before, const calendar::WorkCalendar& cal) {
  if (!recurring_ok(d)) return std::nullopt;
  YearMonth ym = ym_of(before);
  for (int i = 0; i <= kSearchMonths; ++i, ym = ym.step(-1)) {
    if (!is_due_month(d, ym.m)) continue;
    auto o = occurrence_in(d, ym.y, ym.m, cal);
    if (o && *o < before) return o;
  }
  return std::nullopt;
}

std::optional<Date> due_as_of(std::span<const DeadlineVersion> versions, Date day) {
  const DeadlineVersion* best = nullptr;
  for (const auto& v : versions)
    if (v.approved_on <= day && (!best || v.number > best->number)) best = &v;
  if (!best) return std::nullopt;
  return best->due;
}

std::optional<Date> original_due(std::span<const DeadlineVersion> versions) {
  for (const auto& v : versions)
    if (v.number == 0) return v.due;
  return std::nullopt;
}

Bucket bucket_as_of(const TaskFacts& t, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  if (day < t.assigned_on) return Bucket::none;
  if (t.closed_on && *t.closed_on <= day) return Bucket::none;
  if (t.confirmed_on && *t.confirmed_on <= day) return done_bucket(t, t.completed_on.value_or(*t.confirmed_on), cal, rule);
  switch (t.deadline.kind) {
    case DeadlineKind::none:
      return Bucket::ongoing;
    case DeadlineKind::recurring:
      return recurring_open(t, day, cal);
    case DeadlineKind::date:
    case DeadlineKind::working_days:
      return dated_open(t, day);
  }
  return Bucket::none;
}

std::optional<Date> shown_due_as_of(const TaskFacts& t, Date day, const calendar::WorkCalendar& cal) {
  switch (t.deadline.kind) {
    case DeadlineKind::none:
      return std::nullopt;
    case DeadlineKind::recurring:
      return next_occurrence(t.deadline, std::max(day, t.assigned_on + days{1}), cal);
    case DeadlineKind::date:
    case DeadlineKind::working_days:
      return due_as_of(t.versions, std::max(day, t.assigned_on));
  }
  return std::nullopt;
}

std::optional<Date> shown_original_due(const TaskFacts& t, const calendar::WorkCalendar& cal) {
  if (t.deadline.kind == DeadlineKind::recurring) return next_occurrence(t.deadline, t.assigned_on + days{1}, cal);
  if (t.deadline.kind == DeadlineKind::none) return std::nullopt;
  return original_due(t.versions);
}

int progress(const ProgressNode& n) {
  if (n.done) return 100;
  long sum = 0;
  long counted = 0;
  for (const auto& c : n.children) {
    if (c.closed) continue;
    sum += progress(c);
    ++counted;
  }
  if (counted == 0) return std::clamp(n.reported, 0, 100);
  return static_cast<int>(sum / counted);
}

std::optional<ReportingPeriod> reporting_period(PeriodLength length, int y, int index) {
  if (y <= calendar::kFirstYear || y > calendar::kLastYear) return std::nullopt;
  const int months = static_cast<int>(length);
  int last_month = 0;  // the period's last month, in year y
  switch (length) {
    case PeriodLength::month:
      if (index < 1 || index > 12) return std::nullopt;
      last_month = index;
      break;
    case PeriodLength::quarter:
      if (index < 1 || index > 4) return std::nullopt;
      last_month = index * 3;
      break;
    case PeriodLength::six_months:
    case PeriodLength::nine_months:
    case PeriodLength::year:
      if (index != 1) return std::nullopt;
      last_month = months;
      break;
  }
  const YearMonth end{y, static_cast<unsigned>(last_month)};
  const YearMonth start = end.step(-months);
  return ReportingPeriod{calendar::make_date(start.y, start.m, 15), calendar::make_date(end.y, end.m, 14)};
}

PeriodMonth period_month_of(Date d) {
  YearMonth ym = ym_of(d);
  if (calendar::day_of(d) >= 15) ym = ym.step(1);
  return {ym.y, static_cast<int>(ym.m)};
}

std::string_view deadline_kind_code(DeadlineKind k) { return util::code_of(kDeadlineKinds, k); }
std::optional<DeadlineKind> parse_deadline_kind(std::string_view code) { return util::parse_code(kDeadlineKinds, code); }
std::string_view every_code(Every e) { return util::code_of(kEvery, e); }
std::optional<Every> parse_every(std::string_view code) { return util::parse_code(kEvery, code); }
std::string_view bucket_code(Bucket b) { return util::code_of(kBuckets, b); }
std::optional<Bucket> parse_bucket(std::string_view code) { return util::parse_code(kBuckets, code); }
std::string_view on_time_rule_code(OnTimeRule r) { return util::code_of(kOnTimeRules, r); }
std::optional<OnTimeRule> parse_on_time_rule(std::string_view code) { return util::parse_code(kOnTimeRules, code); }

}  // namespace tinhso::tasks
