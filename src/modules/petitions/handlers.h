#pragma once
// The petitions module's HTTP routes (handlers.cpp).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mstch/mstch.hpp>
#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/directory/api.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

void add_routes(http::Router& router, app::Context& ctx);
// Sets x.accept_due, resolve_due and inform_due from its kind, circumstances, received and
// accepted moments (rules.h deadlines()) on the current working-day calendar.
void set_due_days(app::Context& ctx, Petition& x);
// The design system's status tag class of a state: "tag-new" (received), "tag-waiting" (being
// handled), "tag-done" (decided, notified, closed, forwarded, guided), "tag-refused".
std::string_view state_tag(State st);
// The problems of a form (field, message) for its template: "errors" and "has_errors" for the
// error summary (partial petition_errors: links to #f-<field>), and per field "error_<field>",
// its messages joined, shown at the field (the design system's `field has-error`).
void add_problems(mstch::map& c, const std::vector<std::pair<std::string, std::string>>& problems);

// "Địa bàn xảy ra vụ việc" (issue 6 §2), on the online form and the desk form: the admin unit
// where the matter arose, optional. Its remote flag gives the longer complaint periods
// (rules.h remote_area).
// The <option>s: "" (not given) first, then every admin unit valid today in Vietnamese order
// (directory::active_units: one statement), a remote one marked so; a name two units share gets
// the unit's code.
mstch::array admin_unit_options(app::Context& ctx, const http::Request& req, soci::session& s,
                                const std::string& selected);
// The unit the form's `value` names: no unit when `value` is empty; `bad` when it is not the id
// of a unit valid today (the form then answers 422 and stores nothing).
struct UnitChoice {
  std::optional<directory::UnitRef> unit;
  bool bad = false;
};
UnitChoice choose_admin_unit(app::Context& ctx, soci::session& s, const std::string& value);

}  // namespace tinhso::petitions
