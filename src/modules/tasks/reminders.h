#pragma once
// Reminders of assigned tasks (issue 16 §5): to the lead body's focal officers before the due
// day, on it, and weekly while overdue — each exactly once per task and threshold, across nodes,
// through the mail outbox and the in-app list /tasks/reminders.
//
// Focal officers (a decision of issue 16, documented here): the active staff accounts of the
// task's lead agency holding `agency_leader` or `specialist` — the officers who act for the lead
// body (permissions.h, part `lead`) and its leader.
//
// Thresholds, checked on working days only (reminders go out when the offices are open), with
// `due` the deadline in force on that day (rules.h due_as_of; a due day written on a day off is
// already moved to the next working day by in_force_due):
//   * "before:<due>"     — from the `days_before`-th working day before `due` until the day
//                          before it (--tasks-remind-days-before, default 3);
//   * "due:<due>"        — on `due` itself;
//   * "overdue:<due>:<k>" — week k ≥ 1 after `due` (days due+7(k−1)+1 .. due+7k), the first
//                          working day of it the job sees.
// The due day is part of the code, so an approved extension (a new due in force) starts a new
// series and the old one is never repeated. Recurring tasks are reminded per occurrence: "before"
// and "due" of the next occurrence on or after the day unless a report was made in its window
// (from the day after the previous occurrence); "overdue" while the task is overdue (rules.h
// bucket_as_of), counted from the last occurrence before the day. Tasks without a deadline, and
// tasks done, cancelled, merged or whose completion awaits the assigner's confirmation
// (completion_reported), get none.
//
// Exactly once: the job inserts (task_id, threshold) into task_reminders_sent with ON CONFLICT
// DO NOTHING in the transaction that also writes the officers' rows of task_reminder_notices and
// their mail_outbox messages; only the transaction whose insert changed a row writes them, so two
// nodes racing (PostgreSQL: the second waits for the first's key, then inserts nothing) send one.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/app/module.h"
#include "core/calendar/working_calendar.h"
#include "core/http/router.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {

enum class ReminderKind { before, due, overdue };

struct Reminder {
  ReminderKind kind = ReminderKind::before;
  Date due;      // the due day (or occurrence) it is about
  int week = 0;  // overdue: 1, 2, ...
  std::string threshold() const;  // "before:2026-12-10", "due:2026-12-10", "overdue:2026-12-10:2"
};

// The reminder owed on `today` for a task with `facts` (rules.h), or nullopt. `open`: the task's
// state is assigned or acknowledged. Pure.
std::optional<Reminder> reminder_due(const TaskFacts& facts, bool open, Date today, const calendar::WorkCalendar& cal,
                                     int days_before);

// The first day of the "before" window: the `n`-th working day before `due` (n ≥ 1); nullopt
// outside the calendar's range.
std::optional<Date> remind_from(Date due, int n, const calendar::WorkCalendar& cal);

// The job wakes every kReminderPeriod and runs a pass when the day in Viet Nam changed, the last
// pass stopped at its cap, or kReminderRerun has passed since the last one (so a task assigned or
// extended during the day is reminded within the hour); at once on start.
inline constexpr std::chrono::seconds kReminderPeriod{300};
inline constexpr std::chrono::seconds kReminderRerun{3600};
// At most this many reminders (task × threshold) per pass: a backlog (a first start over years
// of overdue tasks) is sent over several passes instead of one long burst of transactions.
inline constexpr int kRemindersPerPass = 500;

// --tasks-remind-days-before N (TINHSO_TASKS_REMIND_DAYS_BEFORE, 1..30, default 3) and
// --tasks-reminders on|off (TINHSO_TASKS_REMINDERS, default on: off starts no job on this node).
struct ReminderSettings {
  int days_before = 3;
  bool enabled = true;
};
void add_reminder_options(CLI::App& cmd, app::Settings& settings);

// One pass over the open tasks as of ctx.clock's day in Viet Nam: sends every reminder owed and
// not sent yet, at most `limit`, by task id. Returns the number this call sent.
int run_reminder_pass(const app::Context& ctx, int limit = kRemindersPerPass);

// The job on its own thread; start/stop from module.cpp.
void start_reminders(app::Context& ctx);
void stop_reminders();

// GET /tasks/reminders (reminders_page.cpp).
void add_reminder_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::tasks
