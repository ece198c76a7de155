#pragma once
// The astronomical core of the lunar calendar, as Hồ Ngọc Đức publishes it ("Thuật toán tính âm
// lịch"; LAW.md §8), for any time zone. lunar.cpp builds its month table from these functions at
// UTC+7; tests also run them at UTC+8 (the Chinese calendar) to show where the two differ. Not for
// modules: use lunar.h. Day numbers are Julian day numbers (JDN, the day starting at noon UTC).
#include "core/calendar/lunar.h"

namespace tinhso::calendar::astro {

// The JDN of a civil day (2000-01-01 is 2451545).
int jdn(Date d);
Date from_jdn(int jdn);

// The moment of new moon k (k = 0: the new moon of 1900-01-01; k counts lunations), as a Julian
// date (Jean Meeus, Astronomical Algorithms, ch. 49, truncated series as in Hồ Ngọc Đức's code).
double new_moon(int k);
// The sun's apparent longitude in radians, in [0, 2π), at Julian date `jd` (Meeus ch. 25, low
// precision).
double sun_longitude(double jd);

// The JDN of the local day containing new moon k (LAW.md §8 rule 1).
int new_moon_day(int k, double tz);
// Which 30° arc (0..11) the sun is in at the start of local day `day`; a month whose first day
// and the next month's first day give the same arc has no major solar term (rule 4).
int sun_arc(int day, double tz);
// The first day of the lunar month that contains the winter solstice of solar year `y`: month 11
// (rule 2).
int lunar_month11(int y, double tz);
// The offset, from month 11 starting on `a11`, of the leap month of a 13-month year (rules 3–4).
int leap_month_offset(int a11, double tz);
// The index k of the new moon that starts the month beginning on `month_start`.
int lunation_of(int month_start);

// Direct per-day conversions by the published algorithm (slow: several trigonometric series per
// call). The reference the table in lunar.cpp is checked against.
LunarDate solar_to_lunar(Date d, double tz);
// nullopt when the lunar year has no such leap month. The day is not checked against the month's
// length.
std::optional<Date> lunar_to_solar(const LunarDate& l, double tz);

}  // namespace tinhso::calendar::astro
