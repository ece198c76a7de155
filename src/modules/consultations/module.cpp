// The consultations module (issue 18): schema (migrations/), the draft's splitter (draft.h) and
// version difference (diff.h), use cases (usecases.h), notices and their job (notices.h), pages
// (pages.h), the JSON API, the summary report (report.h) and the demo's consultations (demo.h).
#include "modules/consultations/api.h"
#include "modules/consultations/demo.h"
#include "modules/consultations/notices.h"
#include "modules/consultations/pages.h"

namespace tinhso::consultations {

// The officers' desk in the specialists' menu; citizens and visitors reach the consultations from
// the home page (feature "consultations": the public and citizens' menus are full on one line).
std::vector<web::NavEntry> nav() {
  using auth::Role;
  return {{"/consultations/manage", "consultations.nav_desk", false, {Role::specialist}}};
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
  m.start = [](app::Context& c) {
    c.pages.enable_feature("consultations");
    start_announcements(c);
  };
  m.stop = stop_announcements;
  m.add_options = [](CLI::App& cmd, app::OptionScope scope, app::Settings& settings) {
    if (scope == app::OptionScope::serve) add_notice_options(cmd, settings);
  };
  return m;
}

}  // namespace tinhso::consultations
