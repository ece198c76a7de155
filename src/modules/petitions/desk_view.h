#pragma once
// Small helpers the desk's handler files share (desk_entry.cpp, desk_links.cpp, desk_search.cpp):
// the request kit (core/web: View, field) and today's date.
#include <string>
#include <string_view>

#include "core/app/module.h"
#include "core/calendar/date.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/view.h"

namespace tinhso::petitions::desk {

using web::field;
using web::View;

inline calendar::Date today(app::Context& ctx) { return calendar::to_local(ctx.clock.now()).day; }

}  // namespace tinhso::petitions::desk

namespace tinhso::petitions {
// The routes of each desk file; add_desk_routes (desk_entry.h) adds them all.
void add_desk_entry_routes(http::Router& router, app::Context& ctx);
void add_desk_link_routes(http::Router& router, app::Context& ctx);
void add_desk_search_routes(http::Router& router, app::Context& ctx);
}  // namespace tinhso::petitions
