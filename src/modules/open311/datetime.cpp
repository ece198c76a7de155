#include "modules/open311/datetime.h"

#include <algorithm>
#include <cstdio>

namespace tinhso::open311 {

namespace {

constexpr std::int64_t kDay = 86400;

// Days since 1970-01-01 of a proleptic-Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms", days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` ASCII digits at s[pos]; advances pos. -1 when they are not all digits.
int digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (s.size() - pos < n) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

bool take(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// The time-zone designator at s[pos..] to the end: "Z", "+hh:mm", "-hh:mm" (' ' read as '+').
std::optional<int> parse_offset(std::string_view s, std::size_t pos) {
  if (s.substr(pos) == "Z") return 0;
  if (pos >= s.size()) return std::nullopt;
  int sign = s[pos] == '-' ? -1 : 1;
  if (s[pos] != '+' && s[pos] != '-' && s[pos] != ' ') return std::nullopt;
  ++pos;
  int hh = digits(s, pos, 2);
  if (hh < 0 || !take(s, pos, ':')) return std::nullopt;
  int mm = digits(s, pos, 2);
  if (mm < 0 || mm > 59 || pos != s.size()) return std::nullopt;
  int total = hh * 60 + mm;
  if (total > kMaxOffsetMinutes) return std::nullopt;
  return sign * total;
}

}  // namespace

std::optional<DateTime> parse_datetime(std::string_view s, int default_offset_minutes) {
  std::size_t pos = 0;
  int y = digits(s, pos, 4);
  if (y < 1 || !take(s, pos, '-')) return std::nullopt;
  int mo = digits(s, pos, 2);
  if (mo < 1 || mo > 12 || !take(s, pos, '-')) return std::nullopt;
  int d = digits(s, pos, 2);
  if (d < 1 || static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(mo))) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  int offset = default_offset_minutes;
  if (pos != s.size()) {
    if (!take(s, pos, 'T')) return std::nullopt;
    hh = digits(s, pos, 2);
    if (hh < 0 || hh > 23 || !take(s, pos, ':')) return std::nullopt;
    mm = digits(s, pos, 2);
    if (mm < 0 || mm > 59) return std::nullopt;
    if (take(s, pos, ':')) {
      ss = digits(s, pos, 2);
      if (ss < 0 || ss > 59) return std::nullopt;
      if (take(s, pos, '.')) {
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
      }
    }
    if (pos != s.size()) {
      auto o = parse_offset(s, pos);
      if (!o) return std::nullopt;
      offset = *o;
    }
  }
  if (offset < -kMaxOffsetMinutes || offset > kMaxOffsetMinutes) return std::nullopt;
  std::int64_t local = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * kDay +
                       hh * 3600 + mm * 60 + ss;
  std::int64_t epoch = local - static_cast<std::int64_t>(offset) * 60;
  if (epoch < kMinEpochSeconds || epoch > kMaxEpochSeconds) return std::nullopt;
  return DateTime{epoch, offset};
}

std::string format_datetime(const DateTime& t) {
  const std::int64_t epoch = std::clamp(t.epoch_seconds, kMinEpochSeconds, kMaxEpochSeconds);
  const int offset = std::clamp(t.offset_minutes, -kMaxOffsetMinutes, kMaxOffsetMinutes);
  const std::int64_t local = epoch + static_cast<std::int64_t>(offset) * 60;
  // local >= 0001-01-01 > -2^62: floor division by hand for negative values.
  std::int64_t days = local / kDay;
  std::int64_t secs = local % kDay;
  if (secs < 0) {
    secs += kDay;
    --days;
  }
  const Civil c = civil_from_days(days);
  const int abs_offset = offset < 0 ? -offset : offset;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(c.y), c.m, c.d,
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                offset < 0 ? '-' : '+', abs_offset / 60, abs_offset % 60);
  return buf;
}

}  // namespace tinhso::open311
