// The consultations module (issue 18): schema (migrations/), the draft's splitter (draft.h) and
// version difference (diff.h), use cases (usecases.h), notices and their job (notices.h), pages
// (pages.h), the JSON API, the summary report (report.h) and the demo's consultations (demo.h).
#include "modules/consultations/api.h"
#include "modules/consultations/demo.h"
#include "modules/consultations/notices.h"
#include "modules/consultations/pages.h"

namespace tinhso::consultations {

std::vector<web::NavEntry> nav() {
  using auth::Role;
  return {{"/consultations", "consultations.nav", true, {Role::citizen}},
          {"/consultations/manage", "consultations.nav_desk", false,
           {Role::specialist, Role::agency_leader}}};
}

app::Module module() {
  app::Module m;
  m.name = "consultations";
  m.add_routes = [](http::Router& r, app::Context& c) {
    add_manage_routes(r, c);  // its literal paths (/consultations/new, …/manage) before the {id} ones
    add_public_routes(r, c);
    add_report_routes(r, c);
    add_api_routes(r, c);
  };
  m.nav = nav();
  m.load_demo = load_demo;
  m.start = start_announcements;
  m.stop = stop_announcements;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_notice_options(cmd, settings);
  };
  return m;
}

}  // namespace tinhso::consultations
