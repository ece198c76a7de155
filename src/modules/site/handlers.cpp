#include "modules/site/handlers.h"

#include <algorithm>
#include <stdexcept>

#include "core/http/cookie.h"
#include "core/http/errors.h"
#include "core/util/embedded.h"
#include "core/web/routes.h"
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
  on.add("POST", "/lang", switch_language,
         {.body_limit = 4096, .csrf = permissions::csrf_token(permissions::Route::language_switch)});
  router.add("GET", "/static/{path...}",
             [&ctx](http::Request& req) { return ctx.statics.serve(req, req.param("path")); },
             {.run_inline = true});
  router.add("GET", "/api/openapi.json", [](http::Request&) { return api_description(); }, {.run_inline = true});
}

}  // namespace tinhso::site
