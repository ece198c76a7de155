#include "core/calendar/lunar.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "core/calendar/lunar_astro.h"

namespace tinhso::calendar {

namespace astro {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDegree = kPi / 180;
constexpr double kSynodicMonth = 29.530588853;           // mean days per lunation
constexpr double kNewMoonEpoch = 2415021.076998695;     // new moon 0, as a Julian date
constexpr int kUnixEpochJdn = 2440588;                  // 1970-01-01

double floor_div(double a, double b) { return std::floor(a / b); }

// Meeus ch. 49: the periodic terms correcting the mean new moon (the largest, as in the source).
double new_moon_correction(double k, double t) {
  const double t2 = t * t;
  const double m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t2 * t) * kDegree;
  const double mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t2 * t) * kDegree;
  const double f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t2 * t) * kDegree;
  double c = (0.1734 - 0.000393 * t) * std::sin(m) + 0.0021 * std::sin(2 * m);
  c = c - 0.4068 * std::sin(mpr) + 0.0161 * std::sin(2 * mpr);
  c = c - 0.0004 * std::sin(3 * mpr);
  c = c + 0.0104 * std::sin(2 * f) - 0.0051 * std::sin(m + mpr);
  c = c - 0.0074 * std::sin(m - mpr) + 0.0004 * std::sin(2 * f + m);
  c = c - 0.0004 * std::sin(2 * f - m) - 0.0006 * std::sin(2 * f + mpr);
  c = c + 0.0010 * std::sin(2 * f - mpr) + 0.0005 * std::sin(2 * mpr + m);
  return c;
}

// ΔT (TT − UT) in days, the polynomial fits of the source for before and after 1620 (T = -11).
double delta_t(double t) {
  const double t2 = t * t;
  const double t3 = t2 * t;
  if (t < -11) return 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  return -0.000278 + 0.000265 * t + 0.000262 * t2;
}

// The label of the month at `offset` from month 11 in a span of 12 or 13 months whose leap month
// is at `leap_offset` (-1 in a 12-month span) — LAW.md §8 rules 3–4: the leap month repeats the
// month before it.
struct Label {
  int month;
  bool leap;
};
Label label(int offset, int leap_offset) {
  int month = offset + 11;
  bool leap = false;
  if (leap_offset >= 0 && offset >= leap_offset) {
    month = offset + 10;
    leap = offset == leap_offset;
  }
  if (month > 12) month -= 12;
  return {month, leap};
}

}  // namespace

int jdn(Date d) { return static_cast<int>(d.time_since_epoch().count()) + kUnixEpochJdn; }
Date from_jdn(int j) { return Date{std::chrono::days{j - kUnixEpochJdn}}; }

double new_moon(int k) {
  const double kk = k;
  const double t = kk / 1236.85;  // Julian centuries from 1900-01-01
  const double t2 = t * t;
  double jd = 2415020.75933 + 29.53058868 * kk + 0.0001178 * t2 - 0.000000155 * t2 * t;
  jd += 0.00033 * std::sin((166.56 + 132.87 * t - 0.009173 * t2) * kDegree);
  return jd + new_moon_correction(kk, t) - delta_t(t);
}

double sun_longitude(double jd) {
  const double t = (jd - 2451545.0) / 36525;  // Julian centuries from J2000
  const double t2 = t * t;
  const double m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * kDegree;
  const double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * std::sin(m);
  dl += (0.019993 - 0.000101 * t) * std::sin(2 * m) + 0.000290 * std::sin(3 * m);
  double l = (l0 + dl) * kDegree;
  return l - 2 * kPi * floor_div(l, 2 * kPi);
}

// LAW.md §8 rule 1 and 5: the local (UTC+tz) day containing the new moon.
int new_moon_day(int k, double tz) { return static_cast<int>(std::floor(new_moon(k) + 0.5 + tz / 24)); }

int sun_arc(int day, double tz) {
  return static_cast<int>(floor_div(sun_longitude(day - 0.5 - tz / 24), kPi / 6));
}

// LAW.md §8 rule 2: of the lunation around 31 December, take the month before it when the sun
// has already passed 270° (the solstice) at its start.
int lunar_month11(int y, double tz) {
  const int off = jdn(make_date(y, 12, 31)) - 2415021;
  const int k = static_cast<int>(floor_div(off, kSynodicMonth));
  int nm = new_moon_day(k, tz);
  if (sun_arc(nm, tz) >= 9) nm = new_moon_day(k - 1, tz);
  return nm;
}

// LAW.md §8 rule 4: the first month after month 11 during which the sun stays in one arc.
int leap_month_offset(int a11, double tz) {
  const int k = lunation_of(a11);
  int i = 1;
  int arc = sun_arc(new_moon_day(k + i, tz), tz);
  int last = 0;
  do {
    last = arc;
    ++i;
    arc = sun_arc(new_moon_day(k + i, tz), tz);
  } while (arc != last && i < 14);
  return i - 1;
}

