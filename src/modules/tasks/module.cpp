// The tasks module (issue 16, in progress): schema, rules, the transition table, use cases, the
// `tinhso tasks` commands, GET /api/v1/tasks/summary and the demo's documents and tasks; pages and
// reminders come later.
#include "modules/tasks/api.h"
#include "modules/tasks/api_routes.h"
#include "modules/tasks/cli.h"
#include "modules/tasks/demo_load.h"
#include "modules/tasks/pages_board.h"
#include "modules/tasks/pages_work.h"
#include "modules/tasks/reminders.h"

namespace tinhso::tasks {

app::Module module() {
  app::Module m;
  m.name = "tasks";
  m.add_routes = [](http::Router& r, app::Context& c) { add_api_routes(r, c); add_reminder_routes(r, c); add_board_routes(r, c); add_public_routes(r, c); add_work_routes(r, c); };
  m.add_commands = add_commands;
  m.load_demo = load_demo;
  m.nav = board_nav();  // issue 16 §6, §8 (pages_board.h)
  for (auto& e : work_nav()) m.nav.push_back(std::move(e));  // issue 16 §1–§3, §7 (pages_work.h)
  m.start = start_reminders;  // issue 16 §5 (reminders.h)
  m.stop = stop_reminders;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_on_time_option(cmd, settings);
    if (scope == app::OptionScope::serve) add_reminder_options(cmd, settings);
  };
  return m;
}

}  // namespace tinhso::tasks
