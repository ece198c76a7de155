// Which reminder a task owes on which day (issue 16 §5; modules/tasks/reminders.h): before the
// due day (3 working days, the default), on it, weekly while overdue; per occurrence for
// recurring tasks; none once done. The day passed in acts as the fixed clock (Viet Nam's day).
// The calendar is the law-generated one of 2021: June and July have no holiday; 5–6, 12–13,
// 19–20, 26–27 June and 3–4 July are weekends.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar_fixtures.h"
#include "modules/tasks/reminders.h"

namespace tinhso::tasks {
namespace {

using calendar::test::day;

const calendar::WorkCalendar& cal() {
  static const calendar::WorkCalendar c(calendar::HolidayRules{}, {});
  return c;
}

TaskFacts dated_task(const std::string& assigned, const std::string& due) {
  TaskFacts t;
  t.assigned_on = day(assigned);
  t.deadline = {DeadlineKind::date, day(due)};
  t.versions = {{0, first_due(t.deadline, t.assigned_on, cal()).value_or(Date{}), t.assigned_on}};
  return t;
}

struct OnDay {
  const char* on;
  const char* threshold;  // "" = no reminder that day
};

void expect_reminders(const TaskFacts& t, const std::vector<OnDay>& cases, bool open = true, int before = 3) {
  for (const auto& c : cases) {
    auto r = reminder_due(t, open, day(c.on), cal(), before);
    EXPECT_EQ(r ? r->threshold() : std::string(), c.threshold) << "on " << c.on;
  }
}

TEST(TasksReminders, ThresholdsBeforeOnAndWeeklyAfterTheDueDay) {
  // Due Tuesday 15/6/2021: the 3rd working day before it is Thursday 10/6.
  expect_reminders(dated_task("2021-06-01", "2021-06-15"),
                   {{"2021-05-31", ""},  // before the assignment
                    {"2021-06-09", ""},
                    {"2021-06-10", "before:2021-06-15"},
                    {"2021-06-11", "before:2021-06-15"},
                    {"2021-06-12", ""},  // Saturday: nothing goes out on days off
                    {"2021-06-14", "before:2021-06-15"},
                    {"2021-06-15", "due:2021-06-15"},
                    {"2021-06-16", "overdue:2021-06-15:1"},
                    {"2021-06-22", "overdue:2021-06-15:1"},
                    {"2021-06-23", "overdue:2021-06-15:2"},
                    {"2021-06-29", "overdue:2021-06-15:2"},
                    {"2021-06-30", "overdue:2021-06-15:3"}});
}

TEST(TasksReminders, TheDaysBeforeAreASetting) {
  expect_reminders(dated_task("2021-06-01", "2021-06-15"),
                   {{"2021-06-11", ""}, {"2021-06-14", "before:2021-06-15"}, {"2021-06-15", "due:2021-06-15"}},
                   true, 1);
  expect_reminders(dated_task("2021-06-01", "2021-06-15"),
                   {{"2021-06-07", ""}, {"2021-06-08", "before:2021-06-15"}}, true, 5);
}

TEST(TasksReminders, ADeadlineOnADayOffIsRemindedByTheDayInForce) {
  // Written Saturday 19/6/2021, in force Monday 21/6 (Civil Code 2015 Art. 148(5)).
  expect_reminders(dated_task("2021-06-01", "2021-06-19"),
                   {{"2021-06-15", ""},
                    {"2021-06-16", "before:2021-06-21"},
                    {"2021-06-18", "before:2021-06-21"},
                    {"2021-06-19", ""},
                    {"2021-06-21", "due:2021-06-21"},
                    {"2021-06-22", "overdue:2021-06-21:1"}});
}

TEST(TasksReminders, AnExtensionMovesTheReminders) {
  // Approved on 14/6, before the original due day 15/6: the new series runs from 25/6.
  TaskFacts t = dated_task("2021-06-01", "2021-06-15");
  t.versions.push_back({1, day("2021-06-30"), day("2021-06-14")});
  expect_reminders(t, {{"2021-06-10", "before:2021-06-15"},
                       {"2021-06-14", ""},
                       {"2021-06-15", ""},
                       {"2021-06-16", ""},
                       {"2021-06-24", ""},
                       {"2021-06-25", "before:2021-06-30"},
                       {"2021-06-30", "due:2021-06-30"},
                       {"2021-07-01", "overdue:2021-06-30:1"}});
  // Approved on 17/6, after the original due day: overdue until then, then the new series.
  TaskFacts late = dated_task("2021-06-01", "2021-06-15");
  late.versions.push_back({1, day("2021-06-30"), day("2021-06-17")});
  expect_reminders(late, {{"2021-06-15", "due:2021-06-15"},
                          {"2021-06-16", "overdue:2021-06-15:1"},
                          {"2021-06-17", ""},
                          {"2021-06-25", "before:2021-06-30"}});
}

TEST(TasksReminders, ATaskDoneOrAwaitingConfirmationGetsNone) {
  // Done (or its completion reported) before its due day: the job passes open = false.
  TaskFacts t = dated_task("2021-06-01", "2021-06-15");
  t.completed_on = day("2021-06-09");
  t.confirmed_on = day("2021-06-09");
  expect_reminders(t, {{"2021-06-10", ""}, {"2021-06-15", ""}, {"2021-06-16", ""}, {"2021-06-23", ""}}, false);
}

TEST(TasksReminders, AnOngoingTaskGetsNone) {
  TaskFacts t;
  t.assigned_on = day("2021-06-01");
  t.deadline = {DeadlineKind::none};
  expect_reminders(t, {{"2021-06-10", ""}, {"2021-06-15", ""}, {"2021-12-15", ""}});
}

TEST(TasksReminders, ARecurringTaskIsRemindedPerOccurrence) {
  // A report due on the 15th of every month, assigned 20/5/2021: occurrences 15/6, 15/7.
  TaskFacts t;
  t.assigned_on = day("2021-05-20");
  t.deadline = {DeadlineKind::recurring, std::nullopt, 0, Every::month, 15, 0};
  expect_reminders(t, {{"2021-06-09", ""},
                       {"2021-06-10", "before:2021-06-15"},
                       {"2021-06-15", "due:2021-06-15"},
                       {"2021-06-16", "overdue:2021-06-15:1"},
                       {"2021-06-23", "overdue:2021-06-15:2"}});
  // Reported on 14/6: nothing more for 15/6; the July occurrence has its own series.
  t.report_days = {day("2021-06-14")};
  expect_reminders(t, {{"2021-06-10", "before:2021-06-15"},
                       {"2021-06-15", ""},
                       {"2021-06-16", ""},
                       {"2021-07-09", ""},
                       {"2021-07-12", "before:2021-07-15"},
                       {"2021-07-15", "due:2021-07-15"},
                       {"2021-07-16", "overdue:2021-07-15:1"}});
}

TEST(TasksReminders, TheBeforeWindowStartsOnTheNthWorkingDayBack) {
  auto shown = [](std::optional<Date> d) { return d ? calendar::format_date(*d) : std::string("none"); };
  EXPECT_EQ(shown(remind_from(day("2021-06-15"), 3, cal())), "2021-06-10");
  EXPECT_EQ(shown(remind_from(day("2021-06-14"), 1, cal())), "2021-06-11");  // over a weekend
}

}  // namespace
}  // namespace tinhso::tasks
