#include "modules/overview/api.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "core/auth/guard.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/directory/api.h"
#include "modules/dossiers/api.h"
#include "modules/overview/permissions.h"
#include "modules/petitions/api.h"

namespace tinhso::overview {

namespace {

struct Row {
  std::int64_t agency_id = 0;
  std::string name;
  dossiers::AgencyLateness d;
  petitions::AgencyLateness p;
};

// One cell: the count, and a link to the list it counts when there is one and it is not zero.
mstch::map cell(const web::View& v, long long n, const std::string& href, bool late) {
  return mstch::map{{"n", text::format_integer(n, v.req.lang)}, {"href", n > 0 ? href : std::string()},
                    {"late", late && n > 0}};
}

// The open work of the agencies in `sc` on day `today` (due soon: until `soon`), one row per
// agency with anything open, most overdue first, then by name in Vietnamese order.
std::vector<Row> lateness_rows(app::Context& ctx, const permissions::Scope& sc, const std::string& today,
                               const std::string& soon) {
  std::map<std::int64_t, Row> rows;
  ctx.db.with_session([&](soci::session& db) {
    for (const auto& x : dossiers::lateness_by_agency(db, sc.dossier_agencies, today, soon)) rows[x.agency_id].d = x;
    for (const auto& x : petitions::lateness_by_agency(db, sc.petition_agencies, today, soon)) rows[x.agency_id].p = x;
    for (const auto& a : directory::all_agencies(db))
      if (auto it = rows.find(a.id); it != rows.end()) it->second.name = a.name;
  });
  std::vector<Row> sorted;
  for (auto& [id, r] : rows) {
    r.agency_id = id;
    sorted.push_back(r);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) {
    long long la = a.d.overdue + a.p.overdue, lb = b.d.overdue + b.p.overdue;
    if (la != lb) return la > lb;
    return text::compare_vi(a.name, b.name) < 0;
  });
  return sorted;
}

// One table row; its links lead to the lists its counts count: a province leader's per agency,
// an agency leader's own.
mstch::map table_row(const web::View& v, const Row& r, bool province_wide) {
  const std::string id = std::to_string(r.agency_id);
  const std::string d_overdue = province_wide ? "/statistics/dossiers?agency=" + id : "/work?due=overdue";
  const std::string d_soon = province_wide ? "" : "/work?due=due_soon";
  const std::string p_overdue = province_wide ? "/petitions/desk?overdue=1&agency=" + id : "/petitions/desk?overdue=1";
  return mstch::map{{"agency", r.name},
                    {"d_open", cell(v, r.d.open, "", false)},
                    {"d_overdue", cell(v, r.d.overdue, d_overdue, true)},
                    {"d_soon", cell(v, r.d.due_soon, d_soon, false)},
                    {"p_open", cell(v, r.p.open, "", false)},
                    {"p_overdue", cell(v, r.p.overdue, p_overdue, true)}};
}

// GET /overview: what is late in the leader's scope today (Viet Nam's day, the injected clock).
http::Response overview(app::Context& ctx, const http::Request& req) {
  const auth::Principal& who = auth::require_login(req);
  const std::optional<permissions::Scope> allowed = permissions::scope(who);
  if (!allowed.has_value()) {
    auth::require(false, "view the lateness overview");
    throw std::logic_error("auth::require(false) returned");
  }
  const permissions::Scope& sc = allowed.value();
  web::View v{ctx, req};
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  const calendar::Date soon = ctx.calendar.current()->next_working_day(today).value_or(today);
  const std::string t = calendar::format_date(today), s = calendar::format_date(soon);
  long long dossiers_late = 0, petitions_late = 0;
  mstch::array list;
  for (const auto& r : lateness_rows(ctx, sc, t, s)) {
    dossiers_late += r.d.overdue;
    petitions_late += r.p.overdue;
    list.push_back(table_row(v, r, sc.province_wide));
  }
  const bool empty = list.empty();
  mstch::map c{{"title", v.t("overview.title")},
               {"today", v.date(t)},
               {"today_iso", t},
               {"soon", v.date(s)},
               {"rows", std::move(list)},
               {"empty", empty},
               {"province_wide", sc.province_wide},
               {"dossiers_late", text::format_integer(dossiers_late, req.lang)},
               {"petitions_late", text::format_integer(petitions_late, req.lang)},
               {"dossiers_late_href", sc.province_wide ? std::string() : std::string("/work?due=overdue")},
               {"petitions_late_href", std::string("/petitions/desk?overdue=1")}};
  return ctx.pages.render(req, "overview_late", std::move(c));
}

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/overview", overview);
}

}  // namespace

app::Module module() {
  app::Module m;
  m.name = "overview";
  m.add_routes = add_routes;
  // No menu entry: the leaders' dashboard (indicators module) is their home and links here.
  return m;
}

}  // namespace tinhso::overview
