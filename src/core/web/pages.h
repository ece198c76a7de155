#pragma once
// Page rendering shared by every module: a page template inside the one layout
// (templates/layout.mustache), with the language's messages ({{t.*}}), the language switch,
// fingerprinted asset URLs and the site's name. Also renders errors: an HTML page, or
// application/problem+json (RFC 9457) under /api/.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/auth/principal.h"
#include "core/http/errors.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/static_files.h"
#include "core/text/catalog.h"
#include "core/text/templates.h"

namespace tinhso::web {

// Cookie that stores the chosen language.
inline constexpr std::string_view kLangCookie = "lang";

// A link of the main menu: the page and the catalog id of its label, and who sees it: visitors
// who are not signed in (`anonymous`) and signed-in holders of any of `roles`. Each role's menu
// holds only the pages its guards let it open.
// Where a NavEntry is offered: the main menu of every page, or the index of the administration
// area (/admin), which keeps the administrator's menu to one line.
enum class NavPlace { menu, admin };

struct NavEntry {
  std::string href;
  std::string label_id;
  bool anonymous = false;
  std::vector<auth::Role> roles;
  // The roles that land on this page after signing in (their home); for a role several modules
  // name, the last entry declared wins: a module registered later (one that builds on others,
  // e.g. the leaders' overview) takes over the home an earlier one offered.
  std::vector<auth::Role> home_of = {};
  NavPlace place = NavPlace::menu;
  // NavPlace::admin: the message that says what the area is for, shown under its link.
  std::string about_id = {};
};

// An entry as shown to one reader: its link, label and description in the reader's language.
struct NavLink {
  std::string href;
  std::string label;
  std::string about;
};

class Pages {
 public:
  Pages(const text::Templates& templates, const text::Catalog& catalog, const http::StaticFiles& statics);

  // Chooses req.lang from the `lang` cookie, then Accept-Language, default Vietnamese.
  void prepare(http::Request& req) const;
  // Renders templates/<page>.mustache in the layout. `context` may set "title" (already
  // translated); the common keys (lang, t, assets, site, path) are added here.
  http::Response render(const http::Request& req, std::string_view page, mstch::map context, int status = 200) const;
  // The error response for `e`; only catalog text and the request id reach the client.
  http::Response error(const http::Request& req, const http::Error& e) const;
  // The site's display name per language (e.g. the province), shown in the layout.
  void set_site_name(std::string_view lang, std::string name);
  // Marks an optional feature as present ({{#features.NAME}} in templates), so that the layout
  // links only what exists (e.g. "accounts" once some module serves /login).
  void enable_feature(std::string_view name);
  // Appends a link to the main menu ({{#nav}} in the layout: href, label, current) or to the
  // administration index (NavEntry::place), shown to its audience only.
  void add_nav(NavEntry entry);
  // Where `p` lands after signing in: the last menu entry that is the home of one of p's roles;
  // nullopt when no module declared one.
  std::optional<std::string> home_of(const auth::Principal& p) const;
  // The entries of `place` that `p` may see, in declaration (module) order.
  std::vector<NavLink> links(const auth::Principal& p, NavPlace place, std::string_view lang) const;

  const text::Catalog& catalog() const { return catalog_; }
  const text::Templates& templates() const { return templates_; }

 private:
  mstch::map common(const http::Request& req) const;

  const text::Templates& templates_;
  const text::Catalog& catalog_;
  const http::StaticFiles& statics_;
  mutable std::mutex mu_;
  std::map<std::string, std::string, std::less<>> site_names_;
  mstch::map features_;
  std::vector<NavEntry> nav_;
};

}  // namespace tinhso::web
