// `tinhso tasks …` (issue 16 §9):
//   tinhso tasks summary --db URL --as-of YYYY-MM-DD  → JSON counts per lead body and bucket
//   tinhso tasks export --db URL --as-of YYYY-MM-DD   → JSON array, one object per task assigned
//                                                       on or before that day (board.h)
//   tinhso tasks rebuild-board --db URL [--if-needed] → recomputes the stored board (store_board.h)
//       from the tasks, with progress on stderr: after a change of the working calendar (a
//       holiday moved shifts recurring occurrences and working-day deadlines), a restore, or an
//       upgrade whose migration changed the board's layout (--if-needed: only then; otherwise the
//       first read of the board would rebuild it inside a request).
// Bad input exits 2 with a message on stderr; a schema that is not current exits 2 (`tinhso
// migrate` first); a database failure exits 1.
#include "modules/tasks/cli.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>

#include "core/app/cli.h"
#include "core/calendar/working_calendar.h"
#include "modules/calendar/api.h"
#include "modules/tasks/api.h"
#include "modules/audit/api.h"
#include "modules/tasks/board.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

namespace {

struct Command {
  std::string as_of;
  bool if_needed = false;
};

struct Usage : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Date as_of_day(const Command& c) {
  auto d = calendar::parse_date(c.as_of);
  if (!d) throw Usage("--as-of: not a date: '" + c.as_of + "' (expected YYYY-MM-DD)");
  if (!calendar::in_range(*d))
    throw Usage("--as-of: outside the supported years " + std::to_string(calendar::kFirstYear) + "–" +
                std::to_string(calendar::kLastYear) + ": " + c.as_of);
  return *d;
}

std::vector<AsOfRow> read_rows(app::CommandEnv& env, Date day) {
  const calendar::WorkCalendar cal(env.settings.holidays, calendar::stored_schedules(*env.db));
  return env.db->with_session(
      [&](soci::session& s) { return rows_as_of(s, day, cal, env.settings.modules.get<Settings>().on_time); });
}

int summary(const Command& c, app::CommandEnv& env) {
  const Date day = as_of_day(c);
  if (!env.schema_current()) return 2;
  const auto rows = read_rows(env, day);
  std::printf("%s\n", summary_json(counts_by_lead(rows), day, env.settings.modules.get<Settings>().on_time).c_str());
  return 0;
}

int export_rows(const Command& c, app::CommandEnv& env) {
  const Date day = as_of_day(c);
  if (!env.schema_current()) return 2;
  std::printf("%s\n", rows_json(read_rows(env, day)).c_str());
  return 0;
}

int rebuild(const Command& c, app::CommandEnv& env) {
  if (!env.schema_current()) return 2;
  const calendar::WorkCalendar cal(env.settings.holidays, calendar::stored_schedules(*env.db));
  long long tasks = 0;
  bool skipped = false;
  env.db->transaction([&](soci::session& s) {
    if (c.if_needed && board_built(s)) {
      skipped = true;
      return;
    }
    rebuild_board(s, cal, [&](long long done, long long total) {
      tasks = total;
      std::fprintf(stderr, "\rtinhso tasks rebuild-board: %lld/%lld tasks (%lld %%)", done, total,
                   total > 0 ? done * 100 / total : 100);
    });
    audit::record_system(s, env.db->dialect(), env.clock, "cli:tasks",
                         {"tasks.board_rebuilt", "task_board", "1", "", "{\"tasks\":" + std::to_string(tasks) + "}"});
  });
  if (skipped) std::fprintf(stderr, "tinhso tasks rebuild-board: the stored board is current; nothing to do\n");
  else std::fprintf(stderr, "\ntinhso tasks rebuild-board: the board counts %lld tasks\n", tasks);
  return 0;
}

int run(const std::function<int()>& f) {
  try {
    return f();
  } catch (const Usage& e) {
    std::fprintf(stderr, "tinhso tasks: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tinhso tasks: cannot read the tasks: %s\n", e.what());
    return 1;
  }
}

}  // namespace

void add_on_time_option(CLI::App& cmd, app::Settings& settings) {
  Settings& s = settings.modules.get<Settings>();
  app::add_setting<std::string>(
      cmd, "--tasks-on-time",
      [&s](const std::string& v) {
        if (auto r = parse_on_time_rule(v)) s.on_time = *r;
      },
      "What a completion is measured against: deadline_in_force (the due day in force that day, extensions "
      "included) or original_deadline")
      ->envname("TINHSO_TASKS_ON_TIME")
      ->check(CLI::IsMember({"deadline_in_force", "original_deadline"}))
      ->default_str(std::string(on_time_rule_code(s.on_time)));
}

void add_commands(app::Commands& commands, app::Settings& settings) {
  auto c = std::make_shared<Command>();
  // Issue 16 §9: the leaders' office runs these from a scheduler; bad input exits 2.
  const app::Commands::Spec root_spec{.database = false, .writes = false, .parse_error_exit = 2};
  const app::Commands::Spec spec{.database = true, .writes = false, .parse_error_exit = 2};
  CLI::App& root = commands.add(nullptr, "tasks", "Assigned tasks: the figures as of a day (exit 2 on bad input)", {},
                                root_spec);
  CLI::App& summary_cmd = commands.add(
      &root, "summary", "Print JSON counts per lead body and bucket as of a day",
      [c](app::CommandEnv& env) { return run([&] { return summary(*c, env); }); }, spec);
  CLI::App& export_cmd = commands.add(
      &root, "export", "Print a JSON array: every task assigned on or before a day, with its due days and bucket",
      [c](app::CommandEnv& env) { return run([&] { return export_rows(*c, env); }); }, spec);
  CLI::App& rebuild_cmd = commands.add(
      &root, "rebuild-board",
      "Recompute the stored board from the tasks (after a change of the working calendar, a restore or an upgrade), "
      "with progress",
      [c](app::CommandEnv& env) { return run([&] { return rebuild(*c, env); }); },
      {.database = true, .writes = true, .parse_error_exit = 2});
  rebuild_cmd.add_flag("--if-needed", c->if_needed,
                       "Only when the stored board is not built in this release's layout (after an upgrade)");
  for (CLI::App* sub : {&summary_cmd, &export_cmd}) {
    sub->add_option("--as-of", c->as_of, "The day the figures are as of: YYYY-MM-DD")->required();
    add_on_time_option(*sub, settings);
  }
}

}  // namespace tinhso::tasks
