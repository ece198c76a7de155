#include "core/calendar/date.h"

namespace tinhso::calendar {

namespace {

using namespace std::chrono;

constexpr Date kFirstDay = sys_days{year{kFirstYear} / January / 1};
constexpr Date kLastDay = sys_days{year{kLastYear} / December / 31};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The unsigned number written by exactly s.size() digits; nullopt if any is not a digit.
std::optional<int> digits(std::string_view s) {
  int n = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Appends n (>= 0) with at least `width` digits, zero-padded.
void put(std::string& out, long long n, int width) {
  char buf[24];
  int len = 0;
  do {
    buf[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n > 0);
  for (int i = len; i < width; ++i) out += '0';
  while (len > 0) out += buf[--len];
}

}  // namespace

bool in_range(Date d) { return d >= kFirstDay && d <= kLastDay; }

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = digits(s.substr(0, 4));
  auto m = digits(s.substr(5, 2));
  auto d = digits(s.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  year_month_day ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string format_date(Date d) {
  year_month_day ymd{d};
  std::string out;
  out.reserve(10);
  int y = static_cast<int>(ymd.year());
  if (y < 0) out += '-';
  put(out, y < 0 ? -static_cast<long long>(y) : y, 4);
  out += '-';
  put(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  put(out, static_cast<unsigned>(ymd.day()), 2);
  return out;
}

Date make_date(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }
int year_of(Date d) { return static_cast<int>(year_month_day{d}.year()); }
unsigned month_of(Date d) { return static_cast<unsigned>(year_month_day{d}.month()); }
unsigned day_of(Date d) { return static_cast<unsigned>(year_month_day{d}.day()); }
unsigned iso_weekday(Date d) { return weekday{d}.iso_encoding(); }
bool is_weekend(Date d) { return iso_weekday(d) >= 6; }

LocalMoment to_local(system_clock::time_point t) {
  auto local = floor<minutes>(t) + kVietnamUtcOffset;
  Date day = floor<days>(local);
  return {day, local - day};
}

std::optional<LocalMoment> parse_local_moment(std::string_view s) {
  auto day = parse_date(s.substr(0, 10));
  if (!day) return std::nullopt;
  if (s.size() == 10) return LocalMoment{*day, std::nullopt};
  if (s.size() != 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
  auto h = digits(s.substr(11, 2));
  auto m = digits(s.substr(14, 2));
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  return LocalMoment{*day, hours{*h} + minutes{*m}};
}

std::string format_local_moment(const LocalMoment& m) {
  std::string out = format_date(m.day);
  if (!m.time) return out;
  auto total = m.time->count();
  out += 'T';
  put(out, total / 60, 2);
  out += ':';
  put(out, total % 60, 2);
  return out;
}

}  // namespace tinhso::calendar
