#include "core/calendar/deadline.h"

#include <gtest/gtest.h>

#include "core/auth/clock.h"

#include <climits>
#include <functional>

#include "calendar_fixtures.h"

namespace tinhso::calendar {
namespace {

using std::chrono::days;
using test::day;
using test::moment;

const Date kFirst = make_date(kFirstYear, 1, 1);
const Date kLast = make_date(kLastYear, 12, 31);

DeadlineSpec spec(const char* received, Unit unit, int amount, std::vector<Pause> pauses = {},
                  std::vector<Period> extensions = {}) {
  return {moment(received), {unit, amount}, std::move(pauses), std::move(extensions)};
}

Pause closed(const char* from, const char* to) { return {moment(from), moment(to)}; }
Pause open(const char* from) { return {moment(from), std::nullopt}; }

const DeadlineEngine& engine() {
  static const DeadlineEngine e(test::official_calendar(), DeadlineRules{});
  return e;
}

constexpr Unit WD = Unit::working_days;
constexpr Unit CD = Unit::days;

TEST(CalendarDeadline, DueTable) {
  struct Case {
    DeadlineSpec spec;
    const char* due;
    const char* source;
  };
  const Case cases[] = {
      // Decree 61/2018/NĐ-CP Art. 18(2–3): the 15:00 cut-off.
      {spec("2026-03-06T14:59", WD, 1), "2026-03-09", "Fri 14:59: received Friday, due Monday"},
      {spec("2026-03-06T15:00", WD, 1), "2026-03-10", "Fri 15:00: received Monday"},
      {spec("2026-03-07T10:00", WD, 1), "2026-03-10", "Sat 10:00: a day off, received Monday"},
      {spec("2026-03-07", WD, 1), "2026-03-09", "a date without time is never moved"},
      {spec("2026-03-06T14:59", WD, 5), "2026-03-13", "Civil Code Art. 147(2): start day not counted"},
      {spec("2026-03-06T16:00", WD, 0), "2026-03-09", "0 days: the effective receipt day"},
      // LAW.md §1, 2026: Tết 16/2–20/2 off; Saturday 10/1 worked.
      {spec("2026-02-13T10:00", WD, 3), "2026-02-25", "across Tết 2026"},
      {spec("2026-02-12T16:00", WD, 1), "2026-02-23", "Thu after cut-off → Fri, then Tết"},
      {spec("2026-02-13T15:30", WD, 1), "2026-02-24", "Fri after cut-off → received Mon 23/2"},
      {spec("2026-01-09T10:00", WD, 1), "2026-01-10", "Saturday 10/1/2026 is worked"},
      {spec("2026-01-10T09:00", WD, 1), "2026-01-12", "received on a worked Saturday"},
      // Civil Code 2015 Art. 148(5–6): calendar days, rolled forward to the next working day.
      {spec("2026-02-06", CD, 10), "2026-02-23", "ends Mon 16/2 in Tết → Mon 23/2"},
      {spec("2026-04-16", CD, 10), "2026-04-28", "ends Sun 26/4 (Hùng Kings), 27/4 off → Tue 28/4"},
      {spec("2024-08-03", CD, 30), "2024-09-04", "ends Mon 2/9/2024, 3/9 off → Wed 4/9"},
      {spec("2026-01-05", CD, 5), "2026-01-10", "ends on Saturday 10/1/2026, a working day"},
      {spec("2026-03-06T16:00", CD, 3), "2026-03-12", "cut-off: counted from Mon 9/3"},
      {spec("2026-03-07", CD, 0), "2026-03-09", "0 days on a Saturday → Monday"},
      {spec("2026-03-02", CD, 12), "2026-03-16", "ends Sat 14/3 → Mon 16/3"},
      // Pauses (Decree 61/2018 Art. 19(4)): the base is 10 working days from Mon 2/3 → 16/3.
      {spec("2026-03-02T09:00", WD, 10), "2026-03-16", "no pause"},
      {spec("2026-03-02T09:00", WD, 10, {closed("2026-03-04T10:00", "2026-03-06T09:00")}), "2026-03-18",
       "paused Wed, resumed Fri morning: +2 (Thu, Fri)"},
      {spec("2026-03-02T09:00", WD, 10, {closed("2026-03-04T10:00", "2026-03-06T16:00")}), "2026-03-19",
       "resumed Fri after the cut-off counts from Mon: +3"},
      {spec("2026-03-02T09:00", WD, 10, {closed("2026-03-04T10:00", "2026-03-04T11:00")}), "2026-03-16",
       "paused and resumed the same morning: +0"},
      {spec("2026-03-02T09:00", WD, 10,
            {closed("2026-03-03T10:00", "2026-03-05T10:00"), closed("2026-03-10T10:00", "2026-03-11T10:00")}),
       "2026-03-19", "two pauses: +2 +1"},
      {spec("2026-02-09T09:00", WD, 5, {closed("2026-02-12T10:00", "2026-02-24T09:00")}), "2026-02-26",
       "a pause across Tết 2026 adds its working days only: +3 (13/2, 23/2, 24/2)"},
      {spec("2026-03-02", CD, 10, {closed("2026-03-04", "2026-03-09")}), "2026-03-17",
       "calendar days: +5 paused days, 12/3 → 17/3"},
      {spec("2026-03-06T16:00", WD, 10, {closed("2026-03-06T16:30", "2026-03-09T09:00")}), "2026-03-23",
       "received and paused after the cut-off, resumed before the clock ran: +0 (from Mon 9/3)"},
      {spec("2026-03-07T10:00", CD, 10, {closed("2026-03-07T11:00", "2026-03-10T09:00")}), "2026-03-20",
       "received and paused on a Saturday: only Mon 9/3 (from 9/3 to 10/3) is added"},
      // Extensions in the period's own unit.
      {spec("2026-03-02T09:00", WD, 10, {}, {{WD, 5}}), "2026-03-23", "+5 working days"},
      {spec("2026-03-02", CD, 10, {}, {{CD, 3}}), "2026-03-16", "12/3 + 3 = Sun 15/3 → Mon 16/3"},
      {spec("2026-03-02T09:00", WD, 10, {closed("2026-03-04T10:00", "2026-03-06T09:00")}, {{WD, 1}, {WD, 2}}),
       "2026-03-23", "pause +2, extensions +3"},
  };
  for (const auto& c : cases) EXPECT_EQ(engine().due(c.spec), day(c.due)) << c.source;
}

// Civil Code 2015 Art. 147–148 (civil_code_due): no cut-off, the start day whatever its hour. Each
// event happens at a UTC instant read from an injected clock (Vietnam is UTC+7).
TEST(CalendarDeadline, CivilCodeTable) {
  struct Case {
    const char* now_utc;  // the event, as the clock reads it
    Unit unit;
    int amount;
    std::vector<Period> extensions;
    const char* due;
    const char* source;
  };
  const Case cases[] = {
      // Issue 12 finding 11: accepted Fri 24/1/2025 16:00 (09:00 UTC); 2025 Tết 27/1–31/1 off.
      {"2025-01-24T09:00:00Z", CD, 30, {}, "2025-02-24", "30 days → Sun 23/2 → Mon 24/2 (not 5/3)"},
      {"2025-01-24T01:00:00Z", CD, 30, {}, "2025-02-24", "the same at 08:00: the hour does not matter"},
      {"2025-01-24T16:59:00Z", CD, 30, {}, "2025-02-24", "23:59 local: still Friday"},
      {"2025-01-24T17:00:00Z", CD, 30, {}, "2025-02-24", "00:00 Sat 25/1 local: 30 days → Mon 24/2"},
      {"2025-01-24T09:00:00Z", WD, 10, {}, "2025-02-14", "10 working days across Tết 2025"},
      {"2025-01-24T09:00:00Z", WD, 7, {}, "2025-02-11", "Law on Denunciations Art. 24(1): 7 working days"},
      {"2025-01-24T09:00:00Z", WD, 1, {}, "2025-02-03", "Fri after 15:00 → Mon 3/2, the first working day"},
      {"2025-01-25T03:00:00Z", WD, 1, {}, "2025-02-03", "a Saturday event: the next working day"},
      {"2025-01-24T09:00:00Z", CD, 45, {}, "2025-03-10", "complex complaint: 45 days → Mon 10/3"},
      {"2025-01-24T09:00:00Z", CD, 30, {{CD, 20}}, "2025-03-17", "30 + 20 days → Sat 15/3 → Mon 17/3"},
      {"2025-01-24T09:00:00Z", CD, 30, {{CD, 30}, {CD, 30}}, "2025-04-24", "two extensions of 30: 90 days"},
      {"2026-02-12T09:00:00Z", CD, 5, {}, "2026-02-23", "ends Tue 17/2 in Tết 2026 → Mon 23/2"},
      {"2026-04-16T02:00:00Z", CD, 10, {}, "2026-04-28", "ends Sun 26/4 (Hùng Kings), 27/4 off → 28/4"},
      {"2026-01-05T02:00:00Z", CD, 5, {}, "2026-01-10", "ends Sat 10/1/2026, a worked Saturday"},
      {"2026-03-06T09:00:00Z", CD, 0, {}, "2026-03-06", "0 days on a working day: that day"},
      {"2026-03-07T09:00:00Z", CD, 0, {}, "2026-03-09", "0 days on a Saturday → Monday"},
  };
  for (const auto& c : cases) {
    const auth::FakeClock clock(auth::parse_iso_utc(c.now_utc));
    const Date start = to_local(clock.now()).day;
    EXPECT_EQ(civil_code_due(test::official_calendar(), start, {c.unit, c.amount}, c.extensions), day(c.due)) << c.source;
  }
  // The dossiers' engine keeps the Decree 61/2018 cut-off: the same event gives 5/3/2025 there.
  EXPECT_EQ(engine().due(spec("2025-01-24T16:00", CD, 30)), day("2025-03-05"));
  EXPECT_THROW(civil_code_due(test::official_calendar(), day("2025-01-24"), {CD, -1}), std::invalid_argument);
  EXPECT_THROW(civil_code_due(test::official_calendar(), day("2025-01-24"), {CD, 1}, {{WD, 1}}), std::invalid_argument);
  EXPECT_EQ(civil_code_due(test::official_calendar(), kLast, {CD, 1}), std::nullopt);
}

TEST(CalendarDeadline, CutoffSettings) {
  const WorkCalendar& cal = test::official_calendar();
  const DeadlineEngine none(cal, DeadlineRules{std::nullopt});
  EXPECT_EQ(none.due(spec("2026-03-06T16:00", WD, 1)), day("2026-03-09"));
  EXPECT_EQ(none.due(spec("2026-03-07T10:00", WD, 1)), day("2026-03-09"));
  const DeadlineEngine noon(cal, DeadlineRules{std::chrono::hours(12)});
  EXPECT_EQ(noon.due(spec("2026-03-06T11:59", WD, 1)), day("2026-03-09"));
  EXPECT_EQ(noon.due(spec("2026-03-06T12:00", WD, 1)), day("2026-03-10"));
  EXPECT_EQ(engine().effective_receipt_day(moment("2026-02-13T15:00")), day("2026-02-23"));
  EXPECT_EQ(engine().effective_receipt_day(moment("2026-02-14")), day("2026-02-14"));
  EXPECT_THROW(engine().effective_receipt_day({day("2026-03-06"), std::chrono::minutes{1440}}),
               std::invalid_argument);
}

TEST(CalendarDeadline, StatusTable) {
  // 10 working days from Mon 2/3/2026 09:00: due Mon 16/3 (see DueTable).
  const auto base = spec("2026-03-02T09:00", WD, 10);
  const auto paused = spec("2026-03-02T09:00", WD, 10, {open("2026-03-04T10:00")});
  const auto paused_late = spec("2026-03-02T09:00", WD, 10, {open("2026-03-18T10:00")});
  struct Case {
    const DeadlineSpec* spec;
    const char* now;
    std::optional<const char*> due;
    bool paused;
    int left, overdue_working, overdue_days;
    const char* note;
  };
  const Case cases[] = {
      {&base, "2026-03-02T10:00", "2026-03-16", false, 10, 0, 0, "on the receiving day"},
      {&base, "2026-03-13T08:00", "2026-03-16", false, 1, 0, 0, "the Friday before"},
      {&base, "2026-03-14", "2026-03-16", false, 1, 0, 0, "the Saturday before"},
      {&base, "2026-03-16T23:59", "2026-03-16", false, 0, 0, 0, "Art. 148(6): the due day ends at 24:00"},
      {&base, "2026-03-17T00:00", "2026-03-16", false, 0, 1, 1, "overdue from the next day"},
      {&base, "2026-03-21", "2026-03-16", false, 0, 4, 5, "Saturday: 4 working days, 5 days late"},
      {&base, "2026-03-23", "2026-03-16", false, 0, 5, 7, "a week late"},
      {&paused, "2026-03-10", std::nullopt, true, 8, 0, 0, "open pause: the clock stands at 4/3"},
      {&paused, "2026-04-30", std::nullopt, true, 8, 0, 0, "still paused: nothing moves"},
      {&paused, "2026-03-03", std::nullopt, true, 9, 0, 0, "now before the pause: counted from now"},
      {&paused_late, "2026-03-25", std::nullopt, true, 0, 2, 2, "paused when already 2 days late"},
  };
  for (const auto& c : cases) {
    const auto st = engine().status(*c.spec, moment(c.now));
    if (c.due) {
      EXPECT_EQ(st.due, day(*c.due)) << c.note;
    } else {
      EXPECT_EQ(st.due, std::nullopt) << c.note;
    }
    EXPECT_EQ(st.paused, c.paused) << c.note;
    EXPECT_EQ(st.working_days_left, c.left) << c.note;
    EXPECT_EQ(st.overdue_working_days, c.overdue_working) << c.note;
    EXPECT_EQ(st.overdue_days, c.overdue_days) << c.note;
  }
  EXPECT_EQ(engine().due(paused), std::nullopt);
}

TEST(CalendarDeadline, BadSpecsThrow) {
  const std::pair<const char*, std::function<void(DeadlineSpec&)>> cases[] = {
      {"negative period", [](DeadlineSpec& s) { s.period.amount = -1; }},
      {"negative extension", [](DeadlineSpec& s) { s.extensions = {{WD, -2}}; }},
      {"extension in days", [](DeadlineSpec& s) { s.extensions = {{CD, 2}}; }},
      {"pause before the receipt", [](DeadlineSpec& s) { s.pauses = {closed("2026-03-01", "2026-03-04")}; }},
      {"pause earlier the same day", [](DeadlineSpec& s) { s.pauses = {closed("2026-03-02T08:00", "2026-03-04")}; }},
      {"pause ending before it starts", [](DeadlineSpec& s) { s.pauses = {closed("2026-03-05", "2026-03-04")}; }},
      {"open pause not last",
       [](DeadlineSpec& s) { s.pauses = {open("2026-03-03"), closed("2026-03-05", "2026-03-06")}; }},
      {"pauses out of order",
       [](DeadlineSpec& s) { s.pauses = {closed("2026-03-05", "2026-03-06"), closed("2026-03-03", "2026-03-04")}; }},
      {"overlapping pauses",
       [](DeadlineSpec& s) { s.pauses = {closed("2026-03-03", "2026-03-06"), closed("2026-03-05", "2026-03-09")}; }},
      {"time 24:00", [](DeadlineSpec& s) { s.received.time = std::chrono::minutes{1440}; }},
      {"negative time", [](DeadlineSpec& s) { s.received.time = std::chrono::minutes{-1}; }},
      {"bad pause time", [](DeadlineSpec& s) { s.pauses = {{{day("2026-03-04"), std::chrono::minutes{2000}}, {}}}; }},
  };
  for (const auto& [name, mutate] : cases) {
    DeadlineSpec s = spec("2026-03-02T09:00", WD, 10);
    mutate(s);
    EXPECT_THROW(engine().due(s), std::invalid_argument) << name;
    EXPECT_THROW(engine().status(s, moment("2026-03-10")), std::invalid_argument) << name;
  }
  // Adjacent pauses, and a pause starting at the receipt, are fine.
  EXPECT_NO_THROW(engine().due(spec("2026-03-02T09:00", WD, 10,
                                    {closed("2026-03-02T09:00", "2026-03-03"), closed("2026-03-03", "2026-03-04")})));
  EXPECT_THROW(engine().status(spec("2026-03-02", WD, 1), {day("2026-03-02"), std::chrono::minutes{-5}}),
               std::invalid_argument);
}

TEST(CalendarDeadline, RangeEdges) {
  EXPECT_EQ(engine().due(spec("2199-12-31", WD, 1)), std::nullopt);
  EXPECT_EQ(engine().due(spec("2199-12-20", CD, 30)), std::nullopt);
  EXPECT_EQ(engine().due(spec("1899-12-31", WD, 1)), std::nullopt);
  EXPECT_EQ(engine().due(spec("2026-03-02", WD, INT_MAX)), std::nullopt);
  EXPECT_EQ(engine().due(spec("2026-03-02", CD, INT_MAX, {}, {{CD, INT_MAX}, {CD, INT_MAX}})), std::nullopt);
  // Mon 30/12/2199 after the cut-off is received on Tue 31/12, the last day of the range.
  EXPECT_EQ(engine().due(spec("2199-12-30T16:00", WD, 0)), day("2199-12-31"));
  EXPECT_EQ(engine().due(spec("2199-12-30T16:00", WD, 1)), std::nullopt);
  EXPECT_EQ(engine().due(spec("2199-12-31T16:00", WD, 0)), std::nullopt);
  EXPECT_THROW(engine().status(spec("2199-12-31", WD, 1), moment("2199-12-31")), std::out_of_range);
  EXPECT_THROW(engine().status(spec("1899-12-31", WD, 1), moment("2026-01-01")), std::out_of_range);
  EXPECT_THROW(engine().status(spec("2026-03-02", WD, 1), moment("2200-01-01")), std::out_of_range);
  EXPECT_EQ(engine().effective_receipt_day(moment("2200-01-01")), std::nullopt);
}

// Properties over the whole range: the due day of N >= 1 days is after the receipt; a pause of
// k working days moves the due day by exactly k working days.
TEST(CalendarDeadline, PropertiesEveryDay) {
  const WorkCalendar& cal = test::official_calendar();
  for (Date d = kFirst; d <= kLast - days{60}; d += days{1}) {
    for (const char* time : {"", "T09:00", "T16:00"}) {
      const std::string received = format_date(d) + time;
      for (Unit unit : {WD, CD}) {
        DeadlineSpec s{moment(received), {unit, 1}, {}, {}};
        const auto due = engine().due(s);
        ASSERT_TRUE(due.has_value()) << received;
        ASSERT_GT(*due, d) << received;
      }
    }
    const auto base = engine().due({{d, std::nullopt}, {WD, 10}, {}, {}});
    const Date pause_day = d + days{3};
    for (int k : {0, 1, 4}) {
      const auto resume = cal.add_working_days(pause_day, k);
      const auto paused = engine().due({{d, std::nullopt}, {WD, 10}, {{{pause_day, {}}, LocalMoment{*resume, {}}}}, {}});
      ASSERT_EQ(paused, cal.add_working_days(*base, k)) << format_date(d) << " k=" << k;
    }
  }
}

}  // namespace
}  // namespace tinhso::calendar
