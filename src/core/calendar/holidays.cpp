#include "core/calendar/holidays.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>

#include "core/calendar/lunar.h"

namespace tinhso::calendar {

namespace {

using std::chrono::days;

constexpr std::array<std::string_view, 9> kReasonCodes = {
    "new_year", "tet", "hung_kings", "reunification", "labour_day", "national_day", "compensatory", "swap", "other"};

struct Holiday {
  Date date;
  Reason reason;
};

// Labor Code 2019 Art. 112(1)(b) and (3): Tết's days around day 1 of month 1; how many precede
// it is the yearly decision's (HolidayRules::tet_days_before), less the days an older code lacks.
void add_tet(int year, const HolidayRules& rules, std::vector<Holiday>& out) {
  const auto first = tet(year);
  if (!first) return;
  const int length = holiday_law_on(*first).tet_days;
  const int before = std::clamp(rules.tet_days_before - (5 - length), 0, length - 1);
  for (int i = 0; i < length; ++i) out.push_back({*first + days{i - before}, Reason::tet});
}

// Art. 112(1)(e): 10/3 lunar (month 3, never its leap month), where the code in force has it.
void add_hung_kings(int year, std::vector<Holiday>& out) {
  if (auto d = to_solar({year, 3, 10, false}); d && holiday_law_on(*d).hung_kings)
    out.push_back({*d, Reason::hung_kings});
}

// Art. 112(1)(đ) and (3): 2/9 and one day immediately before or after.
Date national_day_extra(int year, HolidayRules::NationalDayExtra choice) {
  const Date day = make_date(year, 9, 2);
  switch (choice) {
    case HolidayRules::NationalDayExtra::before:
      return day - days{1};
    case HolidayRules::NationalDayExtra::after:
      return day + days{1};
    case HolidayRules::NationalDayExtra::nearest_weekend:
      break;
  }
  const unsigned wd = iso_weekday(day);
  const bool after = wd == 7 || wd == 1 || wd == 4;  // Sun, Mon, Thu → 3/9
  return after ? day + days{1} : day - days{1};
}

// The holidays of the codes in force, sorted by date; two on one day are one holiday: Art.
// 111(3) compensates only holidays on weekly rest days.
std::vector<Holiday> statutory_holidays(int year, const HolidayRules& rules) {
  std::vector<Holiday> h{{make_date(year, 1, 1), Reason::new_year}};
  add_tet(year, rules, h);
  add_hung_kings(year, h);
  h.push_back({make_date(year, 4, 30), Reason::reunification});
  h.push_back({make_date(year, 5, 1), Reason::labour_day});
  const Date national = make_date(year, 9, 2);
  h.push_back({national, Reason::national_day});
  if (holiday_law_on(national).national_days == 2)
    h.push_back({national_day_extra(year, rules.national_day_extra), Reason::national_day});
  std::stable_sort(h.begin(), h.end(), [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  h.erase(std::unique(h.begin(), h.end(), [](const Holiday& a, const Holiday& b) { return a.date == b.date; }),
          h.end());
  return h;
}

bool contains(const std::vector<Date>& sorted, Date d) { return std::binary_search(sorted.begin(), sorted.end(), d); }

// Art. 111(3): the first Monday–Friday after `d` that is neither a holiday nor already taken.
Date compensatory_day(Date d, const std::vector<Date>& taken) {
  Date c = d + days{1};
  while (is_weekend(c) || contains(taken, c)) c += days{1};
  return c;
}

}  // namespace

// Each code's holidays. Every one also gives the next working day off for a holiday on a weekly
// rest day (1994 Art. 73(2), 2012 Art. 115(3), 2019 Art. 111(3)).
const std::vector<HolidayLaw>& holiday_laws() {
  static const std::vector<HolidayLaw> laws = {
      // Labor Code 1994 (35-L/CTN, in force 1/1/1995) Art. 73(1): 1/1, Tết 4 days, 30/4, 1/5, 2/9.
      {make_date(1995, 1, 1), "lc1994", 4, 1, false},
      // As amended by Law 84/2007/QH11 (2/4/2007): Art. 73(1) adds Hùng Kings' day 10/3 lunar,
      // first given on 26/4/2007.
      {make_date(2007, 4, 2), "lc1994_2007", 4, 1, true},
      // Labor Code 10/2012/QH13 (in force 1/5/2013) Art. 115(1): (b) Tết 5 days, (đ) 2/9 one day.
      {make_date(2013, 5, 1), "lc2012", 5, 1, true},
      // Labor Code 45/2019/QH14 (in force 1/1/2021) Art. 112(1): (đ) 2/9 and one adjacent day.
      {make_date(2021, 1, 1), "lc2019", 5, 2, true},
  };
  return laws;
}

const HolidayLaw& holiday_law_on(Date d) {
  const auto& laws = holiday_laws();
  auto it = std::upper_bound(laws.begin(), laws.end(), d, [](Date x, const HolidayLaw& l) { return x < l.from; });
  return it == laws.begin() ? laws.front() : *std::prev(it);
}

std::string_view reason_code(Reason r) { return kReasonCodes[static_cast<std::size_t>(r)]; }

std::optional<Reason> parse_reason(std::string_view code) {
  for (std::size_t i = 0; i < kReasonCodes.size(); ++i)
    if (kReasonCodes[i] == code) return static_cast<Reason>(i);
  return std::nullopt;
}

std::string_view kind_code(DayKind k) { return k == DayKind::off ? "off" : "work"; }

std::optional<DayKind> parse_kind(std::string_view code) {
  if (code == "off") return DayKind::off;
  if (code == "work") return DayKind::work;
  return std::nullopt;
}

std::vector<ScheduleDay> generated_days(int year, const HolidayRules& rules) {
  if (rules.tet_days_before < 0 || rules.tet_days_before > 4)
    throw std::invalid_argument("HolidayRules::tet_days_before must be 0..4");
  const auto holidays = statutory_holidays(year, rules);
  std::vector<Date> taken;
  for (const Holiday& h : holidays) taken.push_back(h.date);
  std::vector<ScheduleDay> out;
  for (const Holiday& h : holidays) {
    if (!is_weekend(h.date)) {
      out.push_back({h.date, DayKind::off, h.reason, {}});
      continue;
    }
    const Date c = compensatory_day(h.date, taken);
    taken.insert(std::upper_bound(taken.begin(), taken.end(), c), c);
    out.push_back({c, DayKind::off, Reason::compensatory, {}});
  }
  std::sort(out.begin(), out.end(), [](const ScheduleDay& a, const ScheduleDay& b) { return a.date < b.date; });
  return out;
}

std::vector<ScheduleProblem> check_schedule(const OfficialSchedule& s) {
  std::vector<ScheduleDay> days = s.days;
  std::stable_sort(days.begin(), days.end(), [](const ScheduleDay& a, const ScheduleDay& b) { return a.date < b.date; });
  std::vector<ScheduleProblem> problems;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const ScheduleDay& d = days[i];
    if (year_of(d.date) != s.year) problems.push_back({d.date, ScheduleProblem::Kind::outside_year});
    if (i > 0 && days[i - 1].date == d.date) problems.push_back({d.date, ScheduleProblem::Kind::duplicate});
    if (d.kind == DayKind::off && is_weekend(d.date)) problems.push_back({d.date, ScheduleProblem::Kind::off_on_weekend});
    if (d.kind == DayKind::work && !is_weekend(d.date))
      problems.push_back({d.date, ScheduleProblem::Kind::work_on_weekday});
  }
  return problems;
}

}  // namespace tinhso::calendar
