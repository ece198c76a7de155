#include "modules/site/handlers.h"

#include <algorithm>
#include <stdexcept>

#include "core/auth/clock.h"
#include "core/auth/guard.h"
#include "core/calendar/date.h"
#include "core/http/cookie.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/util/embedded.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/site/permissions.h"
#include "modules/site/store.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_api_description();
}

namespace tinhso::site {

namespace {

// GET /api/openapi.json: the OpenAPI 3.1 description of /api/ (api/openapi.json, embedded; kept
// in step with the routes by tests/http/openapi.test.mjs). Static bytes: served inline.
http::Response api_description() {
  const auto& files = embedded_api_description();
  auto it = std::find_if(files.begin(), files.end(), [](const EmbeddedFile& f) { return f.path == "openapi.json"; });
  if (it == files.end()) throw std::logic_error("api/openapi.json is not embedded");
  http::Response r = http::Response::json(it->data);
  r.headers.set("Cache-Control", "public, max-age=3600");
  return r;
}

// The settings shown on public pages, for the request's language.
mstch::map settings_context(app::Context& ctx, const http::Request& req) {
  auto settings = ctx.db.with_session([](soci::session& s) { return load_settings(s); });
  auto get = [&](const std::string& key) {
    auto it = settings.find(key + "." + req.lang);
    if (it == settings.end()) it = settings.find(key + ".vi");
    return it == settings.end() ? std::string() : it->second;
  };
  return mstch::map{{"province_name", get("province.name")}, {"site_title", get("site.name")},
                    {"province_code", settings.count("province.code") ? settings["province.code"] : ""}};
}

http::Response home(app::Context& ctx, const http::Request& req) {
  mstch::map c = settings_context(ctx, req);
  c["title"] = ctx.pages.catalog().get(req.lang, "home.title");
  // A signed-in person's own page (NavEntry::home_of) comes first among the actions.
  if (req.principal)
    if (auto mine = ctx.pages.home_of(*req.principal)) c["my_home"] = *mine;
  return ctx.pages.render(req, "home", std::move(c));
}

http::Response about(app::Context& ctx, const http::Request& req) {
  mstch::map c = settings_context(ctx, req);
  c["title"] = ctx.pages.catalog().get(req.lang, "about.title");
  return ctx.pages.render(req, "about", std::move(c));
}

// GET /design: the design system, every component with its pattern and when to use it, for the
// staff who build and review pages (issue 14 §2). Sample values use the injected clock and the
// reader's formats.
http::Response design(app::Context& ctx, const http::Request& req) {
  const auto& who = auth::require_login(req);
  auth::require(permissions::may_view_design(who), "view the design system");
  web::View v{ctx, req};
  auto now = ctx.clock.now();
  std::string moment_iso = auth::iso_utc(now);
  std::string date_iso = calendar::format_date(calendar::to_local(now).day);
  mstch::map c{{"title", v.t("design.title")},
               {"sample_moment_iso", moment_iso},
               {"sample_moment", v.time(moment_iso)},
               {"sample_date_iso", date_iso},
               {"sample_date", v.date(date_iso)},
               {"sample_number", text::format_integer(1234567, req.lang)},
               {"sample_amount", v.f("design.amount", {{"n", text::format_integer(50000, req.lang)}})}};
  return ctx.pages.render(req, "design", std::move(c));
}

// GET /admin: the administration areas the caller may use, as the modules declare them
// (web::NavPlace::admin), each with what it is for, by name.
http::Response admin_index(app::Context& ctx, const http::Request& req) {
  const auto& who = auth::require_login(req);
  auth::require(permissions::may_view_admin_index(who), "view the administration index");
  auto links = ctx.pages.links(who, web::NavPlace::admin, req.lang);
  // In the reader's alphabetical order (Vietnamese collation: "Đ" after "D").
  std::stable_sort(links.begin(), links.end(),
                   [](const web::NavLink& a, const web::NavLink& b) { return text::compare_vi(a.label, b.label) < 0; });
  mstch::array areas;
  for (const auto& l : links)
    areas.push_back(mstch::map{{"href", l.href}, {"label", l.label}, {"about", l.about}});
  bool has_areas = !areas.empty();
  mstch::map c{{"title", ctx.pages.catalog().get(req.lang, "site.admin.title")},
               {"areas", std::move(areas)},
               {"has_areas", has_areas}};
  return ctx.pages.render(req, "admin_index", std::move(c));
}

// POST /lang: remembers the chosen language for a year, then returns to the page it came from.
http::Response switch_language(app::Context& ctx, const http::Request& req) {
  std::string lang(req.form.get_or("lang", ""));
  if (!ctx.pages.catalog().supports(lang))
    throw http::Error(http::ErrorKind::invalid_input, "unsupported language", "error.invalid_input.language");
  http::Response r = http::Response::redirect(req.form.get_or("next", "/"));
  http::SetCookie cookie{.name = "lang", .value = lang, .max_age = 365LL * 24 * 3600, .secure = req.secure};
  r.set_cookie(cookie);
  return r;
}

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/", home);
  on.add("GET", "/about", about);
  on.add("GET", "/design", design);
  on.add("GET", "/admin", admin_index);
  on.add("POST", "/lang", switch_language,
         {.body_limit = 4096, .csrf = permissions::csrf_token(permissions::Route::language_switch)});
  router.add("GET", "/static/{path...}",
             [&ctx](http::Request& req) { return ctx.statics.serve(req, req.param("path")); },
             {.run_inline = true});
  router.add("GET", "/api/openapi.json", [](http::Request&) { return api_description(); }, {.run_inline = true});
}

}  // namespace tinhso::site
