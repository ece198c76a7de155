#include "core/calendar/working_calendar.h"

#include <gtest/gtest.h>

#include "calendar_fixtures.h"

namespace tinhso::calendar {
namespace {

using std::chrono::days;
using test::day;

const Date kFirst = make_date(kFirstYear, 1, 1);
const Date kLast = make_date(kLastYear, 12, 31);

TEST(CalendarWorking, AddWorkingDaysTable) {
  const WorkCalendar& cal = test::official_calendar();
  struct Case {
    const char* start;
    int n;
    std::optional<const char*> want;
    const char* source;
  };
  const Case cases[] = {
      {"2026-02-13", 1, "2026-02-23", "LAW.md §1: Tết 2026, 16/2–20/2 off"},
      {"2026-02-13", 0, "2026-02-13", "n = 0 gives the start"},
      {"2026-02-14", 0, "2026-02-14", "n = 0 gives the start, even on a day off"},
      {"2026-02-14", 1, "2026-02-23", "from a Saturday"},
      {"2026-01-09", 1, "2026-01-10", "LAW.md §1: Saturday 10/1/2026 is worked"},
      {"2025-12-31", 1, "2026-01-05", "LAW.md §1: 1/1–2/1/2026 off"},
      {"2025-12-31", 2, "2026-01-06", "LAW.md §1: 1/1–2/1/2026 off"},
      {"2024-04-26", 1, "2024-05-02", "LAW.md §1: 29/4–1/5/2024 off"},
      {"2024-05-03", 1, "2024-05-04", "LAW.md §1: Saturday 4/5/2024 is worked"},
      {"2026-04-24", 1, "2026-04-28", "LAW.md §1: 27/4/2026 compensatory"},
      {"2026-08-28", 1, "2026-09-03", "LAW.md §1: 31/8–2/9/2026 off"},
      {"2026-03-02", 10, "2026-03-16", "two plain weeks"},
      {"1899-12-31", 1, "1900-01-02", "before the range: 1/1/1900 is New Year's Day"},
      {"2199-12-31", 1, std::nullopt, "past the range"},
      {"2026-03-02", -1, std::nullopt, "negative n"},
      {"2200-01-01", 0, std::nullopt, "outside the range"},
  };
  for (const auto& c : cases) {
    const auto got = cal.add_working_days(day(c.start), c.n);
    if (c.want) {
      EXPECT_EQ(got, day(*c.want)) << c.source;
    } else {
      EXPECT_EQ(got, std::nullopt) << c.source;
    }
  }
}

TEST(CalendarWorking, CountsAndNeighbours) {
  const WorkCalendar& cal = test::official_calendar();
  EXPECT_EQ(cal.working_days_between(day("2026-02-13"), day("2026-02-23")), 1);
  EXPECT_EQ(cal.working_days_between(day("2026-02-23"), day("2026-02-13")), -1);
  EXPECT_EQ(cal.working_days_between(day("2026-02-13"), day("2026-02-13")), 0);
  // 2026: 261 weekdays, 13 of them off, 2 Saturdays worked (LAW.md §1); 1/1 is off anyway.
  EXPECT_EQ(cal.working_days_between(day("2026-01-01"), day("2026-12-31")), 261 - 13 + 2);
  EXPECT_EQ(cal.next_working_day(day("2026-02-13")), day("2026-02-23"));
  EXPECT_EQ(cal.roll_forward(day("2026-02-17")), day("2026-02-23"));  // Civil Code Art. 148(5)
  EXPECT_EQ(cal.roll_forward(day("2026-02-23")), day("2026-02-23"));
  EXPECT_EQ(cal.roll_forward(day("2026-08-22")), day("2026-08-22"));  // a Saturday worked
  EXPECT_FALSE(cal.is_working_day(kFirst - days{1}));
  EXPECT_FALSE(cal.is_working_day(kLast + days{1}));
  EXPECT_FALSE(cal.is_working_day(kFirst));  // New Year's Day 1900, a Monday
}

// The last working day of the range has no successor; nothing past the range is invented.
TEST(CalendarWorking, RangeEnd) {
  const WorkCalendar& cal = test::generated_calendar();
  Date last = kLast;
  while (!cal.is_working_day(last)) last -= days{1};
  EXPECT_EQ(cal.next_working_day(last), std::nullopt);
  EXPECT_EQ(cal.roll_forward(last), last);
  EXPECT_EQ(cal.add_working_days(last - days{10}, 1000), std::nullopt);
  EXPECT_EQ(cal.add_working_days(kFirst, 2000000000), std::nullopt);
  EXPECT_EQ(cal.roll_forward(kLast + days{1}), std::nullopt);
}

// Properties over the whole range, for every day: adding N then M working days equals adding
// N + M; counting back gives N; roll_forward is idempotent and lands on a working day.
TEST(CalendarWorking, PropertiesEveryDay) {
  const WorkCalendar& cal = test::official_calendar();
  const int steps[][2] = {{1, 1}, {3, 7}, {10, 20}, {0, 5}};
  for (Date d = kFirst; d <= kLast; d += days{1}) {
    for (const auto& s : steps) {
      const auto a = cal.add_working_days(d, s[0]);
      const auto ab = a ? cal.add_working_days(*a, s[1]) : std::nullopt;
      ASSERT_EQ(ab, cal.add_working_days(d, s[0] + s[1])) << format_date(d) << " " << s[0] << "+" << s[1];
      if (a) {
        ASSERT_EQ(cal.working_days_between(d, *a), s[0]) << format_date(d);
      }
      if (a && s[0] > 0) {
        ASSERT_GT(*a, d);
      }
    }
    const auto r = cal.roll_forward(d);
    if (!r) continue;
    ASSERT_TRUE(cal.is_working_day(*r)) << format_date(d);
    ASSERT_EQ(cal.roll_forward(*r), r) << format_date(d);
  }
}

// The index agrees with a day-by-day reading of the schedule entries, for every day.
TEST(CalendarWorking, IndexMatchesEntries) {
  const WorkCalendar& cal = test::official_calendar();
  int working = 0;
  for (Date d = kFirst; d <= kLast; d += days{1}) {
    const ScheduleDay* e = cal.day_info(d);
    const bool want = e ? e->kind == DayKind::work : !is_weekend(d);
    ASSERT_EQ(cal.is_working_day(d), want) << format_date(d);
    working += want;
  }
  EXPECT_EQ(cal.working_days_between(kFirst - days{1}, kLast), working);
}

}  // namespace
}  // namespace tinhso::calendar
