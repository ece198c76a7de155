// The time rules of tasks (issue 16 §2, §4; modules/tasks/rules.h): due days, the deadline in
// force, buckets as of any day, progress roll-up and reporting periods. Dates act as the clock:
// each case is evaluated at the end of an as-of day.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar_fixtures.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {
namespace {

using calendar::test::day;

// Law-generated days for 2021 (no official schedule): June 2021 has no holiday; 15/5/2021 is a
// Saturday.
const calendar::WorkCalendar& cal() {
  static const calendar::WorkCalendar c(calendar::HolidayRules{}, {});
  return c;
}

Deadline dated(const std::string& due) { return {DeadlineKind::date, day(due)}; }

TaskFacts dated_task(const std::string& assigned, const std::string& due) {
  TaskFacts t;
  t.assigned_on = day(assigned);
  t.deadline = dated(due);
  t.versions = {{0, *first_due(t.deadline, t.assigned_on, cal()), t.assigned_on}};
  return t;
}

struct AsOf {
  const char* on;
  Bucket expected;
};

void expect_buckets(const TaskFacts& t, const std::vector<AsOf>& cases, OnTimeRule rule = OnTimeRule::deadline_in_force) {
  for (const auto& c : cases)
    EXPECT_EQ(bucket_code(bucket_as_of(t, day(c.on), cal(), rule)), bucket_code(c.expected)) << "as of " << c.on;
}

TEST(TasksRules, DeadlineOnADayOffMovesToTheNextWorkingDay) {
  // Civil Code 2015 Art. 148(5): Saturday 15/5/2021 → Monday 17/5/2021.
  EXPECT_EQ(calendar::format_date(*first_due(dated("2021-05-15"), day("2021-04-28"), cal())), "2021-05-17");
  TaskFacts t = dated_task("2021-04-28", "2021-05-15");
  expect_buckets(t, {{"2021-04-27", Bucket::none},
                     {"2021-04-28", Bucket::in_progress},
                     {"2021-05-15", Bucket::in_progress},
                     {"2021-05-17", Bucket::in_progress},
                     {"2021-05-18", Bucket::overdue}});
  t.completed_on = day("2021-05-17");
  t.confirmed_on = day("2021-05-19");
  expect_buckets(t, {{"2021-05-18", Bucket::overdue}, {"2021-05-19", Bucket::done_on_time}});
}

TEST(TasksRules, CompletionOnTheDueDayIsOnTimeOnceConfirmed) {
  TaskFacts t = dated_task("2021-04-28", "2021-06-15");
  t.completed_on = day("2021-06-15");
  t.confirmed_on = day("2021-06-17");
  expect_buckets(t, {{"2021-06-15", Bucket::in_progress},
                     {"2021-06-16", Bucket::overdue},  // the report is not confirmed yet
                     {"2021-06-17", Bucket::done_on_time},
                     {"2022-01-01", Bucket::done_on_time}});
  t.completed_on = day("2021-06-16");
  expect_buckets(t, {{"2021-06-17", Bucket::done_late}});
}

TEST(TasksRules, ExtensionApprovedAfterTheOriginalDueDay) {
  TaskFacts t = dated_task("2021-04-28", "2021-06-15");
  t.versions.push_back({1, day("2021-07-15"), day("2021-06-20")});
  EXPECT_EQ(calendar::format_date(*due_as_of(t.versions, day("2021-06-19"))), "2021-06-15");
  EXPECT_EQ(calendar::format_date(*due_as_of(t.versions, day("2021-06-20"))), "2021-07-15");
  EXPECT_FALSE(due_as_of(t.versions, day("2021-04-27")));
  EXPECT_EQ(calendar::format_date(*original_due(t.versions)), "2021-06-15");
  expect_buckets(t, {{"2021-06-15", Bucket::in_progress},
                     {"2021-06-16", Bucket::overdue},
                     {"2021-06-19", Bucket::overdue},
                     {"2021-06-20", Bucket::in_progress},
                     {"2021-07-15", Bucket::in_progress},
                     {"2021-07-16", Bucket::overdue}});
  // Done by the extended day: on time by the deadline in force, late by the original.
  t.completed_on = day("2021-07-10");
  t.confirmed_on = day("2021-07-12");
  expect_buckets(t, {{"2021-07-11", Bucket::in_progress}, {"2021-07-12", Bucket::done_on_time}});
  expect_buckets(t, {{"2021-07-12", Bucket::done_late}}, OnTimeRule::original_deadline);
  // Completed before the extension was approved: measured by the deadline in force that day.
  t.completed_on = day("2021-06-18");
  t.confirmed_on = day("2021-06-25");
  expect_buckets(t, {{"2021-06-25", Bucket::done_late}});
}

TEST(TasksRules, CancelledOrMergedTasksLeaveEveryBucketFromThatDay) {
  TaskFacts t = dated_task("2021-04-28", "2021-05-31");
  t.closed_on = day("2021-06-10");
  expect_buckets(t, {{"2021-05-31", Bucket::in_progress},
                     {"2021-06-09", Bucket::overdue},
                     {"2021-06-10", Bucket::none},
                     {"2021-07-01", Bucket::none}});
}

TEST(TasksRules, TasksWithoutADeadlineAreOngoingUntilDone) {
  TaskFacts t;
  t.assigned_on = day("2021-04-28");
  EXPECT_FALSE(first_due(t.deadline, t.assigned_on, cal()));
  expect_buckets(t, {{"2021-04-27", Bucket::none}, {"2021-04-28", Bucket::ongoing}, {"2030-01-01", Bucket::ongoing}});
  EXPECT_FALSE(shown_due_as_of(t, day("2021-05-01"), cal()));
  t.completed_on = day("2021-09-01");
  t.confirmed_on = day("2021-09-01");
  expect_buckets(t, {{"2021-08-31", Bucket::ongoing}, {"2021-09-01", Bucket::done_on_time}});
}

TEST(TasksRules, WorkingDaysAreCountedByTheDeadlineEngine) {
  // Assigned Tuesday 1/6/2021 (not counted): 2, 3, 4, 7, 8 June.
  Deadline d{DeadlineKind::working_days};
  d.days = 5;
  EXPECT_EQ(calendar::format_date(*first_due(d, day("2021-06-01"), cal())), "2021-06-08");
  d.days = 0;
  EXPECT_FALSE(valid(d));
  EXPECT_FALSE(first_due(d, day("2021-06-01"), cal()));
}

TEST(TasksRules, RecurringReportsAreBucketedByTheirLatestOccurrence) {
  TaskFacts t;
  t.assigned_on = day("2021-04-28");
  t.deadline.kind = DeadlineKind::recurring;
  t.deadline.every = Every::month;
  t.deadline.day = 15;
  // 15/5/2021 is a Saturday: that month's report is due on Monday 17/5.
  EXPECT_EQ(calendar::format_date(*shown_original_due(t, cal())), "2021-05-17");
  t.report_days = {day("2021-05-14"), day("2021-06-20")};
  expect_buckets(t, {{"2021-05-10", Bucket::in_progress},
                     {"2021-05-17", Bucket::in_progress},
                     {"2021-05-18", Bucket::in_progress},  // reported on 14/5
                     {"2021-06-15", Bucket::in_progress},
                     {"2021-06-16", Bucket::overdue},      // nothing since 18/5
                     {"2021-06-20", Bucket::in_progress},  // the late report is in
                     {"2021-07-16", Bucket::overdue}});
  EXPECT_EQ(calendar::format_date(*shown_due_as_of(t, day("2021-06-16"), cal())), "2021-07-15");
  // Done on 1/7 after June's report came late: done late; with every report in time, on time.
  t.completed_on = day("2021-07-01");
  t.confirmed_on = day("2021-07-02");
  expect_buckets(t, {{"2021-07-02", Bucket::done_late}});
  t.report_days = {day("2021-05-14"), day("2021-06-15")};
  expect_buckets(t, {{"2021-07-02", Bucket::done_on_time}});
}

TEST(TasksRules, RecurringOccurrences) {
  Deadline q{DeadlineKind::recurring};
  q.every = Every::quarter;
  q.day = 31;
  // Quarterly on the 31st: 31/3, 30/6 (the month's last day), 30/9, 31/12 (each a weekday in 2021).
  EXPECT_EQ(calendar::format_date(*next_occurrence(q, day("2021-04-01"), cal())), "2021-06-30");
  EXPECT_EQ(calendar::format_date(*previous_occurrence(q, day("2021-06-30"), cal())), "2021-03-31");
  Deadline y{DeadlineKind::recurring};
  y.every = Every::year;
  y.day = 20;
  y.month = 12;
  EXPECT_EQ(calendar::format_date(*next_occurrence(y, day("2021-12-21"), cal())), "2022-12-20");
  y.month = 0;
  EXPECT_FALSE(valid(y));
}

TEST(TasksRules, ParentProgressIsComputedFromItsChildren) {
  ProgressNode leaf{40};
  EXPECT_EQ(progress(leaf), 40);
  ProgressNode parent{90};  // a parent's own figure is never used while it has counted children
  parent.children = {ProgressNode{40}, ProgressNode{0, true}, ProgressNode{90, false, true}};
  EXPECT_EQ(progress(parent), 70);  // (40 + 100) / 2; the cancelled child is left out
  ProgressNode top;
  top.children = {parent, ProgressNode{100}, ProgressNode{99}};
  EXPECT_EQ(progress(top), 89);  // (70 + 100 + 99) / 3 = 89.67, rounded down
  ProgressNode almost;
  almost.children = {ProgressNode{100}, ProgressNode{99}};
  EXPECT_EQ(progress(almost), 99);
  ProgressNode closed_children{30};
  closed_children.children = {ProgressNode{80, false, true}};
  EXPECT_EQ(progress(closed_children), 30);
  ProgressNode done_parent;
  done_parent.done = true;
  done_parent.children = {ProgressNode{10}};
  EXPECT_EQ(progress(done_parent), 100);
}

TEST(TasksRules, ReportingPeriodsRunFromThe15thToThe14th) {
  struct Case {
    PeriodLength length;
    int index;
    const char* from;
    const char* to;
  };
  const Case cases[] = {
      {PeriodLength::month, 1, "2020-12-15", "2021-01-14"},   {PeriodLength::month, 6, "2021-05-15", "2021-06-14"},
      {PeriodLength::quarter, 1, "2020-12-15", "2021-03-14"}, {PeriodLength::quarter, 2, "2021-03-15", "2021-06-14"},
      {PeriodLength::quarter, 4, "2021-09-15", "2021-12-14"}, {PeriodLength::six_months, 1, "2020-12-15", "2021-06-14"},
      {PeriodLength::nine_months, 1, "2020-12-15", "2021-09-14"}, {PeriodLength::year, 1, "2020-12-15", "2021-12-14"},
  };
  for (const auto& c : cases) {
    auto p = reporting_period(c.length, 2021, c.index);
    ASSERT_TRUE(p) << static_cast<int>(c.length) << "/" << c.index;
    EXPECT_EQ(calendar::format_date(p->from), c.from);
    EXPECT_EQ(calendar::format_date(p->to), c.to);
  }
  EXPECT_FALSE(reporting_period(PeriodLength::month, 2021, 13));
  EXPECT_FALSE(reporting_period(PeriodLength::quarter, 2021, 0));
  EXPECT_FALSE(reporting_period(PeriodLength::six_months, 2021, 2));
  EXPECT_EQ(period_month_of(day("2021-06-14")), (PeriodMonth{2021, 6}));
  EXPECT_EQ(period_month_of(day("2021-06-15")), (PeriodMonth{2021, 7}));
  EXPECT_EQ(period_month_of(day("2021-12-20")), (PeriodMonth{2022, 1}));
}

TEST(TasksRules, CodesRoundTrip) {
  for (Bucket b : kCountedBuckets) EXPECT_EQ(parse_bucket(bucket_code(b)), b);
  EXPECT_EQ(bucket_code(Bucket::none), "");
  for (auto k : {DeadlineKind::date, DeadlineKind::working_days, DeadlineKind::recurring, DeadlineKind::none})
    EXPECT_EQ(parse_deadline_kind(deadline_kind_code(k)), k);
  for (auto e : {Every::month, Every::quarter, Every::year}) EXPECT_EQ(parse_every(every_code(e)), e);
  EXPECT_FALSE(parse_deadline_kind("weekly"));
}

}  // namespace
}  // namespace tinhso::tasks
