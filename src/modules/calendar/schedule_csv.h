#pragma once
// An official schedule as a CSV file (the administrators' import and export): the header
// `date,kind,reason,note`, then one row per day that differs from the Monday–Friday week:
//   2026-01-02,off,swap,Hoán đổi với thứ Bảy 10/01/2026
//   2026-01-10,work,swap,
// `kind` is off | work, `reason` a calendar::Reason code (holidays.h). Pure: no I/O, SOCI or
// Boost, so it is fuzzed (tests/fuzz/schedule_csv_fuzz.cpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/holidays.h"

namespace tinhso::calendar {

inline constexpr std::size_t kMaxNoteBytes = 500;
inline constexpr std::size_t kMaxSourceBytes = 500;

// One problem of an import, at a 1-based line of the file (the header is line 1; 0 for the file
// as a whole); `message_id` is a catalog id ("calendar.error.kind", "csv.stray_quote", ...).
struct RowProblem {
  std::size_t line = 0;
  std::string message_id;
  friend bool operator==(const RowProblem&, const RowProblem&) = default;
};

// Either the days (sorted by date, valid for `year` by check_schedule) or every problem found,
// in line order — never both. An empty file body (header only) gives no days and no problem.
struct ScheduleCsv {
  std::vector<calendar::ScheduleDay> days;
  std::vector<RowProblem> problems;
};
ScheduleCsv parse_schedule_csv(std::string_view text, int year);

// The days of `s` in the import format (with a UTF-8 byte-order mark for spreadsheets, CRLF line
// ends); parse_schedule_csv reads it back to the same days.
std::string schedule_to_csv(const calendar::OfficialSchedule& s);

// The catalog id describing a check_schedule problem ("calendar.error.duplicate", ...).
std::string problem_message_id(calendar::ScheduleProblem::Kind kind);

}  // namespace tinhso::calendar
