// The desk search's filters and flags (issue 6 parts 2 and 4: "mass and long-running cases
// first"), and its redacted CSV export (part 5): the same filters, UTF-8 with a byte-order mark and
// Vietnamese headers, audited. A denouncer's identity is never in it: sealed data is never opened
// for an export (Law on Denunciations 2018 Art. 8(3), 47(2)), so the filer and representative
// columns of a denunciation hold the redaction text; no petition's content is exported (a letter's
// text may name its writer), only its subject.
#include <map>

#include "core/auth/guard.h"
#include "core/http/form.h"
#include "core/util/csv.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/petitions/desk_entry.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/desk_view.h"
#include "modules/petitions/permissions.h"

namespace tinhso::petitions {

namespace {

using desk::View;

constexpr int kPriorityRows = 10;
constexpr int kExportCap = 5000;

using web::query;

// The filters as a query string, for the export link and the next page.
std::string filter_query(const Filter& f) {
  std::string out;
  auto add = [&](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + http::percent_encode(value);
  };
  add("q", f.q);
  add("kind", f.kind);
  add("state", f.state);
  add("overdue", f.overdue_on.empty() ? "" : "1");
  add("mass", f.mass ? "1" : "");
  add("long_running", f.long_running ? "1" : "");
  add("agency", f.agency_id > 0 ? std::to_string(f.agency_id) : "");  // read back only for sees_all
  add("unit", f.admin_unit_id ? std::to_string(f.admin_unit_id) : "");
  return out;
}

// The filters without the search words (which may name people): what the export's audit
// record keeps.
Filter without_words(Filter f) {
  f.q.clear();
  return f;
}

const auth::Principal& require_desk(const http::Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(is_desk_staff(p), "petitions desk");
  return p;
}

std::string representatives_cell(const View& v, const Petition& x,
                                 const std::map<std::int64_t, std::vector<Representative>>& groups) {
  if (x.kind == Kind::denunciation) return x.group_size > 1 ? v.t("petitions_desk.export.redacted") : std::string();
  auto it = groups.find(x.id);
  if (it == groups.end()) return {};
  std::string out;
  for (const auto& r : it->second) out += (out.empty() ? "" : "; ") + r.name + (r.contact.empty() ? "" : " (" + r.contact + ")");
  return out;
}

http::Response export_csv(app::Context& ctx, const http::Request& req) {
  const auto& p = require_desk(req);
  View v{ctx, req};
  Filter f = desk_filter(ctx, req, p);
  f.limit = kExportCap + 1;
  f.offset = 0;
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: spreadsheets then read Vietnamese correctly
  const char* headers[] = {"code", "kind", "state", "channel", "agency", "subject", "received", "resolve_due",
                           "group_size", "mass", "long_running", "filer", "contact", "representatives"};
  for (std::size_t i = 0; i < std::size(headers); ++i)
    out += (i ? "," : "") + csv_field(v.t(std::string("petitions_desk.export.") + headers[i]));
  out += "\r\n";
  int rows = 0;
  bool truncated = false;
  // Four statements whatever the number of rows: the rows, the agencies' names, the groups'
  // representatives over the rows' time span, the audit record.
  const auto rec = audit::for_request(ctx, req);
  ctx.db.transaction([&](soci::session& s) {
    auto found = search_petitions(s, f);
    truncated = found.size() > static_cast<std::size_t>(kExportCap);
    if (truncated) found.pop_back();
    std::map<std::int64_t, std::string> agencies;
    for (const auto& a : directory::active_agencies(s)) agencies[a.id] = a.name;
    std::map<std::int64_t, std::vector<Representative>> groups;
    if (!found.empty()) groups = group_representatives(s, f.agency_id, found.back().received_at);
    const std::string& redacted = v.t("petitions_desk.export.redacted");
    const std::string& yes = v.t("petitions_desk.export.yes");
    for (const auto& x : found) {
      if (!in_scope(p, x)) continue;
      ++rows;
      const bool secret = x.kind == Kind::denunciation;
      for (const std::string& cell :
           {x.code, v.t("petitions.kind." + std::string(kind_code(x.kind))), v.t("petitions.state." + std::string(state_code(x.state))),
            v.t("petitions_desk.channel." + std::string(channel_code(x.channel))), agencies[x.agency_id], x.subject,
            x.received_at.substr(0, 10), x.resolve_due, std::to_string(x.group_size), is_mass(x.group_size) ? yes : "",
            x.long_running ? yes : "", secret ? redacted : x.filer_name, secret ? redacted : x.filer_contact})
        out += csv_field(cell) + ",";
      out += csv_field(representatives_cell(v, x, groups)) + "\r\n";
    }
    rec(s, {"petition.export", "petition", "", "",
            "rows " + std::to_string(rows) + (truncated ? " truncated" : "") + " " + filter_query(without_words(f))});
  });
  if (truncated) out += csv_field(ctx.pages.catalog().format(req.lang, "petitions_desk.export.truncated",
                                                             {{"rows", std::to_string(kExportCap)}})) + "\r\n";
  http::Response resp = http::Response::text(std::move(out), "text/csv; charset=utf-8");
  if (truncated) resp.headers.set("X-Export-Truncated", std::to_string(kExportCap));
  resp.headers.set("Content-Disposition", "attachment; filename=\"petitions.csv\"");
  resp.headers.set("Cache-Control", "no-store");
  return resp;
}

}  // namespace

Filter desk_filter(app::Context& ctx, const http::Request& req, const auth::Principal& p) {
  Filter f;
  f.q = std::string(utf8_prefix(query(req, "q"), 200));
  f.kind = parse_kind(query(req, "kind")) ? query(req, "kind") : "";
  f.state = parse_state(query(req, "state")) ? query(req, "state") : "";
  if (query(req, "overdue") == "1") f.overdue_on = calendar::format_date(desk::today(ctx));
  f.mass = query(req, "mass") == "1";
  f.long_running = query(req, "long_running") == "1";
  // Staff outside the province-wide roles search their own agency's petitions; inspectors and
  // the province leader may narrow to one agency (issue 6 §8). Both may narrow to the admin unit
  // where the matter arose. A malformed id is a 400 (web::query_id).
  f.agency_id = sees_all(p) ? web::query_id(req, "agency").value_or(0) : p.agency_id.value_or(-1);
  f.admin_unit_id = web::query_id(req, "unit").value_or(0);
  return f;
}

void add_row_flags(const Petition& x, mstch::map& row) {
  row["mass"] = is_mass(x.group_size);
  row["group_size"] = std::to_string(x.group_size);
  row["long_running"] = x.long_running;
}

void add_desk_list_context(app::Context& ctx, const http::Request& req, const Filter& f, bool first_page, mstch::map& c) {
  View v{ctx, req};
  const std::string q = filter_query(f);
  c["mass"] = f.mass;
  c["long_running"] = f.long_running;
  c["export_url"] = "/petitions/desk/export.csv" + (q.empty() ? "" : "?" + q);
  c["filter_query"] = q;
  if (!first_page) return;
  // The box is the scope's open mass and long-running cases, whatever the search: with only the
  // scope and the flag in the statement, the partial index petitions_flagged(_agency) serves it
  // (with the search's state or words too, SQLite prefers (agency, state) and reads every row of
  // that state: 80 ms at 1 M petitions, docs/BENCHMARKS.md).
  Filter pf;
  pf.agency_id = f.agency_id;
  pf.flagged = true;
  pf.limit = kPriorityRows;
  pf.offset = 0;
  mstch::array rows;
  ctx.db.with_session([&](soci::session& s) {
    for (const auto& x : search_petitions(s, pf)) {
      mstch::map row{{"code", x.code},
                     {"url", "/petitions/desk/" + std::to_string(x.id)},
                     {"subject", x.subject},
                     {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                     {"received", v.time(x.received_at)}};
      add_row_flags(x, row);
      rows.push_back(row);
    }
  });
  c["priority"] = rows;
  c["has_priority"] = !rows.empty();
  // The scope's steps past their due day, the most overdue first (petition.h pending_due: the
  // forwarding, acceptance and extension notices and the decision's sending as well as the
  // resolution), whatever the search: one range of the partial index petitions_pending(_agency).
  Filter lf;
  lf.agency_id = f.agency_id;
  const calendar::Date today = desk::today(ctx);
  lf.overdue_on = calendar::format_date(today);
  lf.by_due = true;
  lf.limit = kPriorityRows;
  lf.offset = 0;
  mstch::array late;
  ctx.db.with_session([&](soci::session& s) {
    for (const auto& x : search_petitions(s, lf)) {
      mstch::array steps;
      for (Step step : overdue_steps(x, today)) steps.push_back(v.t("petitions.step." + std::string(step_code(step))));
      late.push_back(mstch::map{{"code", x.code},
                                {"url", "/petitions/desk/" + std::to_string(x.id)},
                                {"subject", x.subject},
                                {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                                {"due", v.date(x.pending_due)},
                                {"steps", steps}});
    }
  });
  c["late"] = late;
  c["has_late"] = !late.empty();
}

void add_desk_search_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/petitions/desk/export.csv", export_csv, {.long_running = true});
}

}  // namespace tinhso::petitions
