// The elections module (issue 19): the tally (tally.h) and its command (cli.h), the schema
// (migrations/), use cases (usecases.h), pages (pages.h) and the demo's elections (demo.h).
#include "modules/elections/api.h"
#include "modules/elections/cli.h"
#include "modules/elections/demo.h"
#include "modules/elections/pages.h"

namespace tinhso::elections {

app::Module module() {
  app::Module m;
  m.name = "elections";
  m.add_routes = [](http::Router& r, app::Context& c) {
    add_routes(r, c);
    c.pages.enable_feature("elections");
  };
  m.load_demo = load_demo;
  m.add_commands = add_commands;
  return m;
}

}  // namespace tinhso::elections
