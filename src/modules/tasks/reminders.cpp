#include "modules/tasks/reminders.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/util/periodic.h"
#include "modules/identity/api.h"
#include "modules/mail/api.h"

namespace tinhso::tasks {

using std::chrono::days;

std::string Reminder::threshold() const {
  std::string d = calendar::format_date(due);
  switch (kind) {
    case ReminderKind::before: return "before:" + d;
    case ReminderKind::due: return "due:" + d;
    case ReminderKind::overdue: return "overdue:" + d + ":" + std::to_string(week);
  }
  return d;
}

std::optional<Date> remind_from(Date due, int n, const calendar::WorkCalendar& cal) {
  Date d = due;
  int counted = 0;
  // Every week has working days, so n working days lie within a few times n weeks.
  for (int guard = 0; counted < n && guard < 30 * 7 + 7 * n; ++guard) {
    d -= days{1};
    if (!calendar::in_range(d)) return std::nullopt;
    if (cal.is_working_day(d)) ++counted;
  }
  if (counted < n) return std::nullopt;
  return d;
}

namespace {

Reminder overdue_reminder(Date due, Date today) {
  int late = static_cast<int>((today - due).count());
  return {ReminderKind::overdue, due, (late - 1) / 7 + 1};
}

// The reminder of `due` owed on `today` (today <= due, or overdue after it).
std::optional<Reminder> around(Date due, Date today, const calendar::WorkCalendar& cal, int days_before) {
  if (today > due) return overdue_reminder(due, today);
  if (today == due) return Reminder{ReminderKind::due, due, 0};
  auto from = remind_from(due, days_before, cal);
  if (from && today >= *from) return Reminder{ReminderKind::before, due, 0};
  return std::nullopt;
}

std::optional<Reminder> recurring_reminder(const TaskFacts& f, Date today, const calendar::WorkCalendar& cal,
                                           int days_before) {
  if (bucket_as_of(f, today, cal) == Bucket::overdue) {
    auto prev = previous_occurrence(f.deadline, today, cal);
    if (!prev) return std::nullopt;
    return overdue_reminder(*prev, today);
  }
  auto next = next_occurrence(f.deadline, today, cal);
  if (next && *next <= f.assigned_on) next = next_occurrence(f.deadline, f.assigned_on + days{1}, cal);
  if (!next) return std::nullopt;
  // The occurrence's window: from the day after the previous occurrence (or the assignment day).
  auto prev = previous_occurrence(f.deadline, *next, cal);
  Date start = prev && *prev >= f.assigned_on ? *prev + days{1} : f.assigned_on;
  bool reported = std::any_of(f.report_days.begin(), f.report_days.end(),
                              [&](Date r) { return r >= start && r <= today; });
  if (reported) return std::nullopt;
  return around(*next, today, cal, days_before);
}

}  // namespace

std::optional<Reminder> reminder_due(const TaskFacts& facts, bool open, Date today, const calendar::WorkCalendar& cal,
                                     int days_before) {
  if (!open || today < facts.assigned_on || !cal.is_working_day(today)) return std::nullopt;
  switch (facts.deadline.kind) {
    case DeadlineKind::none: return std::nullopt;
    case DeadlineKind::recurring: return recurring_reminder(facts, today, cal, days_before);
    case DeadlineKind::date:
    case DeadlineKind::working_days: break;
  }
  auto due = due_as_of(facts.versions, today);
  if (!due) return std::nullopt;
  return around(*due, today, cal, days_before);
}

void add_reminder_options(CLI::App& cmd, app::Settings& settings) {
  ReminderSettings& s = settings.modules.get<ReminderSettings>();
  cmd.add_option("--tasks-remind-days-before", s.days_before,
                 "Remind a task's lead body this many working days before its due day (issue 16 §5)")
      ->envname("TINHSO_TASKS_REMIND_DAYS_BEFORE")
      ->check(CLI::Range(1, 30))
      ->capture_default_str();
  cmd.add_option_function<std::string>(
         "--tasks-reminders", [&s](const std::string& v) { s.enabled = v == "on"; },
         "Send task reminders from this node: on or off (issue 16 §5)")
      ->envname("TINHSO_TASKS_REMINDERS")
      ->check(CLI::IsMember({"on", "off"}))
      ->default_str("on");
}

// ---- The job's SQL (SQLite and PostgreSQL alike) ----
namespace {

// Open tasks with a deadline that may owe a reminder on :today: recurring ones, and those due
// by :horizon (the last day a "before" window can reach) or with a deadline version approved
// after :today (a clock set in the past).
constexpr const char* kCandidates =
    " t.state IN ('assigned', 'acknowledged') AND t.assigned_on <= :t1"
    " AND (t.deadline_kind = 'recurring' OR (t.deadline_kind IN ('date', 'working_days')"
    " AND (t.due <= :h OR EXISTS (SELECT 1 FROM task_deadline_versions w WHERE w.task_id = t.id AND w.approved_on > :t2))))";

struct Candidate {
  std::int64_t id = 0;
  std::string content, document;
  std::int64_t lead_agency_id = 0;
  TaskFacts facts;
};

std::optional<Every> every_of(const std::string& code) { return parse_every(code); }

std::map<std::int64_t, Candidate> load_candidates(soci::session& s, const std::string& today, const std::string& horizon) {
  std::map<std::int64_t, Candidate> out;
  long long id = 0, lead = 0;
  int ddays = 0, rday = 0, rmonth = 0;
  std::string content, number, assigned_on, kind, every;
  soci::statement st =
      (s.prepare << "SELECT t.id, t.content, d.number, t.lead_agency_id, t.assigned_on, t.deadline_kind,"
                    " t.deadline_days, t.recurring_every, t.recurring_day, t.recurring_month"
                    " FROM tasks t JOIN task_items i ON i.id = t.item_id JOIN task_documents d ON d.id = i.document_id"
                    " WHERE" << kCandidates << " ORDER BY t.id",
       soci::use(today, "t1"), soci::use(horizon, "h"), soci::use(today, "t2"), soci::into(id), soci::into(content),
       soci::into(number), soci::into(lead), soci::into(assigned_on), soci::into(kind), soci::into(ddays),
       soci::into(every), soci::into(rday), soci::into(rmonth));
  st.execute();
  while (st.fetch()) {
    auto day = calendar::parse_date(assigned_on);
    auto k = parse_deadline_kind(kind);
    if (!day || !k) continue;
    Candidate c;
    c.id = id;
    c.content = content;
    c.document = number;
    c.lead_agency_id = lead;
    c.facts.assigned_on = *day;
    c.facts.deadline.kind = *k;
    c.facts.deadline.days = ddays;
    c.facts.deadline.every = every_of(every).value_or(Every::month);
    c.facts.deadline.day = rday;
    c.facts.deadline.month = rmonth;
    out.emplace(c.id, std::move(c));
  }
  return out;
}

void load_versions(soci::session& s, const std::string& today, const std::string& horizon,
                   std::map<std::int64_t, Candidate>& tasks) {
  long long id = 0;
  int number = 0;
  std::string due, approved;
  soci::statement st = (s.prepare << "SELECT v.task_id, v.number, v.due, v.approved_on FROM task_deadline_versions v"
                                     " JOIN tasks t ON t.id = v.task_id WHERE" << kCandidates,
                        soci::use(today, "t1"), soci::use(horizon, "h"), soci::use(today, "t2"), soci::into(id),
                        soci::into(number), soci::into(due), soci::into(approved));
  st.execute();
  while (st.fetch()) {
    auto it = tasks.find(id);
    auto d = calendar::parse_date(due), a = calendar::parse_date(approved);
    if (it != tasks.end() && d && a) it->second.facts.versions.push_back({number, *d, *a});
  }
}

void load_report_days(soci::session& s, const std::string& today, const std::string& horizon,
                      std::map<std::int64_t, Candidate>& tasks) {
  long long id = 0;
  std::string on;
  soci::statement st = (s.prepare << "SELECT r.task_id, r.reported_on FROM task_reports r JOIN tasks t ON t.id = r.task_id"
                                     " WHERE t.deadline_kind = 'recurring' AND r.reported_on <= :t0 AND" << kCandidates
                                  << " ORDER BY r.task_id, r.reported_on",
                        soci::use(today, "t0"), soci::use(today, "t1"), soci::use(horizon, "h"), soci::use(today, "t2"),
                        soci::into(id), soci::into(on));
  st.execute();
  while (st.fetch()) {
    auto it = tasks.find(id);
    auto d = calendar::parse_date(on);
    if (it != tasks.end() && d) it->second.facts.report_days.push_back(*d);
  }
}

std::set<std::pair<std::int64_t, std::string>> load_sent(soci::session& s, const std::string& today,
                                                         const std::string& horizon) {
  std::set<std::pair<std::int64_t, std::string>> out;
  long long id = 0;
  std::string threshold;
  soci::statement st = (s.prepare << "SELECT x.task_id, x.threshold FROM task_reminders_sent x JOIN tasks t ON t.id = x.task_id"
                                     " WHERE" << kCandidates,
                        soci::use(today, "t1"), soci::use(horizon, "h"), soci::use(today, "t2"), soci::into(id),
                        soci::into(threshold));
  st.execute();
  while (st.fetch()) out.emplace(id, threshold);
  return out;
}

// True when this call recorded (task, threshold); false when it was already there.
bool claim_reminder(soci::session& s, std::int64_t task_id, const std::string& threshold, const std::string& now) {
  long long id = task_id;
  soci::statement st = (s.prepare << "INSERT INTO task_reminders_sent (task_id, threshold, sent_at) VALUES (:t, :th, :now)"
                                     " ON CONFLICT (task_id, threshold) DO NOTHING",
                        soci::use(id, "t"), soci::use(threshold, "th"), soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void insert_notice(soci::session& s, std::int64_t task_id, const std::string& threshold, std::int64_t account_id,
                   const std::string& due, const std::string& sent_on, const std::string& now) {
  long long t = task_id, a = account_id;
  s << "INSERT INTO task_reminder_notices (task_id, threshold, account_id, due, sent_on, created_at)"
       " VALUES (:t, :th, :a, :due, :on, :now)",
      soci::use(t, "t"), soci::use(threshold, "th"), soci::use(a, "a"), soci::use(due, "due"), soci::use(sent_on, "on"),
      soci::use(now, "now");
}

// The focal officers of `agency` (reminders.h): its active leaders and specialists, once each.
std::vector<identity::StaffMember> focal_officers(soci::session& s, std::int64_t agency) {
  auto out = identity::staff_with_role(s, agency, "agency_leader");
  for (auto& m : identity::staff_with_role(s, agency, "specialist"))
    if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.id == m.id; })) out.push_back(std::move(m));
  return out;
}

std::string shown_date(Date d) {
  std::string iso = calendar::format_date(d);
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string_view kind_key(ReminderKind k) {
  switch (k) {
    case ReminderKind::before: return "before";
    case ReminderKind::due: return "due";
    case ReminderKind::overdue: return "overdue";
  }
  return "due";
}

// Writes the reminder of `c` in the caller's transaction: the (task, threshold) row, then one
// notice and one message per focal officer. False when another pass had recorded it.
bool send_reminder(soci::session& s, const app::Context& ctx, const Candidate& c, const Reminder& r, Date today,
                   const std::string& now) {
  const std::string threshold = r.threshold();
  if (!claim_reminder(s, c.id, threshold, now)) return false;
  const auto& cat = ctx.pages.catalog();
  const std::string due = shown_date(r.due), url = ctx.settings.public_url + "/tasks/" + std::to_string(c.id);
  const std::string weeks = std::to_string(r.week), key = "tasks_reminders.mail." + std::string(kind_key(r.kind));
  for (const auto& officer : focal_officers(s, c.lead_agency_id)) {
    insert_notice(s, c.id, threshold, officer.id, calendar::format_date(r.due), calendar::format_date(today), now);
    if (!mail::deliverable_address(officer.email)) continue;
    std::initializer_list<std::pair<std::string_view, std::string_view>> args = {
        {"name", officer.name}, {"task", c.content}, {"document", c.document}, {"due", due}, {"url", url},
        {"weeks", weeks}};
    try {
      mail::enqueue(s, ctx.db.dialect(), ctx.clock,
                    {officer.email, cat.format("vi", key + ".subject", args), cat.format("vi", key + ".text", args)});
    } catch (const std::invalid_argument& e) {
      spdlog::warn("tasks: reminder to {} not queued: {}", officer.email, e.what());
    }
  }
  return true;
}

}  // namespace

namespace {

// The last day a "before" window that is open on `today` can end on.
std::string horizon_of(const calendar::WorkCalendar& cal, Date today, int before) {
  return calendar::format_date(cal.add_working_days(today, before).value_or(today));
}

// Sends the reminder `c` owes on `today` unless it is in `sent` (or another node recorded it
// meanwhile); true when this call sent it.
bool send_if_owed(const app::Context& ctx, const Candidate& c, const std::set<std::pair<std::int64_t, std::string>>& sent,
                  Date today, const calendar::WorkCalendar& cal, int before, const std::string& now) {
  const auto r = reminder_due(c.facts, true, today, cal, before);
  if (!r || sent.count({c.id, r->threshold()})) return false;
  const Reminder reminder = *r;
  bool done = false;
  ctx.db.transaction([&](soci::session& s) { done = send_reminder(s, ctx, c, reminder, today, now); });
  return done;
}

}  // namespace

int run_reminder_pass(const app::Context& ctx, int limit) {
  auto now_tp = ctx.clock.now();
  const std::string now = auth::iso_utc(now_tp);
  const Date today = calendar::to_local(now_tp).day;
  auto cal = ctx.calendar.current();
  const std::string day = calendar::format_date(today);
  if (!cal->is_working_day(today)) {
    spdlog::debug("tasks: reminder pass as of {}: a day off, none sent", day);
    return 0;
  }
  const int before = ctx.settings.modules.get<ReminderSettings>().days_before;
  const std::string horizon = horizon_of(*cal, today, before);
  std::map<std::int64_t, Candidate> tasks;
  std::set<std::pair<std::int64_t, std::string>> sent;
  ctx.db.with_session([&](soci::session& s) {
    tasks = load_candidates(s, day, horizon);
    load_versions(s, day, horizon, tasks);
    load_report_days(s, day, horizon, tasks);
    sent = load_sent(s, day, horizon);
  });
  int count = 0;
  for (auto it = tasks.begin(); it != tasks.end() && count < limit; ++it)
    if (send_if_owed(ctx, it->second, sent, today, *cal, before, now)) ++count;
  if (count) spdlog::info("tasks: {} reminders sent", count);
  spdlog::debug("tasks: reminder pass as of {}: {} open tasks looked at, {} reminders sent", day, tasks.size(), count);
  return count;
}

namespace {
std::mutex job_mu;
std::unique_ptr<util::Periodic> job;

// When the job runs a pass (reminders.h kReminderPeriod): only the job's thread touches it.
struct JobState {
  std::optional<Date> last_day;
  std::chrono::steady_clock::time_point last_run;
  bool capped = false;
};

void tick(const app::Context& ctx, JobState& st) {
  const Date today = calendar::to_local(ctx.clock.now()).day;
  const auto now = std::chrono::steady_clock::now();
  if (st.last_day == today && !st.capped && now - st.last_run < kReminderRerun) return;
  st.capped = run_reminder_pass(ctx) >= kRemindersPerPass;
  st.last_day = today;
  st.last_run = now;
}

}  // namespace

void start_reminders(app::Context& ctx) {
  if (!ctx.settings.modules.get<ReminderSettings>().enabled) return;
  std::lock_guard lock(job_mu);
  if (job) return;
  auto st = std::make_shared<JobState>();
  job = std::make_unique<util::Periodic>("tasks reminders", kReminderPeriod, [&ctx, st] { tick(ctx, *st); });
}

void stop_reminders() {
  std::unique_ptr<util::Periodic> j;
  {
    std::lock_guard lock(job_mu);
    j = std::move(job);
  }
  if (j) j->stop();
}

}  // namespace tinhso::tasks
