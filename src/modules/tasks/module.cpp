// The tasks module (issue 16, in progress): schema, rules, the transition table, use cases and
// the `tinhso tasks` commands and the demo's documents and tasks; pages, routes and reminders come
// later.
#include "modules/tasks/api.h"
#include "modules/tasks/cli.h"
#include "modules/tasks/demo_load.h"

namespace tinhso::tasks {

app::Module module() {
  app::Module m;
  m.name = "tasks";
  m.add_commands = add_commands;
  m.load_demo = load_demo;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_on_time_option(cmd, settings);
  };
  return m;
}

}  // namespace tinhso::tasks
