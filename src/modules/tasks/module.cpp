// The tasks module (issue 16, in progress): schema, rules, the transition table, use cases and
// the `tinhso tasks` commands.
#include "modules/tasks/api.h"

namespace tinhso::tasks {

app::Module module() {
  app::Module m;
  m.name = "tasks";
  return m;
}

}  // namespace tinhso::tasks
