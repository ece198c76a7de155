// The tasks module (issue 16, in progress): schema, rules, the transition table, use cases, the
// `tinhso tasks` commands, GET /api/v1/tasks/summary and the demo's documents and tasks; pages and
// reminders come later.
#include "modules/tasks/api.h"
#include "modules/tasks/api_routes.h"
#include "modules/tasks/cli.h"
#include "modules/tasks/demo_load.h"

namespace tinhso::tasks {

app::Module module() {
  app::Module m;
  m.name = "tasks";
  m.add_routes = add_api_routes;
  m.add_commands = add_commands;
  m.load_demo = load_demo;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_on_time_option(cmd, settings);
  };
  return m;
}

}  // namespace tinhso::tasks
