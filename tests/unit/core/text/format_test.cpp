#include "core/text/format.h"

#include <gtest/gtest.h>

namespace tinhso::text {
namespace {

using namespace std::chrono;

TEST(FormatDate, Table) {
  struct Case {
    year_month_day date;
    const char* lang;
    const char* want;
  };
  const Case cases[] = {
      {2026y / November / 26d, "vi", "26/11/2026"},
      {2026y / November / 26d, "en", "26 Nov 2026"},
      {2026y / January / 5d, "vi", "05/01/2026"},
      {2026y / January / 5d, "en", "5 Jan 2026"},
      {2024y / February / 29d, "vi", "29/02/2024"},
      {1999y / December / 31d, "vi", "31/12/1999"},
      {2026y / November / 26d, "fr", "26/11/2026"},  // anything but "en" is Vietnamese
  };
  for (const auto& c : cases) EXPECT_EQ(format_date(c.date, c.lang), c.want) << c.want;
}

TEST(FormatDatetime, InHoChiMinhCity) {
  // A fixed instant, never the real clock: 2026-11-26 07:20:19 UTC is 14:20 in Asia/Ho_Chi_Minh.
  sys_seconds t = sys_days{2026y / November / 26d} + 7h + 20min + 19s;
  EXPECT_EQ(format_datetime(t, "vi"), "14:20 26/11/2026");
  EXPECT_EQ(format_datetime(t, "en"), "14:20, 26 Nov 2026");
  EXPECT_EQ(format_datetime(t, "vi", "UTC"), "07:20 26/11/2026");
  // 17:30 UTC is already the next day in Vietnam.
  sys_seconds late = sys_days{2026y / December / 31d} + 17h + 30min;
  EXPECT_EQ(format_datetime(late, "vi"), "00:30 01/01/2027");
  // No daylight saving: the offset is +7 in July too.
  EXPECT_EQ(format_datetime(sys_days{2026y / July / 1d} + 0h, "vi"), "07:00 01/07/2026");
}

// The Vietnamese dates are formatted without ICU; "Asia/Saigon" (the same zone under its old
// name) and "UTC" still go through ICU, so the two paths are compared over two centuries.
TEST(FormatDatetime, FastVietnamesePathAgreesWithIcu) {
  sys_seconds t = sys_days{1975y / June / 13d} + 0h;
  const sys_seconds end = sys_days{2150y / January / 1d} + 0h;
  int checked = 0;
  for (; t < end; t += 7h + 13min + 17s, ++checked) {
    ASSERT_EQ(format_datetime(t, "vi"), format_datetime(t, "vi", "Asia/Saigon")) << t.time_since_epoch().count();
    year_month_day d{floor<days>(t)};
    ASSERT_EQ(format_date(d, "vi"), format_datetime(sys_days{d} + 0h, "vi", "UTC").substr(6)) << t.time_since_epoch().count();
  }
  EXPECT_GT(checked, 200000);
  // Before the fixed offset, ICU's history of the zone applies (UTC+8 in Saigon until 1975).
  sys_seconds old = sys_days{1970y / January / 1d} + 0h;
  EXPECT_EQ(format_datetime(old, "vi"), format_datetime(old, "vi", "Asia/Saigon"));
}

TEST(FormatInteger, Table) {
  struct Case {
    std::int64_t n;
    const char* lang;
    const char* want;
  };
  const Case cases[] = {
      {1234567, "vi", "1.234.567"}, {1234567, "en", "1,234,567"}, {0, "vi", "0"},
      {999, "vi", "999"},           {1000, "vi", "1.000"},         {-1234, "vi", "-1.234"},
      {-1234, "en", "-1,234"},      {9007199254740993, "vi", "9.007.199.254.740.993"},
  };
  for (const auto& c : cases) EXPECT_EQ(format_integer(c.n, c.lang), c.want) << c.n << " " << c.lang;
}

TEST(FormatDecimal, Table) {
  struct Case {
    double v;
    int digits;
    const char* lang;
    const char* want;
  };
  const Case cases[] = {
      {12.5, 1, "vi", "12,5"},          {12.5, 1, "en", "12.5"},      {1234.5, 2, "vi", "1.234,50"},
      {1234.5, 2, "en", "1,234.50"},    {1.26, 1, "vi", "1,3"},       {7, 0, "vi", "7"},
      {0.5, 2, "vi", "0,50"},           {-3.25, 2, "en", "-3.25"},    {1e6, 1, "vi", "1.000.000,0"},
  };
  for (const auto& c : cases) EXPECT_EQ(format_decimal(c.v, c.digits, c.lang), c.want) << c.v << " " << c.lang;
}

}  // namespace
}  // namespace tinhso::text