int lunation_of(int month_start) {
  return static_cast<int>(std::floor((month_start - kNewMoonEpoch) / kSynodicMonth + 0.5));
}

LunarDate solar_to_lunar(Date d, double tz) {
  const int day = jdn(d);
  const int k = static_cast<int>(floor_div(day - kNewMoonEpoch, kSynodicMonth));
  int month_start = new_moon_day(k + 1, tz);
  if (month_start > day) month_start = new_moon_day(k, tz);
  // The true new moon can trail the mean one by up to ~14 h, so the month may start one lunation
  // earlier still; the published code lacks this step and gives a day 0 on 2054-05-07 and
  // 2062-04-09 (UTC+7).
  if (month_start > day) month_start = new_moon_day(k - 1, tz);
  const int y = year_of(d);
  int a11 = lunar_month11(y, tz);
  int b11 = a11;
  int lunar_year = y;
  if (a11 >= month_start) {
    a11 = lunar_month11(y - 1, tz);
  } else {
    lunar_year = y + 1;
    b11 = lunar_month11(y + 1, tz);
  }
  const int offset = static_cast<int>(floor_div(month_start - a11, 29));
  // LAW.md §8 rule 3: 13 months between two months 11 make a leap year.
  const int leap_offset = b11 - a11 > 365 ? leap_month_offset(a11, tz) : -1;
  const Label l = label(offset, leap_offset);
  if (l.month >= 11 && offset < 4) --lunar_year;
  return {lunar_year, l.month, day - month_start + 1, l.leap};
}

std::optional<Date> lunar_to_solar(const LunarDate& l, double tz) {
  const int a11 = lunar_month11(l.month < 11 ? l.year - 1 : l.year, tz);
  const int b11 = lunar_month11(l.month < 11 ? l.year : l.year + 1, tz);
  int offset = (l.month + 1) % 12;  // month 11 is offset 0
  if (b11 - a11 > 365) {
    const int leap_offset = leap_month_offset(a11, tz);
    const int leap_month = (leap_offset + 10 - 1) % 12 + 1;
    if (l.leap && l.month != leap_month) return std::nullopt;
    if (l.leap || offset >= leap_offset) ++offset;
  } else if (l.leap) {
    return std::nullopt;
  }
  return from_jdn(new_moon_day(lunation_of(a11) + offset, tz) + l.day - 1);
}

}  // namespace astro

namespace {

// Lunar years whose every month is in the table: 1899 (its month 12 holds 1900-01-01) to 2199.
constexpr int kFirstLunarYear = kFirstYear - 1;
constexpr int kLastLunarYear = kLastYear;
constexpr double kTimeZone = 7;  // LAW.md §8 rule 5: the meridian 105°E

struct MonthLabel {
  std::int16_t year;
  std::int8_t month;
  bool leap;
};

// Every lunation from month 11 of lunar 1898 to month 10 of lunar 2200 at UTC+7, built once
// from the rules of LAW.md §8 (no typed-in data).
class MonthTable {
 public:
  MonthTable() {
    for (int y = kFirstLunarYear - 1; y <= kLastLunarYear; ++y) add_span(y);
    starts_.push_back(astro::lunar_month11(kLastLunarYear + 1, kTimeZone));
    index_years();
  }

  // The month containing JDN `day`; `day` must lie within the table.
  std::size_t find(int day) const {
    const auto est = static_cast<std::int64_t>(day - starts_.front()) * 1000000 / 29530589;
    std::size_t i = std::min(static_cast<std::size_t>(est), labels_.size() - 1);
    while (starts_[i] > day) --i;
    while (starts_[i + 1] <= day) ++i;
    return i;
  }

  // The table index of a lunar month; nullopt when the year has no such month.
  std::optional<std::size_t> index_of(int year, int month, bool leap) const {
    if (year < kFirstLunarYear || year > kLastLunarYear || month < 1 || month > 12) return std::nullopt;
    const int lm = leap_month(year);
    if (leap && month != lm) return std::nullopt;
    const bool after_leap = lm != 0 && (month > lm || (month == lm && leap));
    return tet_[year - kFirstLunarYear] + static_cast<std::size_t>(month - 1) + (after_leap ? 1 : 0);
  }

  int leap_month(int year) const { return leap_[year - kFirstLunarYear]; }
  std::size_t tet_index(int year) const { return tet_[year - kFirstLunarYear]; }
  int start(std::size_t i) const { return starts_[i]; }
  int length(std::size_t i) const { return starts_[i + 1] - starts_[i]; }
  const MonthLabel& label(std::size_t i) const { return labels_[i]; }

