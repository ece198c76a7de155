#include "core/calendar/date.h"

#include <gtest/gtest.h>

namespace tinhso::calendar {
namespace {

using namespace std::chrono;

TEST(CalendarDate, ParseDateTable) {
  struct Case {
    const char* in;
    bool ok;
  };
  const Case cases[] = {
      {"2026-02-17", true},  {"2024-02-29", true},   {"2025-02-29", false},  // not a leap year
      {"1900-02-29", false},                                                  // century rule
      {"2000-02-29", true},  {"2026-04-31", false},  {"2026-13-01", false},  {"2026-00-10", false},
      {"2026-01-00", false}, {"2026-1-17", false},   {"26-02-17", false},    {"2026/02/17", false},
      {" 2026-02-17", false}, {"2026-02-17 ", false}, {"2026-02-17x", false}, {"20260217", false},
      {"", false},           {"+026-02-17", false},  {"2026-02-1a", false},  {"0000-01-01", true},
      {"9999-12-31", true},
  };
  for (const auto& c : cases) {
    auto d = parse_date(c.in);
    EXPECT_EQ(d.has_value(), c.ok) << c.in;
    if (d) {
      EXPECT_EQ(format_date(*d), c.in);
    }
  }
}

TEST(CalendarDate, RangeAndParts) {
  // issue 4: the supported range is 1900-01-01 .. 2199-12-31.
  EXPECT_TRUE(in_range(make_date(1900, 1, 1)));
  EXPECT_TRUE(in_range(make_date(2199, 12, 31)));
  EXPECT_FALSE(in_range(make_date(1899, 12, 31)));
  EXPECT_FALSE(in_range(make_date(2200, 1, 1)));
  const Date d = make_date(2026, 2, 17);
  EXPECT_EQ(year_of(d), 2026);
  EXPECT_EQ(month_of(d), 2u);
  EXPECT_EQ(day_of(d), 17u);
  EXPECT_EQ(iso_weekday(d), 2u);  // Tết 2026 is a Tuesday
  EXPECT_FALSE(is_weekend(d));
  EXPECT_TRUE(is_weekend(make_date(2026, 2, 21)));  // Saturday (Decision 188/1999/QĐ-TTg)
  EXPECT_TRUE(is_weekend(make_date(2026, 2, 22)));  // Sunday
  EXPECT_EQ(iso_weekday(make_date(1900, 1, 1)), 1u);  // a Monday
}

TEST(CalendarDate, ParseLocalMomentTable) {
  struct Case {
    const char* in;
    bool ok;
    int minutes;  // -1: no time of day
  };
  const Case cases[] = {
      {"2026-03-06", true, -1},        {"2026-03-06T14:59", true, 899}, {"2026-03-06T15:00", true, 900},
      {"2026-03-06T00:00", true, 0},   {"2026-03-06T23:59", true, 1439}, {"2026-03-06T24:00", false, 0},
      {"2026-03-06T23:60", false, 0},  {"2026-03-06 14:59", false, 0},  {"2026-03-06t14:59", false, 0},
      {"2026-03-06T1459", false, 0},   {"2026-03-06T14:5", false, 0},   {"2026-03-06T14:59:00", false, 0},
      {"2026-03-06T", false, 0},       {"2026-02-30T10:00", false, 0},  {"2026-03-06T-1:00", false, 0},
  };
  for (const auto& c : cases) {
    auto m = parse_local_moment(c.in);
    ASSERT_EQ(m.has_value(), c.ok) << c.in;
    if (!m) continue;
    EXPECT_EQ(m->time.has_value(), c.minutes >= 0) << c.in;
    if (m->time) {
      EXPECT_EQ(m->time->count(), c.minutes) << c.in;
    }
    EXPECT_EQ(format_local_moment(*m), c.in);
  }
}

TEST(CalendarDate, ToLocalIsUtcPlusSeven) {
  // Vietnam keeps UTC+7 all year (no daylight saving).
  const auto t = sys_days{2026y / March / 6d} + 7h + 59min + 59s;  // 14:59:59 local
  EXPECT_EQ(to_local(t), (LocalMoment{make_date(2026, 3, 6), minutes{14 * 60 + 59}}));
  const auto late = sys_days{2026y / December / 31d} + 17h;  // midnight local: the next day
  EXPECT_EQ(to_local(late), (LocalMoment{make_date(2027, 1, 1), minutes{0}}));
  const auto before_epoch = sys_days{1900y / January / 1d} + 16h + 59min;
  EXPECT_EQ(to_local(before_epoch), (LocalMoment{make_date(1900, 1, 1), minutes{23 * 60 + 59}}));
}

}  // namespace
}  // namespace tinhso::calendar
