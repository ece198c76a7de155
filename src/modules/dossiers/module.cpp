#include "modules/dossiers/api.h"
#include "modules/dossiers/demo.h"
#include "modules/dossiers/lateness_job.h"
#include "modules/dossiers/routes.h"
#include "modules/dossiers/store_hand_over.h"

namespace tinhso::dossiers {

app::Module module() {
  app::Module m;
  m.name = "dossiers";
  m.add_routes = [](http::Router& router, app::Context& ctx) { add_routes(router, ctx); };
  m.load_demo = load_demo;
  m.start = start_background;
  m.stop = stop_background;
  m.hand_over_agency = hand_over_agency;
  return m;
}

}  // namespace tinhso::dossiers
