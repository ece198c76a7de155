#pragma once
// The Vietnamese lunisolar calendar, computed astronomically by Hồ Ngọc Đức's published rules
// (../shared/domain/LAW.md §8) at the meridian 105°E (UTC+7):
//   1. a month starts on the local day containing the astronomical new moon;
//   2. the winter solstice always falls in month 11;
//   3. from one month 11 to the next there are 12 months, or 13 in a leap year;
//   4. in a 13-month year the leap month is the first month after month 11 without a major
//      solar term (the sun's longitude crossing a multiple of 30°).
// Month starts for the whole supported range are computed once, on first use (thread-safe),
// from those rules; conversions are then table look-ups. Covers every solar day of
// kFirstYear..kLastYear.
#include <optional>
#include <string>

#include "core/calendar/date.h"

namespace tinhso::calendar {

struct LunarDate {
  int year = 0;       // the lunar year, numbered like the solar year in which it mostly falls
  int month = 0;      // 1..12
  int day = 0;        // 1..30
  bool leap = false;  // inside the leap month that repeats `month`
  friend bool operator==(const LunarDate&, const LunarDate&) = default;
};

// nullopt when `d` is outside the supported range.
std::optional<LunarDate> to_lunar(Date d);
// nullopt when no such lunar day exists (a day 30 of a 29-day month, a leap month the year
// lacks) or when its solar day is outside the supported range.
std::optional<Date> to_solar(const LunarDate& l);

// Days in the given month of the given lunar year (29 or 30); 0 when the month does not exist.
int lunar_month_length(int year, int month, bool leap);
// The month the leap month repeats (so the leap month follows it), or 0 in a 12-month year.
// Lunar years 1899..2199 are known (1899's month 12 holds 1900-01-01); 0 for any other.
int leap_month(int lunar_year);
// 12 or 13; 0 outside lunar years 1899..2199.
int months_in_lunar_year(int lunar_year);
// Tết: day 1 of month 1 of the lunar year. nullopt outside the range.
std::optional<Date> tet(int lunar_year);
// The real last day of the lunar year (the 29th or the 30th of month 12, or of a leap month 12).
std::optional<Date> last_day_of_lunar_year(int lunar_year);

// "L YYYY-MM-DD", with " leap" appended inside a leap month (the `calendar lunar` output).
std::string format_lunar(const LunarDate& l);
// The sexagenary (can chi) name of a lunar year in Vietnamese, e.g. "Bính Ngọ" for 2026.
std::string can_chi_year(int lunar_year);

}  // namespace tinhso::calendar
