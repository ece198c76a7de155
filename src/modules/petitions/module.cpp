// The petitions module (issue 6, in progress): schema, store, rules, the transition table and the
// online form, the citizen's and the officers' pages; Open311 and the rest come later.
#include "modules/petitions/api.h"
#include "modules/petitions/attachment_pages.h"
#include "modules/petitions/demo.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/lookup_pages.h"
#include "modules/petitions/module_options.h"
#include "modules/petitions/store_hand_over.h"

namespace tinhso::petitions {

app::Module module() {
  app::Module m;
  m.name = "petitions";
  m.add_routes = [](http::Router& router, app::Context& ctx) {
    add_lookup_routes(router, ctx);
    add_routes(router, ctx);
    add_attachment_routes(router, ctx);
  };
  m.load_demo = load_demo;
  m.hand_over_agency = hand_over_agency;
  m.add_options = add_options;
  // The desk row follows permissions.h is_desk_staff; inspectors work from it.
  m.nav = {{"/petitions/new", "petitions.nav", true, {auth::Role::citizen}},
           {"/petitions/mine", "petitions.nav_mine", false, {auth::Role::citizen}},
           {"/petitions/desk", "petitions.nav_desk", false,
            {auth::Role::one_stop_officer, auth::Role::specialist, auth::Role::agency_leader, auth::Role::inspector,
             auth::Role::province_leader},
            {auth::Role::inspector}}};
  // The identity key ring, read from its file on first use.
  m.provide = [](app::Context& ctx) { ctx.services.put(std::make_shared<Keys>(keys_file(ctx))); };
  return m;
}

}  // namespace tinhso::petitions
