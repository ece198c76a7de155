#pragma once
// Days off and Saturdays worked, for civil servants (Monday–Friday week).
//
// Two sources, the second overriding the first for a whole year:
//   * generated from the Labor Code in force on each holiday (kHolidayLaws below): from 2021
//     Labor Code 45/2019/QH14 Art. 112(1) — (a) 1/1, (b) Tết 5 days, (c) 30/4, (d) 1/5, (đ) 2/9
//     plus one adjacent day, (e) Hùng Kings' day 10/3 lunar — with Art. 111(3) compensatory days
//     when a holiday falls on a weekly rest day; earlier codes had fewer days (one National Day,
//     a 4-day Tết, no Hùng Kings' day before 2007);
//   * an official schedule for the year (Art. 112(3): the Prime Minister fixes the Tết days and
//     the extra National Day; the government swaps bridge days against Saturdays), stored as data.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/date.h"

namespace tinhso::calendar {

// Why a day differs from the plain Monday–Friday week. Stable codes: stored in the database,
// printed by `tinhso calendar holidays`, translated in the interface.
enum class Reason {
  new_year,       // 1/1 — Labor Code 2019 Art. 112(1)(a)
  tet,            // Tết Nguyên đán, 5 days — Art. 112(1)(b)
  hung_kings,     // 10/3 lunar — Art. 112(1)(e)
  reunification,  // 30/4 — Art. 112(1)(c)
  labour_day,     // 1/5 — Art. 112(1)(d)
  national_day,   // 2/9 and one adjacent day — Art. 112(1)(đ)
  compensatory,   // a holiday on a weekly rest day moves to a working day — Art. 111(3)
  swap,           // a bridge weekday off, or the Saturday worked in exchange for it
  other,          // any other decision (e.g. a one-off national mourning day)
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Reason kAllReasons[] = {Reason::new_year, Reason::tet, Reason::hung_kings, Reason::reunification,
    Reason::labour_day, Reason::national_day, Reason::compensatory, Reason::swap, Reason::other};
std::string_view reason_code(Reason r);
// nullopt for an unknown code.
std::optional<Reason> parse_reason(std::string_view code);

enum class DayKind { off, work };  // a weekday off; a Saturday or Sunday worked
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr DayKind kAllDayKinds[] = {DayKind::off, DayKind::work};
std::string_view kind_code(DayKind k);  // "off" | "work"
std::optional<DayKind> parse_kind(std::string_view code);

struct ScheduleDay {
  Date date;
  DayKind kind = DayKind::off;
  Reason reason = Reason::other;
  std::string note;  // free text, e.g. the official letter's number; may be empty
  friend bool operator==(const ScheduleDay&, const ScheduleDay&) = default;
};

// An official schedule replaces the generated days of its year entirely.
struct OfficialSchedule {
  int year = 0;
  std::string source;  // e.g. "Công văn 7383/BLĐTBXH-CSLĐ (2025)"; may be empty
  std::vector<ScheduleDay> days;  // sorted by date, one entry per date, all within `year`
};

// Placement choices the law leaves to the yearly decision; used only for years without an
// official schedule. LAW.md §1 grades the defaults L/M: they are settings.
struct HolidayRules {
  // How many of Tết's 5 days precede day 1 of month 1 (the real last day of the lunar year
  // counts as one of them), 0..4. Default 2: the last two days of the year and days 1–3 of the
  // new year, which reproduces the official Tết days of 2024, 2025 and 2026 (LAW.md §1); 1
  // reproduces only 2026's (docs/CALENDAR.md). A shorter Tết (4 days before 1/5/2013) drops
  // days before day 1 first: 2 gives the last day of the year and days 1–3.
  int tet_days_before = 2;
  enum class NationalDayExtra { before, after, nearest_weekend };
  // nearest_weekend: the adjacent day that lengthens the weekend (2/9 on Tue, Wed, Fri or Sat →
  // 1/9; on Sun, Mon or Thu → 3/9), matching the 2024–2026 decisions.
  NationalDayExtra national_day_extra = NationalDayExtra::nearest_weekend;
};

// The holidays of one Labor Code, in force from `from` until the next entry's `from`. The
// earliest entry also stands for the days before it (the range starts in 1900; no case
// predates 1995).
struct HolidayLaw {
  Date from;
  std::string_view code;  // "lc1994", "lc1994_2007", "lc2012", "lc2019": stable, for messages
  int tet_days;           // Tết Âm lịch
  int national_days;      // 2/9 alone (1) or with one adjacent day (2)
  bool hung_kings;        // 10/3 lunar
};
// Every Labor Code's holidays, by `from`.
const std::vector<HolidayLaw>& holiday_laws();
// The entry of holiday_laws() in force on `d`.
const HolidayLaw& holiday_law_on(Date d);

// The days of `year` generated from the law: weekdays off, in date order (never `work` days).
// Each holiday follows the Labor Code in force on its own day (holiday_law_on): in 2013 Tết
// (10/2) had 4 days under the 1994 code, 2/9 one day under the 2012 code.
// The holiday reasons come first; compensatory days (Art. 111(3)) take the next working days
// not already off. Two holidays on one day (Hùng Kings' day on 30/4: 1947 only) are one day off.
// Throws std::invalid_argument when rules.tet_days_before is outside 0..4.
std::vector<ScheduleDay> generated_days(int year, const HolidayRules& rules);

// Checks an official schedule: every day within the year, no duplicate date, `off` only on
// Monday–Friday, `work` only on Saturday or Sunday. Returns the problems (empty = valid), in
// date order (a repeated date is reported once per repetition); callers turn each kind into a
// message in the user's language. The days need not be sorted.
struct ScheduleProblem {
  Date date;
  enum class Kind { outside_year, duplicate, off_on_weekend, work_on_weekday } kind;
};
std::vector<ScheduleProblem> check_schedule(const OfficialSchedule& s);

}  // namespace tinhso::calendar
