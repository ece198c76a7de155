#include "modules/elections/api.h"
#include "modules/elections/cli.h"

namespace tinhso::elections {

app::Module module() {
  app::Module m{"elections", {}, {}, {}, {}};
  m.add_commands = add_commands;
  return m;
}

}  // namespace tinhso::elections
