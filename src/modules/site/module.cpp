#include "modules/site/api.h"

#include "core/auth/principal.h"
#include "modules/site/handlers.h"
#include "modules/site/store.h"

namespace tinhso::site {

namespace {

// The demo installation serves Phú Thọ (code 25), which since 1/7/2025 includes the former
// Vĩnh Phúc province (code 26) of the 2021 seed report (NA Resolution 202/2025/QH15;
// ../shared/domain/LAW.md §7).
void load_demo(app::Context& ctx) {
  ctx.db.transaction([](soci::session& s) {
    put_setting(s, "province.code", "25");
    put_setting(s, "province.name.vi", "Phú Thọ");
    put_setting(s, "province.name.en", "Phú Thọ");
    put_setting(s, "site.name.vi", "Cổng dịch vụ số tỉnh Phú Thọ");
    put_setting(s, "site.name.en", "Phú Thọ Digital Services Portal");
  });
}

// Publishes the site name to the layout of every page.
void start(app::Context& ctx) {
  auto settings = ctx.db.with_session([](soci::session& s) { return load_settings(s); });
  for (const auto& lang : ctx.pages.catalog().languages()) {
    auto it = settings.find("site.name." + lang);
    ctx.pages.set_site_name(lang, it != settings.end() ? it->second : ctx.pages.catalog().get(lang, "site.default_name"));
  }
}

}  // namespace

app::Module module() {
  app::Module m{"site", add_routes, load_demo, start};
  // /design is open to every staff role (permissions.h); the menu offers it to administrators,
  // who look after the portal's pages.
  m.nav = {{"/admin", "site.nav.admin", false, {auth::Role::administrator}, {auth::Role::administrator}},
           {"/design", "site.nav.design", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "site.nav.design_about"}};
  return m;
}

}  // namespace tinhso::site