 private:
  // The months from month 11 of solar year y (containing its winter solstice) to the next.
  void add_span(int y) {
    const int a11 = astro::lunar_month11(y, kTimeZone);
    const int b11 = astro::lunar_month11(y + 1, kTimeZone);
    const int k = astro::lunation_of(a11);
    const bool leap_year = b11 - a11 > 365;  // rule 3: 13 months
    const int months = leap_year ? 13 : 12;
    const int leap_offset = leap_year ? astro::leap_month_offset(a11, kTimeZone) : -1;
    for (int i = 0; i < months; ++i) {
      const auto l = astro::label(i, leap_offset);
      const int year = l.month >= 11 && i < 4 ? y : y + 1;
      starts_.push_back(astro::new_moon_day(k + i, kTimeZone));
      labels_.push_back({static_cast<std::int16_t>(year), static_cast<std::int8_t>(l.month), l.leap});
    }
  }

  void index_years() {
    constexpr std::size_t kYears = kLastLunarYear - kFirstLunarYear + 2;  // and the year after
    tet_.assign(kYears, 0);
    leap_.assign(kYears, 0);
    for (std::size_t i = 0; i < labels_.size(); ++i) {
      const MonthLabel& l = labels_[i];
      if (l.year < kFirstLunarYear || l.year > kLastLunarYear + 1) continue;
      const auto y = static_cast<std::size_t>(l.year - kFirstLunarYear);
      if (l.month == 1 && !l.leap) tet_[y] = i;
      if (l.leap) leap_[y] = l.month;
    }
  }

  std::vector<int> starts_;  // JDN of each month's first day, and the end of the last month
  std::vector<MonthLabel> labels_;
  std::vector<std::size_t> tet_;  // per lunar year from kFirstLunarYear: index of month 1
  std::vector<int> leap_;         // per lunar year: the month its leap month repeats, or 0
};

const MonthTable& table() {
  static const MonthTable t;  // built on first use; thread-safe initialisation
  return t;
}

// "07" for 7; callers pass 0..99.
std::string two_digits(int n) { return {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)}; }

bool in_lunar_range(int year) { return year >= kFirstLunarYear && year <= kLastLunarYear; }

std::optional<Date> solar_in_range(int jdn) {
  const Date d = astro::from_jdn(jdn);
  if (!in_range(d)) return std::nullopt;
  return d;
}

}  // namespace

std::optional<LunarDate> to_lunar(Date d) {
  if (!in_range(d)) return std::nullopt;
  const MonthTable& t = table();
  const int day = astro::jdn(d);
  const std::size_t i = t.find(day);
  const MonthLabel& l = t.label(i);
  return LunarDate{l.year, l.month, day - t.start(i) + 1, l.leap};
}

std::optional<Date> to_solar(const LunarDate& l) {
  const MonthTable& t = table();
  const auto i = t.index_of(l.year, l.month, l.leap);
  if (!i || l.day < 1 || l.day > t.length(*i)) return std::nullopt;
  return solar_in_range(t.start(*i) + l.day - 1);
}

int lunar_month_length(int year, int month, bool leap) {
  const MonthTable& t = table();
  const auto i = t.index_of(year, month, leap);
  return i ? t.length(*i) : 0;
}

int leap_month(int lunar_year) { return in_lunar_range(lunar_year) ? table().leap_month(lunar_year) : 0; }

int months_in_lunar_year(int lunar_year) {
  if (!in_lunar_range(lunar_year)) return 0;
  const MonthTable& t = table();
  return static_cast<int>(t.tet_index(lunar_year + 1) - t.tet_index(lunar_year));
}

std::optional<Date> tet(int lunar_year) {
  if (!in_lunar_range(lunar_year)) return std::nullopt;
  const MonthTable& t = table();
  return solar_in_range(t.start(t.tet_index(lunar_year)));
}

std::optional<Date> last_day_of_lunar_year(int lunar_year) {
  if (!in_lunar_range(lunar_year)) return std::nullopt;
  const MonthTable& t = table();
  return solar_in_range(t.start(t.tet_index(lunar_year + 1)) - 1);
}

std::string format_lunar(const LunarDate& l) {
  std::string out = "L " + format_date(make_date(l.year, 1, 1)).substr(0, 5);
  out += two_digits(l.month);
  out += '-';
  out += two_digits(l.day);
  if (l.leap) out += " leap";
  return out;
}

std::string can_chi_year(int lunar_year) {
  static constexpr std::array<const char*, 10> kCan = {"Giáp", "Ất",   "Bính", "Đinh", "Mậu",
                                                        "Kỷ",   "Canh", "Tân",  "Nhâm", "Quý"};
  static constexpr std::array<const char*, 12> kChi = {"Tý",   "Sửu", "Dần", "Mão",  "Thìn", "Tỵ",
                                                        "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};
  // Year 4 (Giáp Tý) starts a cycle: can = (y + 6) mod 10, chi = (y + 8) mod 12.
  const auto can = static_cast<std::size_t>(((lunar_year + 6) % 10 + 10) % 10);
  const auto chi = static_cast<std::size_t>(((lunar_year + 8) % 12 + 12) % 12);
  return std::string(kCan[can]) + " " + kChi[chi];
}

}  // namespace tinhso::calendar
