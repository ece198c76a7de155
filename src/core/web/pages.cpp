#include "core/web/pages.h"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/auth/principal.h"
#include "core/http/form.h"

namespace tinhso::web {

Pages::Pages(const text::Templates& templates, const text::Catalog& catalog, const http::StaticFiles& statics)
    : templates_(templates), catalog_(catalog), statics_(statics) {}

void Pages::prepare(http::Request& req) const {
  std::string cookie;
  if (auto c = req.headers.get("Cookie")) {
    auto cookies = http::parse_cookies(*c);
    if (auto it = cookies.find(kLangCookie); it != cookies.end()) cookie = it->second;
  }
  req.lang = text::negotiate_language(cookie, req.headers.get_or("Accept-Language", ""), catalog_.languages());
}

void Pages::enable_feature(std::string_view name) {
  std::lock_guard lock(mu_);
  features_[std::string(name)] = true;
}

void Pages::set_site_name(std::string_view lang, std::string name) {
  std::lock_guard lock(mu_);
  site_names_[std::string(lang)] = std::move(name);
}

void Pages::add_nav(NavEntry entry) {
  std::lock_guard lock(mu_);
  nav_.push_back(std::move(entry));
}

namespace {

bool shown_to(const NavEntry& e, const auth::Principal* p) {
  if (!p) return e.anonymous;
  return std::any_of(e.roles.begin(), e.roles.end(), [&](auth::Role r) { return p->has(r); });
}

// The menu entry of `path` and of the pages below it ("/things" for "/things/12").
bool is_current(std::string_view href, std::string_view path) {
  if (href == "/" || !path.starts_with(href)) return path == href;
  return path.size() == href.size() || path[href.size()] == '/';
}

}  // namespace

std::optional<std::string> Pages::home_of(const auth::Principal& p) const {
  std::lock_guard lock(mu_);
  for (auto e = nav_.rbegin(); e != nav_.rend(); ++e)
    if (std::any_of(e->home_of.begin(), e->home_of.end(), [&](auth::Role r) { return p.has(r); })) return e->href;
  return std::nullopt;
}

std::vector<NavLink> Pages::links(const auth::Principal& p, NavPlace place, std::string_view lang) const {
  std::lock_guard lock(mu_);
  std::vector<NavLink> out;
  for (const auto& e : nav_)
    if (e.place == place && shown_to(e, &p))
      out.push_back({e.href, catalog_.get(lang, e.label_id), e.about_id.empty() ? std::string() : catalog_.get(lang, e.about_id)});
  return out;
}

mstch::map Pages::common(const http::Request& req) const {
  mstch::array switch_to;
  for (const auto& l : catalog_.languages()) {
    if (l == req.lang) continue;
    switch_to.push_back(mstch::map{{"code", l}, {"label", catalog_.get(l, "lang.self")}});
  }
  std::string site;
  mstch::map features;
  mstch::array nav;
  {
    std::lock_guard lock(mu_);
    auto it = site_names_.find(req.lang);
    if (it != site_names_.end()) site = it->second;
    features = features_;
    for (const auto& e : nav_)
      if (e.place == NavPlace::menu && shown_to(e, req.principal.get()))
        nav.push_back(mstch::map{{"href", e.href},
                                 {"label", catalog_.get(req.lang, e.label_id)},
                                 {"current", is_current(e.href, req.path)}});
  }
  auto year = static_cast<int>(std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())).year());
  std::string path = req.path.empty() ? "/" : req.path;
  if (!req.query.empty()) path += "?" + req.query;
  mstch::map user;
  if (req.principal) {
    user = mstch::map{{"name", req.principal->display_name},
                      {"is_staff", req.principal->is_staff()},
                      {"role", std::string(req.principal->primary_role())}};
  }
  return mstch::map{
      {"lang", req.lang},
      {"user", req.principal ? mstch::node(user) : mstch::node(false)},
      {"csrf", req.principal ? req.principal->csrf_token : std::string()},
      {"site_name", site},
      {"features", features},
      {"nav", nav},
      {"css", statics_.url("css/site.css")},
      {"favicon", statics_.url("img/favicon.svg")},
      {"switch_to", switch_to},
      {"path", http::is_local_path(path) ? path : std::string("/")},
      {"year", std::to_string(year)},
  };
}

http::Response Pages::render(const http::Request& req, std::string_view page, mstch::map context, int status) const {
  mstch::map ctx = common(req);
  for (auto& [k, v] : context) ctx[k] = std::move(v);
  // The message tree ({{t.…}}) is shared, not copied into every page's context.
  const mstch::map* base = &catalog_.base(req.lang);
  std::string content = templates_.render(page, ctx, base);
  ctx["content"] = std::move(content);
  http::Response r = http::Response::html(templates_.render("layout", ctx, base), status);
  // The language depends on the cookie and Accept-Language: caches must not mix them.
  r.headers.set("Content-Language", req.lang);
  r.headers.set("Vary", "Cookie, Accept-Language");
  r.headers.set("Cache-Control", "no-cache");
  return r;
}

http::Response Pages::error(const http::Request& req, const http::Error& e) const {
  std::string kind(http::name_of(e.kind()));
  int status = http::status_of(e.kind());
  const std::string& title = catalog_.get(req.lang, "error." + kind + ".title");
  std::string detail_id = e.message_id().empty() ? "error." + kind + ".detail" : e.message_id();
  std::string detail = catalog_.format(req.lang, detail_id, {{"request_id", req.request_id}});
  if (req.is_api()) {
    nlohmann::json problem = {{"type", "urn:tinhso:problem:" + kind}, {"title", title}, {"status", status},
                              {"detail", detail}, {"instance", req.path}, {"request_id", req.request_id}};
    // The path may hold invalid UTF-8 (it is client data): replace it rather than throw.
    http::Response r = http::Response::text(problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                            "application/problem+json", status);
    r.headers.set("Content-Language", req.lang);
    r.headers.set("Cache-Control", "no-store");
    return r;
  }
  // A page that needs sign-in, opened by a browser: go to the sign-in page and come back after.
  if (e.kind() == http::ErrorKind::unauthenticated && (req.method == "GET" || req.method == "HEAD")) {
    // A target too long to come back to (its encoding would overflow a client's header limit)
    // comes back to its path, or home.
    constexpr std::size_t kMaxNext = 1024;
    std::string next = req.path + (req.query.empty() ? "" : "?" + req.query);
    if (next.size() > kMaxNext) next = req.path.size() > kMaxNext ? "/" : req.path;
    http::Response r = http::Response::redirect("/login?next=" + http::percent_encode(next));
    r.headers.set("Cache-Control", "no-store");
    return r;
  }
  // Signed in, but the second factor is still pending: go and give it, then come back.
  if (e.message_id() == "error.forbidden.second_factor" && (req.method == "GET" || req.method == "HEAD")) {
    http::Response r = http::Response::redirect("/account/2fa");
    r.headers.set("Cache-Control", "no-store");
    return r;
  }
  mstch::map ctx{{"title", title}, {"detail", detail}, {"status", std::to_string(status)},
                 {"request_id", req.request_id}, {"is_internal", e.kind() == http::ErrorKind::internal}};
  http::Response r = render(req, "error", std::move(ctx), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace tinhso::web
