#include "core/calendar/lunar.h"

#include <gtest/gtest.h>

#include "calendar_fixtures.h"
#include "core/calendar/lunar_astro.h"

namespace tinhso::calendar {
namespace {

using std::chrono::days;
using test::day;

const Date kFirst = make_date(kFirstYear, 1, 1);
const Date kLast = make_date(kLastYear, 12, 31);

TEST(CalendarLunar, KnownDates) {
  struct Case {
    const char* solar;
    LunarDate lunar;
    const char* source;
  };
  const Case cases[] = {
      {"2024-02-10", {2024, 1, 1, false}, "LAW.md §8: Tết 2024"},
      {"2025-01-29", {2025, 1, 1, false}, "LAW.md §8: Tết 2025"},
      {"2026-02-17", {2026, 1, 1, false}, "LAW.md §8: Tết 2026"},
      {"2024-04-18", {2024, 3, 10, false}, "LAW.md §8: Hùng Kings' day 2024"},
      {"2025-04-07", {2025, 3, 10, false}, "LAW.md §8: Hùng Kings' day 2025"},
      {"2026-04-26", {2026, 3, 10, false}, "LAW.md §8: Hùng Kings' day 2026"},
      {"2024-04-18", {2024, 3, 10, false}, "LAW.md §1: 18/4 off in 2024 for Hùng Kings"},
      {"2025-04-07", {2025, 3, 10, false}, "LAW.md §1: 7/4 off in 2025"},
      {"1968-01-29", {1968, 1, 1, false}, "LAW.md §8 rule 5: Tết Mậu Thân in Vietnam (UTC+7)"},
      {"1985-01-21", {1985, 1, 1, false}, "LAW.md §8 rule 5: Tết 1985 in Vietnam"},
      {"2007-02-17", {2007, 1, 1, false}, "LAW.md §8 rule 5: Tết 2007 in Vietnam"},
      {"2030-02-02", {2030, 1, 1, false}, "LAW.md §8 rule 5: Tết 2030 in Vietnam"},
      {"2025-01-28", {2024, 12, 29, false}, "LAW.md §8: the lunar year 2024 ends on a 29th"},
      {"2024-02-09", {2023, 12, 30, false}, "LAW.md §8: the lunar year 2023 ends on a 30th"},
      {"2025-07-25", {2025, 6, 1, true}, "LAW.md §8 rule 4: 2025 repeats month 6"},
      {"2023-03-22", {2023, 2, 1, true}, "LAW.md §8 rule 4: 2023 repeats month 2"},
      {"2020-05-23", {2020, 4, 1, true}, "LAW.md §8 rule 4: 2020 repeats month 4"},
      {"1900-01-01", {1899, 12, 1, false}, "range start: in lunar 1899"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(to_lunar(day(c.solar)), c.lunar) << c.source;
    EXPECT_EQ(to_solar(c.lunar), day(c.solar)) << c.source;
  }
}

TEST(CalendarLunar, LeapMonths) {
  struct Case {
    int year;
    int leap;
    const char* source;
  };
  const Case cases[] = {
      {2020, 4, "LAW.md §8 rule 4 (leap 4)"}, {2023, 2, "LAW.md §8 rule 4 (leap 2)"},
      {2025, 6, "LAW.md §8 rule 4 (leap 6)"}, {2024, 0, "12-month year"},
      {2026, 0, "12-month year"},             {2033, 11, "rule 4: the 2033 leap month 11"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(leap_month(c.year), c.leap) << c.source;
    EXPECT_EQ(months_in_lunar_year(c.year), c.leap ? 13 : 12) << c.source;
  }
}

// LAW.md §8 rule 5: the same rules at UTC+8 give the Chinese calendar; the published years where
// Tết differs. Each is computed by the algorithm at both time zones.
TEST(CalendarLunar, VietnamAndChinaDiffer) {
  struct Case {
    int year;
    const char* vietnam;
    const char* china;
  };
  const Case cases[] = {
      {1968, "1968-01-29", "1968-01-30"},
      {1985, "1985-01-21", "1985-02-20"},
      {2007, "2007-02-17", "2007-02-18"},
      {2030, "2030-02-02", "2030-02-03"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(astro::lunar_to_solar({c.year, 1, 1, false}, 7), day(c.vietnam)) << c.year;
    EXPECT_EQ(astro::lunar_to_solar({c.year, 1, 1, false}, 8), day(c.china)) << c.year;
    EXPECT_EQ(tet(c.year), day(c.vietnam)) << c.year;
    EXPECT_EQ(astro::solar_to_lunar(day(c.china), 8), (LunarDate{c.year, 1, 1, false})) << c.year;
  }
}

TEST(CalendarLunar, FormatAndCanChi) {
  EXPECT_EQ(format_lunar(*to_lunar(day("2026-02-17"))), "L 2026-01-01");  // issue 4
  EXPECT_EQ(format_lunar(*to_lunar(day("2025-07-25"))), "L 2025-06-01 leap");
  EXPECT_EQ(format_lunar(*to_lunar(day("2026-04-26"))), "L 2026-03-10");
  EXPECT_EQ(can_chi_year(2026), "Bính Ngọ");
  EXPECT_EQ(can_chi_year(2025), "Ất Tỵ");
  EXPECT_EQ(can_chi_year(2024), "Giáp Thìn");
  EXPECT_EQ(can_chi_year(1968), "Mậu Thân");
  EXPECT_EQ(can_chi_year(1984), "Giáp Tý");
}

TEST(CalendarLunar, OutsideTheRange) {
  EXPECT_EQ(to_lunar(kFirst - days{1}), std::nullopt);
  EXPECT_EQ(to_lunar(kLast + days{1}), std::nullopt);
  EXPECT_EQ(to_solar({1899, 1, 1, false}), std::nullopt);  // 1899-01-31: before the range
  EXPECT_EQ(to_solar({2200, 1, 1, false}), std::nullopt);
  EXPECT_EQ(to_solar({2199, 12, 29, false}), std::nullopt);  // in January 2200
  EXPECT_EQ(tet(1899), std::nullopt);
  EXPECT_EQ(tet(2200), std::nullopt);
  EXPECT_EQ(last_day_of_lunar_year(2199), std::nullopt);
  EXPECT_EQ(last_day_of_lunar_year(1899), day("1900-01-30"));
  EXPECT_EQ(months_in_lunar_year(1800), 0);
  EXPECT_EQ(leap_month(3000), 0);
}

TEST(CalendarLunar, NoSuchLunarDay) {
  EXPECT_EQ(to_solar({2024, 4, 1, true}), std::nullopt);   // 2024 has no leap month
  EXPECT_EQ(to_solar({2025, 5, 1, true}), std::nullopt);   // 2025 repeats month 6, not 5
  EXPECT_EQ(to_solar({2024, 12, 30, false}), std::nullopt);  // month 12 of 2024 has 29 days
  EXPECT_EQ(to_solar({2024, 13, 1, false}), std::nullopt);
  EXPECT_EQ(to_solar({2024, 0, 1, false}), std::nullopt);
  EXPECT_EQ(to_solar({2024, 1, 0, false}), std::nullopt);
  EXPECT_EQ(to_solar({2024, 1, 31, false}), std::nullopt);
  EXPECT_EQ(lunar_month_length(2024, 12, false), 29);
  EXPECT_EQ(lunar_month_length(2023, 12, false), 30);
  EXPECT_EQ(lunar_month_length(2024, 4, true), 0);
}

// Property over the whole range: solar → lunar → solar is the identity for every day.
TEST(CalendarLunar, RoundTripEveryDay) {
  int failures = 0;
  for (Date d = kFirst; d <= kLast; d += days{1}) {
    auto l = to_lunar(d);
    if (!l || to_solar(*l) != d) ++failures;
  }
  EXPECT_EQ(failures, 0);
}

// The table agrees with the direct per-day algorithm (LAW.md §8) on the first and last day of
// every lunar month in the range; inside a month both count days the same way.
TEST(CalendarLunar, TableMatchesDirectAlgorithm) {
  int failures = 0;
  for (Date d = kFirst; d <= kLast; d += days{1}) {
    auto l = *to_lunar(d);
    const bool edge = l.day == 1 || d == kFirst || d == kLast || to_lunar(d + days{1})->day == 1;
    if (edge && astro::solar_to_lunar(d, 7) != l) {
      ++failures;
      ADD_FAILURE() << format_date(d) << " table " << format_lunar(l) << " direct "
                    << format_lunar(astro::solar_to_lunar(d, 7));
    }
  }
  EXPECT_EQ(failures, 0);
}

// Months have 29 or 30 days; a lunar year has 12 months, or 13 with a leap month, and its months
// fill the days from its Tết to the next (LAW.md §8 rule 3).
TEST(CalendarLunar, MonthAndYearLengths) {
  for (int y = kFirstYear; y < kLastYear; ++y) {
    const int lm = leap_month(y);
    ASSERT_EQ(months_in_lunar_year(y), lm ? 13 : 12) << y;
    int total = 0;
    for (int m = 1; m <= 12; ++m) {
      for (bool leap : {false, true}) {
        if (leap && m != lm) continue;
        const int n = lunar_month_length(y, m, leap);
        ASSERT_TRUE(n == 29 || n == 30) << y << "-" << m << (leap ? " leap" : "");
        total += n;
      }
    }
    ASSERT_EQ(total, (*tet(y + 1) - *tet(y)).count()) << y;
    ASSERT_EQ(*last_day_of_lunar_year(y), *tet(y + 1) - days{1}) << y;
  }
}

// LAW.md §8 rule 2: the local day on which the sun reaches 270° lies in month 11 (never a leap
// month: rule 4 gives a leap month no major term).
TEST(CalendarLunar, WinterSolsticeInMonth11) {
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    Date d = make_date(y, 12, 15);
    while (!(astro::sun_arc(astro::jdn(d), 7) == 8 && astro::sun_arc(astro::jdn(d) + 1, 7) == 9)) d += days{1};
    const auto l = to_lunar(d);
    ASSERT_TRUE(l.has_value()) << y;
    EXPECT_EQ(l->month, 11) << format_date(d);
    EXPECT_FALSE(l->leap) << format_date(d);
  }
}

// LAW.md §8 rule 4: the leap month has no major solar term (the sun stays in one 30° arc from
// its first day to the next month's), and every month from month 11 up to it has one.
TEST(CalendarLunar, LeapMonthIsTheFirstWithoutMajorTerm) {
  auto arc = [](Date d) { return astro::sun_arc(astro::jdn(d), 7); };
  int leap_years = 0;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    const int lm = leap_month(y);
    if (lm == 0) continue;
    ++leap_years;
    const auto leap_start = to_solar({y, lm, 1, true});
    if (!leap_start) continue;  // a leap month 11/12 of 2199 reaching past the range
    const Date next = *leap_start + days{lunar_month_length(y, lm, true)};
    EXPECT_EQ(arc(*leap_start), arc(next)) << y;
    const int y11 = lm >= 11 ? y : y - 1;
    auto d = to_solar({y11, 11, 1, false});
    if (!d) continue;  // month 11 of 1898: before the range
    while (*d < *leap_start) {
      const auto l = *to_lunar(*d);
      const Date following = *d + days{lunar_month_length(l.year, l.month, l.leap)};
      EXPECT_NE(arc(*d), arc(following)) << y << ": month " << l.month << " lacks a major term";
      d = following;
    }
  }
  EXPECT_GT(leap_years, 100);  // ≈ 7 in 19 years
}

}  // namespace
}  // namespace tinhso::calendar
