#pragma once
// The time rules of assigned tasks (issue 16 §2, §4): due days, the deadline in force on a day,
// the bucket of a task as of any day, a parent's progress from its children, and the reporting
// periods of the regime. Pure: no SQL, no clock; "today" and the calendar are passed in.
//
// Sources: Decision 42/2014/QĐ-TTg as amended by Decision 23/2018/QĐ-TTg (consolidated text
// 01/VBHN-VPCP) classifies every task as completed on time, completed late, not completed within
// its deadline, or not completed and overdue (LEADERS.md §1, H); tasks without a deadline
// ("nhiệm vụ thường xuyên") are practice (L) and form the fifth bucket, `ongoing`. Extensions are
// approved by the assigner and every version of the deadline is kept; whether a task done by an
// extended deadline is "on time" is a setting (OnTimeRule), default: by the deadline in force
// (LEADERS.md §1, L).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/calendar/deadline.h"
#include "core/calendar/working_calendar.h"

namespace tinhso::tasks {

using calendar::Date;

// ---- Deadlines ----
enum class DeadlineKind {
  date,          // a due day set by the assigner
  working_days,  // N working days counted from the assignment day (not counted itself)
  recurring,     // a report due every month, quarter or year on a given day
  none,          // an ongoing task ("thường xuyên"): no due day
};
enum class Every { month, quarter, year };

struct Deadline {
  DeadlineKind kind = DeadlineKind::none;
  std::optional<Date> due;  // kind date: the day as written
  int days = 0;             // kind working_days: N >= 1
  Every every = Every::month;  // kind recurring
  int day = 0;    // recurring: day of the month 1..31 (a shorter month ends the period on its last day)
  int month = 0;  // recurring every year: month 1..12; unused otherwise (a quarter's report is due
                  // in its last month: March, June, September, December)
};

// Whether `d` is complete and within its limits (a date for `date`, 1..3650 days, a day 1..31
// and a month for `recurring`).
bool valid(const Deadline& d);

// The day a due day written as `given` is in force: `given` when it is a working day, else the
// next working day (Civil Code 2015 Art. 148(5): a period whose last day is a day off ends on the
// next working day). nullopt past the calendar's range.
std::optional<Date> in_force_due(const calendar::WorkCalendar& cal, Date given);

// The first due day of `d` for a task assigned on `assigned_on`: kind date → in_force_due of the
// date; working_days → the deadline engine's N-th working day after the assignment day
// (calendar::DeadlineEngine, a receipt without a time of day, Civil Code 2015 Art. 147(2));
// recurring → the first occurrence after the assignment day; none → nullopt.
std::optional<Date> first_due(const Deadline& d, Date assigned_on, const calendar::WorkCalendar& cal);

// Recurring deadlines: the occurrence of each period is the nominal day (day `day` of the
// period's month, or its last day when shorter), moved to the next working day when it is a day
// off. `next_occurrence` is the first occurrence on or after `from`; `previous_occurrence` the
// last one strictly before `before`. nullopt for other kinds or outside the range.
std::optional<Date> next_occurrence(const Deadline& d, Date from, const calendar::WorkCalendar& cal);
std::optional<Date> previous_occurrence(const Deadline& d, Date before, const calendar::WorkCalendar& cal);

// One version of a task's due day: number 0 is the original, in force from the assignment day;
// each approved extension is the next number, in force from the day it was approved.
struct DeadlineVersion {
  int number = 0;
  Date due;          // the day in force (in_force_due of the date written)
  Date approved_on;  // for number 0: the assignment day
};
// The due day in force on `day`: of the versions approved on or before `day`, the one with the
// highest number. nullopt when none was approved by then (before the assignment) or no versions.
std::optional<Date> due_as_of(std::span<const DeadlineVersion> versions, Date day);
// Version 0's due day, nullopt without versions.
std::optional<Date> original_due(std::span<const DeadlineVersion> versions);

// ---- Buckets ----
enum class Bucket {
  none,  // not counted: not assigned yet on that day, or cancelled or merged by then
  done_on_time,
  done_late,
  in_progress,  // not completed, within its deadline
  overdue,      // not completed, past its deadline
  ongoing,      // no deadline and not completed
};
inline constexpr Bucket kCountedBuckets[] = {Bucket::done_on_time, Bucket::done_late, Bucket::in_progress,
                                             Bucket::overdue, Bucket::ongoing};
std::string_view bucket_code(Bucket b);  // "done_on_time", ...; "" for none
std::optional<Bucket> parse_bucket(std::string_view code);

// Which deadline a completion is measured against (LEADERS.md §1: the rule for "on time after an
// extension" is a setting; --tasks-on-time).
enum class OnTimeRule {
  deadline_in_force,  // the default: the due day in force on the completion day
  original_deadline,  // version 0, extensions disregarded
};

// What the bucket of a task depends on, as stored.
//
// "Completed on" (a decision of issue 16, documented here): the day of the lead body's
// completion report (report_completion) that the assigner then confirmed. A completion counts
// only once confirmed: as of a day before the confirmation the task is still in progress or
// overdue, even if the report it was confirmed on came earlier; from the confirmation day on it
// is done, measured by the day of the report, not of the confirmation (the lead body should not
// be late for the assigner's delay). A returned report does not count; the later report that was
// confirmed does.
struct TaskFacts {
  Date assigned_on;
  Deadline deadline;
  std::vector<DeadlineVersion> versions;  // kinds date and working_days; any order
  std::optional<Date> completed_on;       // set with confirmed_on
  std::optional<Date> confirmed_on;
  std::optional<Date> closed_on;  // cancelled or merged on that day
  // Recurring tasks: the days of every progress and completion report, ascending.
  std::vector<Date> report_days;
};

// The bucket of a task as of the end of `day`:
//   * `day` before assigned_on → none; cancelled or merged on or before `day` → none;
//   * confirmed on or before `day` → done_on_time when completed_on <= the due day the rule
//     picks (for deadline_in_force: the due in force on the completion day), else done_late; a
//     task without a deadline is done_on_time; a recurring task is done_late when an occurrence
//     before completed_on had no report in its window (see below), else done_on_time;
//   * otherwise: no deadline → ongoing; a due day → overdue when `day` is after the due in force
//     on `day` (a day ends at 24:00, Civil Code 2015 Art. 148(6)), else in_progress.
// Recurring tasks (a decision of issue 16): each occurrence O after the assignment day owes one
// report. The window of O runs from the day after the previous occurrence (or from the
// assignment day, for the first) to O. Occurrences take reports in order: each the first report
// not taken yet made on or after the start of its window (progress reports count, so several
// reports in one window serve one occurrence and a late report serves the occurrence it was late
// for, not the next). As of `day`, a task is overdue when some occurrence strictly before `day`
// took no report made by `day` (then the latest one did not either: the report owed is still
// missing), else in_progress. A done recurring task is done_late when an occurrence before
// completed_on took its report after O, or none; else done_on_time. `cal` is read only for
// recurring tasks.
Bucket bucket_as_of(const TaskFacts& t, Date day, const calendar::WorkCalendar& cal,
                    OnTimeRule rule = OnTimeRule::deadline_in_force);

// The due day of `t` in force on `day` as shown in reports and the export: the version in force
// (date, working_days), the next occurrence on or after `day` (recurring; the first occurrence
// before the assignment), nullopt for none.
std::optional<Date> shown_due_as_of(const TaskFacts& t, Date day, const calendar::WorkCalendar& cal);
// The original due day: version 0, or the first occurrence of a recurring task; nullopt for none.
std::optional<Date> shown_original_due(const TaskFacts& t, const calendar::WorkCalendar& cal);

// ---- Progress ----
// A task's progress in percent (issue 16 §2: a parent's progress is computed, never typed):
//   * a done task: 100; a cancelled or merged one counts for nothing (`closed`, left out of its
//     parent's mean);
//   * a task without (counted) children: its last reported percentage;
//   * a parent: the mean of its counted children's progress, rounded down, so that it reaches
//     100 only when every counted child is done or at 100.
// Decidim's accountability module lets parents drift from their children (decidim#2952, #2679,
// #5725); here the parent's own reports never enter the figure.
struct ProgressNode {
  int reported = 0;  // the last reported percentage, 0..100
  bool done = false;
  bool closed = false;  // cancelled or merged
  std::vector<ProgressNode> children;
};
int progress(const ProgressNode& n);

// ---- Reporting periods ----
// The periods of the statistical reporting regime (LEADERS.md §1, M; Decree 09/2019/NĐ-CP
// Art. 12): figures are closed from the 15th of the month before a period to the 14th of its last
// month. Month m of year y: 15/(m−1) to 14/m (January from 15 December of y−1); quarter q: from
// 15 of the month before its first month to 14 of its last; 6, 9 and 12 months: from 15 December
// of y−1 to 14 June, 14 September and 14 December of y.
enum class PeriodLength { month = 1, quarter = 3, six_months = 6, nine_months = 9, year = 12 };
struct ReportingPeriod {
  Date from, to;  // both included
  friend bool operator==(const ReportingPeriod&, const ReportingPeriod&) = default;
};
// The period `index` of `year`: 1..12 for months, 1..4 for quarters, 1 for the others; nullopt
// for another index or a year outside the calendar's range.
std::optional<ReportingPeriod> reporting_period(PeriodLength length, int year, int index = 1);
// The month whose period holds `d` (the 15th starts the next month's period): {year, month}.
struct PeriodMonth {
  int year = 0;
  int month = 0;
  friend bool operator==(const PeriodMonth&, const PeriodMonth&) = default;
};
PeriodMonth period_month_of(Date d);

std::string_view deadline_kind_code(DeadlineKind k);
std::optional<DeadlineKind> parse_deadline_kind(std::string_view code);
std::string_view every_code(Every e);
std::optional<Every> parse_every(std::string_view code);
std::string_view on_time_rule_code(OnTimeRule r);
std::optional<OnTimeRule> parse_on_time_rule(std::string_view code);

}  // namespace tinhso::tasks
