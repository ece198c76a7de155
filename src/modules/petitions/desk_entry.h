#pragma once
// The officers' desk beyond the transition table (issue 6 parts 1 and 5):
//   GET  /petitions/desk/new          the desk form: a letter or an in-person visit (desk_entry.cpp)
//   POST /petitions/desk/new          records it in `received`; the clocks run from the received day
//   POST /petitions/desk/{id}/links   links it to an earlier petition, same matter or duplicate
//                                     (desk_links.cpp)
//   POST /petitions/desk/{id}/unlink  removes such a link
//   GET  /petitions/desk/export.csv   the desk search as CSV, denouncers redacted (desk_search.cpp)
// Who: recording needs a role that may_receive (workflow.h); linking and exporting any desk
// staff; every petition touched must be in the caller's scope (permissions.h).
#include <mstch/mstch.hpp>

#include "core/app/module.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

void add_desk_routes(http::Router& router, app::Context& ctx);

// The desk search's filters from the query string (the list and the export share them): q, kind,
// state, overdue=1, mass=1, long_running=1; limited to the caller's agency unless sees_all.
Filter desk_filter(app::Context& ctx, const http::Request& req, const auth::Principal& p);

// What the desk list adds to its page: the flag filters, the priority box (open mass and
// long-running petitions first, page 1 only) and the export link for the same filters.
void add_desk_list_context(app::Context& ctx, const http::Request& req, const Filter& f, bool first_page, mstch::map& c);
// The flags a desk list row shows.
void add_row_flags(const Petition& x, mstch::map& row);

// What a petition's desk page adds: channel, group and representatives, late-filing reason,
// long-running flag, the second-complaint link either way, the links to other petitions and up to
// five suggested repeats with their link buttons.
void add_desk_context(app::Context& ctx, const http::Request& req, const auth::Principal& p, const Petition& x,
                      mstch::map& c);

}  // namespace tinhso::petitions
