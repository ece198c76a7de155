// The indicators module (issue 17): see api.h.
#include "modules/indicators/api.h"
#include "modules/indicators/cli.h"
#include "modules/indicators/demo.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/scorecard.h"

namespace tinhso::indicators {

app::Module module() {
  app::Module m;
  m.name = "indicators";
  m.add_routes = [](http::Router& r, app::Context& c) {
    scorecard_defs();  // a bad embedded scorecard stops the start, not a request
    add_scorecard_routes(r, c);
    add_catalogue_routes(r, c);
    add_dashboard_routes(r, c);
    add_admin_routes(r, c);
    add_pack_routes(r, c);
    add_open_data_routes(r, c);
  };
  m.add_commands = add_commands;
  m.load_demo = load_demo;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_options(cmd, settings);
  };
  // The leaders' home (it replaces the lateness overview, linked from it), the public scorecard
  // and catalogue, the administrators' catalogue.
  m.nav = {{"/dashboard", "indicators.nav.dashboard", false, {auth::Role::agency_leader, auth::Role::province_leader},
            {auth::Role::agency_leader, auth::Role::province_leader}},
           {"/admin/indicators", "indicators.nav.admin", false, {auth::Role::administrator}, {},
            web::NavPlace::admin, "indicators.nav.admin_about"}};
  return m;
}

}  // namespace tinhso::indicators
