#pragma once
// Shared by the calendar tests: dates from text, and the official civil-servant schedules
// 2024–2026 built from the table in LAW.md §1 (M), exactly as printed there.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/calendar/deadline.h"

namespace tinhso::calendar::test {

// A date from "YYYY-MM-DD"; throws on anything else, so a typo in a table fails loudly.
inline Date day(const std::string& s) {
  auto d = parse_date(s);
  if (!d) throw std::invalid_argument("bad test date " + s);
  return *d;
}

// A moment from "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
inline LocalMoment moment(const std::string& s) {
  auto m = parse_local_moment(s);
  if (!m) throw std::invalid_argument("bad test moment " + s);
  return *m;
}

// One cell of the LAW.md §1 table: the days from..to inclusive; an `off` span lists weekdays off
// "besides weekends", so its Saturdays and Sundays are skipped.
struct Span {
  const char* from;
  const char* to;
  Reason reason;
};

inline void add_span(OfficialSchedule& s, DayKind kind, const Span& span) {
  for (Date d = day(span.from); d <= day(span.to); d += std::chrono::days{1})
    if (kind == DayKind::work || !is_weekend(d)) s.days.push_back({d, kind, span.reason, {}});
}

inline OfficialSchedule schedule(int year, std::vector<Span> off, std::vector<Span> work) {
  OfficialSchedule s{year, "LAW.md §1", {}};
  for (const Span& span : off) add_span(s, DayKind::off, span);
  for (const Span& span : work) add_span(s, DayKind::work, span);
  std::sort(s.days.begin(), s.days.end(), [](const ScheduleDay& a, const ScheduleDay& b) { return a.date < b.date; });
  return s;
}

// LAW.md §1: "2024 | 1/1; 8/2–14/2; 18/4; 29/4–1/5; 2/9–3/9 | 4/5".
inline OfficialSchedule official_2024() {
  return schedule(2024,
                  {{"2024-01-01", "2024-01-01", Reason::new_year},
                   {"2024-02-08", "2024-02-14", Reason::tet},
                   {"2024-04-18", "2024-04-18", Reason::hung_kings},
                   {"2024-04-29", "2024-04-29", Reason::swap},
                   {"2024-04-30", "2024-04-30", Reason::reunification},
                   {"2024-05-01", "2024-05-01", Reason::labour_day},
                   {"2024-09-02", "2024-09-03", Reason::national_day}},
                  {{"2024-05-04", "2024-05-04", Reason::swap}});
}

// LAW.md §1: "2025 | 1/1; 27/1–31/1; 7/4; 30/4–2/5; 1/9–2/9 | 26/4".
inline OfficialSchedule official_2025() {
  return schedule(2025,
                  {{"2025-01-01", "2025-01-01", Reason::new_year},
                   {"2025-01-27", "2025-01-31", Reason::tet},
                   {"2025-04-07", "2025-04-07", Reason::hung_kings},
                   {"2025-04-30", "2025-04-30", Reason::reunification},
                   {"2025-05-01", "2025-05-01", Reason::labour_day},
                   {"2025-05-02", "2025-05-02", Reason::swap},
                   {"2025-09-01", "2025-09-02", Reason::national_day}},
                  {{"2025-04-26", "2025-04-26", Reason::swap}});
}

// LAW.md §1: "2026 | 1/1–2/1; 16/2–20/2; 27/4 (compensates Hùng Kings on Sun 26/4); 30/4–1/5;
// 31/8–2/9 | 10/1; 22/8".
inline OfficialSchedule official_2026() {
  return schedule(2026,
                  {{"2026-01-01", "2026-01-01", Reason::new_year},
                   {"2026-01-02", "2026-01-02", Reason::swap},
                   {"2026-02-16", "2026-02-20", Reason::tet},
                   {"2026-04-27", "2026-04-27", Reason::compensatory},
                   {"2026-04-30", "2026-04-30", Reason::reunification},
                   {"2026-05-01", "2026-05-01", Reason::labour_day},
                   {"2026-08-31", "2026-08-31", Reason::swap},
                   {"2026-09-01", "2026-09-02", Reason::national_day}},
                  {{"2026-01-10", "2026-01-10", Reason::swap}, {"2026-08-22", "2026-08-22", Reason::swap}});
}

inline std::vector<OfficialSchedule> official_2024_2026() { return {official_2024(), official_2025(), official_2026()}; }

// Default rules plus the 2024–2026 schedules; built once for all tests.
inline const WorkCalendar& official_calendar() {
  static const WorkCalendar c(HolidayRules{}, official_2024_2026());
  return c;
}

// Default rules, no official schedule: every year generated from the law.
inline const WorkCalendar& generated_calendar() {
  static const WorkCalendar c(HolidayRules{}, {});
  return c;
}

}  // namespace tinhso::calendar::test
