#include "modules/dossiers/api.h"
#include "modules/dossiers/demo.h"
#include "modules/dossiers/lateness_job.h"
#include "modules/dossiers/routes.h"

namespace tinhso::dossiers {

app::Module module() {
  app::Module m;
  m.name = "dossiers";
  m.add_routes = [](http::Router& router, app::Context& ctx) { add_routes(router, ctx); };
  m.load_demo = load_demo;
  m.start = start_background;
  m.stop = stop_background;
  return m;
}

}  // namespace tinhso::dossiers
