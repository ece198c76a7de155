#pragma once
// The calendar's request parameters and the deadline question they ask, without any HTTP or
// rendering: what the month view, the calculator, the API and the command line share.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/deadline.h"

namespace tinhso::calendar {

// The largest period the calculator, the API and the command line accept: ten years of days is
// beyond any statutory period.
inline constexpr int kMaxAmount = 3650;

// 0..kMaxAmount written in ASCII digits only; nullopt otherwise.
std::optional<int> parse_amount(std::string_view s);
// A four-digit year of kFirstYear..kLastYear; nullopt otherwise.
std::optional<int> parse_year(std::string_view s);
// "YYYY-MM" of the supported range; nullopt otherwise.
std::optional<std::chrono::year_month> parse_month(std::string_view s);
// The month picker's two fields: a year as parse_year and a month 1..12.
std::optional<std::chrono::year_month> parse_year_and_month(std::string_view year, std::string_view month);
// "HH:MM" of minutes since midnight.
std::string format_minutes(std::chrono::minutes m);

// A period counted from a receipt, and how: the day counting starts from (after the cut-off
// rule, Decree 61/2018/NĐ-CP Art. 18), whether the cut-off moved it, and for calendar days the
// end before it was rolled forward to a working day (Civil Code 2015 Art. 148(5)).
struct DueResult {
  calendar::Date received;
  calendar::Date due;
  bool after_cutoff = false;
  std::optional<calendar::Date> rolled_from;
};
// nullopt when a date leaves the supported range. `from.time`, if any, must be in [0, 24h) and
// `period.amount` >= 0.
std::optional<DueResult> compute_due(const calendar::WorkCalendar& cal, const calendar::DeadlineRules& rules,
                                     const calendar::LocalMoment& from, calendar::Period period);

}  // namespace tinhso::calendar
