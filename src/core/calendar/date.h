#pragma once
// Civil dates and local moments for deadline rules. A Date is a proleptic-Gregorian day
// (std::chrono::sys_days). Vietnam keeps one time zone, UTC+7, with no daylight saving.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::calendar {

using Date = std::chrono::sys_days;

// The supported range of every calendar function: 1900-01-01 .. 2199-12-31 (issue 4).
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;
bool in_range(Date d);

// Strict "YYYY-MM-DD" (four-digit year, two-digit month and day); nullopt for anything else,
// including impossible days such as 2025-02-29. The range is not checked here.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(Date d);  // "YYYY-MM-DD"
Date make_date(int y, unsigned m, unsigned d);  // caller guarantees a valid day
int year_of(Date d);
unsigned month_of(Date d);
unsigned day_of(Date d);
// ISO weekday: 1 = Monday .. 7 = Sunday.
unsigned iso_weekday(Date d);
// Saturday or Sunday: the weekly rest days of civil servants (Decision 188/1999/QĐ-TTg).
bool is_weekend(Date d);

// A moment in Vietnam's local time: a day and, when known, the minutes since midnight.
struct LocalMoment {
  Date day;
  std::optional<std::chrono::minutes> time;  // [0, 24h) when present
  friend bool operator==(const LocalMoment&, const LocalMoment&) = default;
};

inline constexpr std::chrono::hours kVietnamUtcOffset{7};
LocalMoment to_local(std::chrono::system_clock::time_point t);
// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (24-hour clock); nullopt for anything else.
std::optional<LocalMoment> parse_local_moment(std::string_view s);
std::string format_local_moment(const LocalMoment& m);  // the inverse of parse_local_moment

}  // namespace tinhso::calendar
