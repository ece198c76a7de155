#pragma once
// Small helpers the desk's handler files share (desk_entry.cpp, desk_links.cpp, desk_search.cpp):
// catalog look-ups in the request's language, dates as the person reads them, trimmed form fields.
#include <string>
#include <string_view>

#include "core/app/module.h"
#include "core/calendar/date.h"
#include "core/text/format.h"
#include "core/util/strings.h"

namespace tinhso::petitions::desk {

struct View {
  app::Context& ctx;
  const http::Request& req;
  const std::string& t(std::string_view id) const { return ctx.pages.catalog().get(req.lang, id); }
  std::string time(const std::string& iso) const {
    return iso.empty() ? std::string() : text::format_datetime(auth::parse_iso_utc(iso), req.lang);
  }
  std::string date(const std::string& ymd) const {
    if (ymd.empty()) return {};
    auto d = calendar::parse_local_moment(ymd);
    return d ? text::format_date(d->day, req.lang) : ymd;
  }
};

inline std::string field(const http::Request& req, std::string_view name) {
  return std::string(trim(req.form.get_or(name, "")));
}

inline calendar::Date today(app::Context& ctx) { return calendar::to_local(ctx.clock.now()).day; }

}  // namespace tinhso::petitions::desk

namespace tinhso::petitions {
// The routes of each desk file; add_desk_routes (desk_entry.h) adds them all.
void add_desk_entry_routes(http::Router& router, app::Context& ctx);
void add_desk_link_routes(http::Router& router, app::Context& ctx);
void add_desk_search_routes(http::Router& router, app::Context& ctx);
}  // namespace tinhso::petitions
