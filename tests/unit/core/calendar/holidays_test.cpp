#include "core/calendar/holidays.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "calendar_fixtures.h"
#include "core/calendar/working_calendar.h"

namespace tinhso::calendar {
namespace {

using std::chrono::days;
using test::day;

std::vector<std::string> off_days(const std::vector<ScheduleDay>& v) {
  std::vector<std::string> out;
  for (const ScheduleDay& d : v)
    if (d.kind == DayKind::off) out.push_back(format_date(d.date));
  return out;
}

std::vector<std::string> listed(const std::vector<ScheduleDay>& v) {
  std::vector<std::string> out;
  for (const ScheduleDay& d : v) out.push_back(format_date(d.date) + " " + std::string(reason_code(d.reason)));
  return out;
}

TEST(CalendarHolidays, Codes) {
  const Reason all[] = {Reason::new_year,     Reason::tet,          Reason::hung_kings,
                        Reason::reunification, Reason::labour_day,  Reason::national_day,
                        Reason::compensatory, Reason::swap,         Reason::other};
  std::set<std::string_view> seen;
  for (Reason r : all) {
    EXPECT_EQ(parse_reason(reason_code(r)), r);
    EXPECT_TRUE(seen.insert(reason_code(r)).second);
  }
  EXPECT_EQ(reason_code(Reason::hung_kings), "hung_kings");
  EXPECT_EQ(parse_reason("Tet"), std::nullopt);
  EXPECT_EQ(parse_reason(""), std::nullopt);
  EXPECT_EQ(kind_code(DayKind::off), "off");
  EXPECT_EQ(kind_code(DayKind::work), "work");
  EXPECT_EQ(parse_kind("work"), DayKind::work);
  EXPECT_EQ(parse_kind("holiday"), std::nullopt);
}

// LAW.md §1 table (M): with the official schedules, exactly the listed weekdays are off and the
// listed Saturdays are worked; every other day follows the Monday–Friday week.
TEST(CalendarHolidays, OfficialSchedules2024To2026) {
  const WorkCalendar& cal = test::official_calendar();
  std::set<Date> off, work;
  for (const auto& s : test::official_2024_2026())
    for (const ScheduleDay& d : s.days) (d.kind == DayKind::off ? off : work).insert(d.date);
  EXPECT_EQ(off.size(), 12u + 12u + 13u);
  EXPECT_EQ(work.size(), 1u + 1u + 2u);
  for (Date d = day("2024-01-01"); d <= day("2026-12-31"); d += days{1}) {
    const bool want = work.count(d) || (!is_weekend(d) && !off.count(d));
    ASSERT_EQ(cal.is_working_day(d), want) << format_date(d);
  }
  EXPECT_TRUE(cal.has_official_schedule(2025));
  EXPECT_FALSE(cal.has_official_schedule(2027));
  ASSERT_NE(cal.day_info(day("2026-01-10")), nullptr);
  EXPECT_EQ(cal.day_info(day("2026-01-10"))->kind, DayKind::work);
  EXPECT_EQ(cal.day_info(day("2026-03-10")), nullptr);
  EXPECT_EQ(cal.year_days(2026), test::official_2026().days);
}

// Labor Code 2019 Art. 112(1) with the default rules, compared with the official schedules of
// LAW.md §1. Where they differ, it is the government's swap of a bridge day (Art. 112(3)): the
// generated days never contain swaps.
TEST(CalendarHolidays, GeneratedAgainstOfficial) {
  struct Case {
    int year;
    std::vector<std::string> generated;  // date + reason
    std::vector<std::string> official_only;
    std::vector<std::string> generated_only;
  };
  const Case cases[] = {
      {2024,
       {"2024-01-01 new_year", "2024-02-08 tet", "2024-02-09 tet", "2024-02-12 tet", "2024-02-13 compensatory",
        "2024-02-14 compensatory", "2024-04-18 hung_kings", "2024-04-30 reunification", "2024-05-01 labour_day",
        "2024-09-02 national_day", "2024-09-03 national_day"},
       {"2024-04-29"},  // bridge Monday, worked back on Saturday 4/5
       {}},
      {2025,
       {"2025-01-01 new_year", "2025-01-27 tet", "2025-01-28 tet", "2025-01-29 tet", "2025-01-30 tet",
        "2025-01-31 tet", "2025-04-07 hung_kings", "2025-04-30 reunification", "2025-05-01 labour_day",
        "2025-09-01 national_day", "2025-09-02 national_day"},
       {"2025-05-02"},  // bridge Friday, worked back on Saturday 26/4
       {}},
      {2026,
       {"2026-01-01 new_year", "2026-02-16 tet", "2026-02-17 tet", "2026-02-18 tet", "2026-02-19 tet",
        "2026-02-20 compensatory", "2026-04-27 compensatory", "2026-04-30 reunification", "2026-05-01 labour_day",
        "2026-09-01 national_day", "2026-09-02 national_day"},
       {"2026-01-02", "2026-08-31"},  // bridge days, worked back on Saturdays 10/1 and 22/8
       {}},
  };
  for (const auto& c : cases) {
    const auto gen = generated_days(c.year, HolidayRules{});
    EXPECT_EQ(listed(gen), c.generated) << c.year;
    const auto official = off_days(test::official_calendar().year_days(c.year));
    const auto generated = off_days(gen);
    std::vector<std::string> official_only, generated_only;
    std::set_difference(official.begin(), official.end(), generated.begin(), generated.end(),
                        std::back_inserter(official_only));
    std::set_difference(generated.begin(), generated.end(), official.begin(), official.end(),
                        std::back_inserter(generated_only));
    EXPECT_EQ(official_only, c.official_only) << c.year;
    EXPECT_EQ(generated_only, c.generated_only) << c.year;
  }
}

// The placement settings (Art. 112(3) leaves them to the yearly decision; LAW.md §1: settings).
TEST(CalendarHolidays, TetPlacementSetting) {
  struct Case {
    int year;
    int before;
    std::vector<std::string> off;
    const char* note;
  };
  const Case cases[] = {
      // Tết 2024 is Saturday 10/2: the official 8/2–14/2 is the default (2 days before).
      {2024, 1, {"2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15"}, "1 before: misses 8/2"},
      {2024, 0, {"2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16"}, "days 1–5"},
      // Tết 2025 is Wednesday 29/1; the official 27/1–31/1 again means 2 days before.
      {2025, 1, {"2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-03"}, "1 before: Sat 1/2 → Mon 3/2"},
      // Tết 2026 is Tuesday 17/2: 1 or 2 days before both give the official 16/2–20/2.
      {2026, 1, {"2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"}, "1 before"},
      {2026, 4, {"2026-02-13", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"}, "4 before: Sat/Sun 14–15/2"},
  };
  for (const auto& c : cases) {
    HolidayRules rules;
    rules.tet_days_before = c.before;
    std::vector<std::string> tet_days;
    for (const ScheduleDay& d : generated_days(c.year, rules))
      if (d.date >= day(std::to_string(c.year) + "-01-15") && d.date <= day(std::to_string(c.year) + "-02-28"))
        tet_days.push_back(format_date(d.date));
    EXPECT_EQ(tet_days, c.off) << c.year << " " << c.note;
  }
  HolidayRules bad;
  bad.tet_days_before = 5;
  EXPECT_THROW(generated_days(2026, bad), std::invalid_argument);
  bad.tet_days_before = -1;
  EXPECT_THROW(WorkCalendar(bad, {}), std::invalid_argument);
}

TEST(CalendarHolidays, NationalDayExtraSetting) {
  using Extra = HolidayRules::NationalDayExtra;
  struct Case {
    int year;
    Extra extra;
    std::vector<std::string> september;
    const char* source;
  };
  const Case cases[] = {
      {2024, Extra::nearest_weekend, {"2024-09-02", "2024-09-03"}, "LAW.md §1 2024: 2/9 Mon → 3/9"},
      {2025, Extra::nearest_weekend, {"2025-09-01", "2025-09-02"}, "LAW.md §1 2025: 2/9 Tue → 1/9"},
      {2026, Extra::nearest_weekend, {"2026-09-01", "2026-09-02"}, "LAW.md §1 2026: 2/9 Wed → 1/9"},
      {2024, Extra::before, {"2024-09-02", "2024-09-03"}, "1/9 is a Sunday: Art. 111(3) → Tue 3/9"},
      {2026, Extra::after, {"2026-09-02", "2026-09-03"}, "3/9"},
      // 2/9/2023 is a Saturday: 1/9 (Fri) and the compensatory Monday 4/9 (Art. 111(3)).
      {2023, Extra::nearest_weekend, {"2023-09-01", "2023-09-04"}, "Art. 111(3)"},
  };
  for (const auto& c : cases) {
    HolidayRules rules;
    rules.national_day_extra = c.extra;
    std::vector<std::string> sep;
    for (const ScheduleDay& d : generated_days(c.year, rules))
      if (month_of(d.date) >= 8) sep.push_back(format_date(d.date));
    EXPECT_EQ(sep, c.september) << c.source;
  }
}

// Labor Code 2019 Art. 111(3): a holiday on a weekly rest day gives the next working day off.
TEST(CalendarHolidays, CompensatoryDays) {
  struct Case {
    int year;
    const char* date;
    Reason reason;
    const char* source;
  };
  const Case cases[] = {
      {2022, "2022-01-03", Reason::compensatory, "1/1/2022 is a Saturday → Monday 3/1"},
      {2023, "2023-01-02", Reason::compensatory, "1/1/2023 is a Sunday → Monday 2/1"},
      // 2023: Hùng Kings' day 29/4 (Sat) and 30/4 (Sun); Mon 1/5 is itself a holiday, so the
      // compensatory days are Tue 2/5 and Wed 3/5.
      {2023, "2023-05-01", Reason::labour_day, "1/5/2023"},
      {2023, "2023-05-02", Reason::compensatory, "for Hùng Kings' day on Sat 29/4"},
      {2023, "2023-05-03", Reason::compensatory, "for 30/4 on a Sunday"},
      {2026, "2026-04-27", Reason::compensatory, "LAW.md §1: 27/4 compensates Hùng Kings on Sun 26/4"},
      {2027, "2027-05-03", Reason::compensatory, "1/5/2027 is a Saturday → Monday 3/5"},
  };
  for (const auto& c : cases) {
    const auto gen = generated_days(c.year, HolidayRules{});
    auto it = std::find_if(gen.begin(), gen.end(), [&](const ScheduleDay& d) { return d.date == day(c.date); });
    ASSERT_NE(it, gen.end()) << c.source;
    EXPECT_EQ(it->reason, c.reason) << c.source;
    EXPECT_EQ(it->kind, DayKind::off);
  }
}

// Properties of the generated days over the whole range: weekdays only, in date order, unique,
// within the year, and as many as the Labor Code in force gives (each on a weekday or
// compensated): 8 under the 1994 code (1/1, Tết 4, 30/4, 1/5, 2/9), 9 with Hùng Kings' day
// from 2007, 10 once the 2012 code's 5-day Tết applies (Tết 2014), 11 under the 2019 code.
TEST(CalendarHolidays, GeneratedPropertiesEveryYear) {
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    const auto gen = generated_days(y, HolidayRules{});
    const std::size_t want = y < 2007 ? 8u : y < 2014 ? 9u : y < 2021 ? 10u : 11u;
    ASSERT_EQ(gen.size(), want) << y;
    for (std::size_t i = 0; i < gen.size(); ++i) {
      ASSERT_FALSE(is_weekend(gen[i].date)) << format_date(gen[i].date);
      ASSERT_EQ(year_of(gen[i].date), y);
      ASSERT_EQ(gen[i].kind, DayKind::off);
      if (i > 0) {
        ASSERT_LT(gen[i - 1].date, gen[i].date) << y;
      }
    }
    OfficialSchedule as_official{y, "", gen};
    ASSERT_TRUE(check_schedule(as_official).empty()) << y;
  }
}

// Each holiday follows the Labor Code in force on its day: 1994 (35-L/CTN) Art. 73 from
// 1/1/1995, as amended by Law 84/2007/QH11 (Hùng Kings' day) from 2/4/2007, 2012 (10/2012/QH13)
// Art. 115 from 1/5/2013, 2019 (45/2019/QH14) Art. 112 from 1/1/2021.
TEST(CalendarHolidays, LawInForce) {
  const std::pair<const char*, std::string_view> cases[] = {
      {"1990-06-01", "lc1994"},      {"1995-01-01", "lc1994"},      {"2007-04-01", "lc1994"},
      {"2007-04-02", "lc1994_2007"}, {"2013-04-30", "lc1994_2007"}, {"2013-05-01", "lc2012"},
      {"2020-12-31", "lc2012"},      {"2021-01-01", "lc2019"},      {"2199-12-31", "lc2019"},
  };
  for (const auto& [date, code] : cases) EXPECT_EQ(holiday_law_on(day(date)).code, code) << date;
  const auto& laws = holiday_laws();
  for (std::size_t i = 1; i < laws.size(); ++i) EXPECT_LT(laws[i - 1].from, laws[i].from);
}

// The days generated for years under each code (default settings). 2012: Labor Code 1994 as
// amended 2007 (Tết 4 days, one National Day); 2019 and 2020: Labor Code 2012 Art. 115(1) (Tết
// 5 days, (đ) 2/9 alone); 2021 and 2026: Labor Code 2019 Art. 112(1) ((đ) 2/9 and one adjacent
// day). Compensatory days: 1994 Art. 73(2), 2012 Art. 115(3), 2019 Art. 111(3).
TEST(CalendarHolidays, GeneratedByLawInForce) {
  struct Case {
    int year;
    std::vector<std::string> generated;
  };
  const Case cases[] = {
      {2012,
       {"2012-01-02 compensatory",  // 1/1 on a Sunday
        "2012-01-23 tet", "2012-01-24 tet", "2012-01-25 tet",  // Tết Mon 23/1: 4 days from Sun 22/1
        "2012-01-26 compensatory",  // for Sun 22/1
        "2012-04-02 compensatory",  // Hùng Kings' day on Sat 31/3
        "2012-04-30 reunification", "2012-05-01 labour_day",
        "2012-09-03 compensatory"}},  // 2/9 on a Sunday, one day only
      {2019,
       {"2019-01-01 new_year", "2019-02-04 tet", "2019-02-05 tet", "2019-02-06 tet", "2019-02-07 tet",
        "2019-02-08 compensatory",  // Tết Tue 5/2: 5 days from Sun 3/2
        "2019-04-15 compensatory",  // Hùng Kings' day on Sun 14/4
        "2019-04-30 reunification", "2019-05-01 labour_day", "2019-09-02 national_day"}},
      {2020,
       {"2020-01-01 new_year", "2020-01-23 tet", "2020-01-24 tet", "2020-01-27 tet",
        "2020-01-28 compensatory", "2020-01-29 compensatory",  // Tết on Sat 25/1
        "2020-04-02 hung_kings", "2020-04-30 reunification", "2020-05-01 labour_day",
        "2020-09-02 national_day"}},
      {2021,
       {"2021-01-01 new_year", "2021-02-10 tet", "2021-02-11 tet", "2021-02-12 tet",
        "2021-02-15 compensatory", "2021-02-16 compensatory",  // Tết Fri 12/2
        "2021-04-21 hung_kings", "2021-04-30 reunification",
        "2021-05-03 compensatory",  // 1/5 on a Saturday
        "2021-09-02 national_day", "2021-09-03 national_day"}},  // 2/9 on a Thursday → 3/9
      {2026,
       {"2026-01-01 new_year", "2026-02-16 tet", "2026-02-17 tet", "2026-02-18 tet", "2026-02-19 tet",
        "2026-02-20 compensatory", "2026-04-27 compensatory", "2026-04-30 reunification", "2026-05-01 labour_day",
        "2026-09-01 national_day", "2026-09-02 national_day"}},
  };
  for (const auto& c : cases) EXPECT_EQ(listed(generated_days(c.year, HolidayRules{})), c.generated) << c.year;
}

// 2013 straddles two codes: Tết (Sun 10/2) has the 1994 code's 4 days, 2/9 the 2012 code's one.
TEST(CalendarHolidays, GeneratedAcrossCodes2013) {
  const auto gen = generated_days(2013, HolidayRules{});
  std::vector<std::string> tet, september;
  for (const ScheduleDay& d : gen) {
    if (month_of(d.date) == 2) tet.push_back(format_date(d.date));
    if (month_of(d.date) == 9) september.push_back(format_date(d.date));
  }
  EXPECT_EQ(tet, (std::vector<std::string>{"2013-02-11", "2013-02-12", "2013-02-13", "2013-02-14"}));
  EXPECT_EQ(september, std::vector<std::string>{"2013-09-02"});
}

TEST(CalendarHolidays, CheckSchedule) {
  using Kind = ScheduleProblem::Kind;
  OfficialSchedule s{2026, "test", {}};
  s.days = {
      {day("2025-12-31"), DayKind::off, Reason::other, {}},   // Wednesday of another year
      {day("2026-01-01"), DayKind::off, Reason::new_year, {}},
      {day("2026-01-01"), DayKind::off, Reason::swap, {}},    // the same date twice
      {day("2026-01-03"), DayKind::off, Reason::swap, {}},    // a Saturday cannot be "off"
      {day("2026-01-05"), DayKind::work, Reason::swap, {}},   // a Monday cannot be "worked"
      {day("2026-01-10"), DayKind::work, Reason::swap, {}},   // fine: Saturday worked
  };
  const auto problems = check_schedule(s);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].date, day("2025-12-31"));
  EXPECT_EQ(problems[0].kind, Kind::outside_year);
  EXPECT_EQ(problems[1].date, day("2026-01-01"));
  EXPECT_EQ(problems[1].kind, Kind::duplicate);
  EXPECT_EQ(problems[2].kind, Kind::off_on_weekend);
  EXPECT_EQ(problems[3].date, day("2026-01-05"));
  EXPECT_EQ(problems[3].kind, Kind::work_on_weekday);
  EXPECT_THROW(WorkCalendar(HolidayRules{}, {s}), std::invalid_argument);
  for (const auto& official : test::official_2024_2026()) EXPECT_TRUE(check_schedule(official).empty());
}

TEST(CalendarHolidays, WorkCalendarRefusesBadSchedules) {
  EXPECT_THROW(WorkCalendar(HolidayRules{}, {test::official_2025(), test::official_2025()}), std::invalid_argument);
  OfficialSchedule outside{2200, "", {}};
  EXPECT_THROW(WorkCalendar(HolidayRules{}, {outside}), std::invalid_argument);
  // An empty schedule is valid: that year has no holiday at all.
  const WorkCalendar cal(HolidayRules{}, {OfficialSchedule{2027, "", {}}});
  EXPECT_TRUE(cal.is_working_day(day("2027-01-01")));
  EXPECT_TRUE(cal.year_days(2027).empty());
}

}  // namespace
}  // namespace tinhso::calendar
