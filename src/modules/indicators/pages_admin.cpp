// The administrators' page of indicators (issue 17 §1–2):
//   GET  /admin/indicators               import form, exports, the target form
//   POST /admin/indicators/import        the catalogue as CSV (file or pasted): every row checked
//                                        first, then all written in one transaction, or none
//   GET  /admin/indicators/export.csv    the catalogue (the import's columns)
//   GET  /admin/indicators/export.xlsx
//   POST /admin/indicators/targets       sets a target or milestone of (indicator, unit, year)
#include "core/auth/guard.h"
#include "core/document/xlsx.h"
#include "core/document/xlsx_read.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/indicators/api.h"
#include "modules/indicators/catalogue_file.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/permissions.h"
#include "modules/indicators/store.h"
#include "modules/indicators/usecases.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

const web::FieldRefs kTargetFields = {{"indicator", {"t-indicator", "indicators.target.field.indicator"}},
                                      {"agency", {"t-unit", "indicators.target.field.unit"}},
                                      {"year", {"t-year", "indicators.target.field.year"}},
                                      {"value", {"t-value", "indicators.target.field.value"}},
                                      {"baseline_year", {"t-baseline-year", "indicators.target.field.baseline_year"}},
                                      {"baseline_value", {"t-baseline-value", "indicators.target.field.baseline_value"}},
                                      {"document", {"t-document", "indicators.target.field.document"}}};

void require_manage(const Request& req) {
  auth::require_login(req);
  auth::require(may_manage(req.principal.get()), "manage the indicator catalogue");
}

Response admin_page(app::Context& ctx, const Request& req, mstch::map extra, int status,
                    const std::vector<web::FieldProblem>& target_problems = {}) {
  web::View v{ctx, req};
  auto [list, agencies] = ctx.db.with_session(
      [](soci::session& s) { return std::make_pair(list_indicators(s), directory::active_agencies(s)); });
  const std::string chosen = web::field(req, "indicator");
  mstch::array indicators;
  for (const auto& i : list)
    indicators.push_back(mstch::map{{"code", i.code}, {"name", i.code + " — " + name_of(v, i)}, {"selected", i.code == chosen}});
  mstch::array units{mstch::map{{"id", std::string()}, {"name", v.t("indicators.unit.province")}}};
  for (const auto& a : agencies) units.push_back(mstch::map{{"id", std::to_string(a.id)}, {"name", a.name}});
  mstch::map c{{"title", v.t("indicators.admin.title")},
               {"indicators", indicators},
               {"units", units},
               {"count", text::format_integer(static_cast<std::int64_t>(list.size()), req.lang)},
               {"form_year", web::field(req, "year")},
               {"form_value", web::field(req, "value")},
               {"form_baseline_year", web::field(req, "baseline_year")},
               {"form_baseline_value", web::field(req, "baseline_value")},
               {"form_document", web::field(req, "document")},
               {"form_note", web::field(req, "note")}};
  for (auto& [k, x] : extra) c[k] = std::move(x);
  web::put_field_errors(c, v, target_problems, kTargetFields);
  Response r = ctx.pages.render(req, "indicators_admin", std::move(c), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

struct Rejected {
  ImportResult result;
};

Response import_post(app::Context& ctx, const Request& req) {
  require_manage(req);
  web::View v{ctx, req};
  const audit::Recorder rec = audit::for_request(ctx, req);
  const std::string text = web::upload_or_field(ctx.files, req, "text");
  CatalogueParse parsed = document::looks_like_xlsx(text) ? parse_catalogue_xlsx(text) : parse_catalogue(text);
  ImportResult result;
  result.problems = parsed.problems;
  if (result.problems.empty()) {
    const auto cal = ctx.calendar.current();
    try {
      result = ctx.db.transaction([&](soci::session& s) {
        ImportResult r = import_catalogue(Env{s, ctx.clock, *cal, rec, settings(ctx).entry_working_days}, parsed.rows);
        if (!r.problems.empty()) throw Rejected{r};
        return r;
      });
    } catch (const Rejected& r) {
      result = r.result;
    }
  }
  if (!result.problems.empty()) {
    mstch::array problems;
    for (const auto& p : result.problems)
      problems.push_back(mstch::map{{"line", std::to_string(p.line)}, {"message", v.t(p.message_id)}, {"detail", p.detail}});
    return admin_page(ctx, req, {{"import_problems", problems}, {"has_import_problems", true}}, 422);
  }
  return admin_page(ctx, req,
                    {{"imported", v.f("indicators.admin.imported", {{"created", std::to_string(result.created)},
                                                                     {"updated", std::to_string(result.updated)}})}},
                    200);
}

std::map<std::int64_t, std::string> agency_codes(soci::session& s) {
  std::map<std::int64_t, std::string> out;
  for (const auto& a : directory::all_agencies(s)) out[a.id] = a.code;
  return out;
}

Response export_csv(app::Context& ctx, const Request& req) {
  require_manage(req);
  std::string out = ctx.db.with_session([](soci::session& s) { return catalogue_csv(list_indicators(s), agency_codes(s)); });
  Response r = Response::text(std::move(out), "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"indicators.csv\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Response export_xlsx(app::Context& ctx, const Request& req) {
  require_manage(req);
  web::View v{ctx, req};
  document::Sheet sheet;
  sheet.name = "indicators";
  for (const auto& col : kColumns) sheet.columns.push_back({col, col == "name" || col == "definition" ? 50.0 : 0.0, 1});
  ctx.db.with_session([&](soci::session& s) {
    auto codes = agency_codes(s);
    for (const auto& i : list_indicators(s)) {
      std::vector<document::Cell> row;
      for (auto& f : catalogue_row(i, codes[i.agency_id])) row.emplace_back(std::move(f));
      sheet.rows.push_back(std::move(row));
    }
  });
  document::Workbook book{v.t("indicators.admin.title"), {sheet}, ctx.clock.now()};
  Response r = Response::text(document::write_xlsx(book),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.headers.set("Content-Disposition", "attachment; filename=\"indicators.xlsx\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Response target_post(app::Context& ctx, const Request& req) {
  require_manage(req);
  const audit::Recorder rec = audit::for_request(ctx, req);
  TargetInput in;
  in.indicator_code = web::field(req, "indicator");
  in.agency_id = web::field_id(req, "agency").value_or(0);
  const std::string year = web::field(req, "year");
  in.year = year.size() == 4 && std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })
                ? std::stoi(year)
                : 0;
  in.milestone = web::field(req, "kind") == "milestone";
  in.value = web::field(req, "value");
  in.baseline_year = web::field(req, "baseline_year");
  in.baseline_value = web::field(req, "baseline_value");
  in.document = web::field(req, "document");
  in.note = web::field(req, "note");
  const auto cal = ctx.calendar.current();
  TargetResult r = ctx.db.transaction(
      [&](soci::session& s) { return set_target(Env{s, ctx.clock, *cal, rec, settings(ctx).entry_working_days}, in); });
  if (!r.problems.empty()) {
    std::vector<web::FieldProblem> problems;
    for (const auto& p : r.problems) problems.push_back({p.field, p.message_id});
    return admin_page(ctx, req, {}, 422, problems);
  }
  return Response::redirect("/indicators/" + in.indicator_code + (in.agency_id ? "?unit=" + std::to_string(in.agency_id) : ""));
}

constexpr http::RouteOptions kImportOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = 2u << 20, .max_total_bytes = 4u << 20, .max_field_bytes = 2u << 20, .max_files = 1}};

}  // namespace

void add_admin_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/admin/indicators", [](app::Context& c, const Request& r) {
    require_manage(r);
    return admin_page(c, r, {}, 200);
  });
  on.add("POST", "/admin/indicators/import", import_post, kImportOptions);
  on.add("GET", "/admin/indicators/export.csv", export_csv, {.long_running = true});
  on.add("GET", "/admin/indicators/export.xlsx", export_xlsx, {.long_running = true});
  on.add("POST", "/admin/indicators/targets", target_post);
}

}  // namespace tinhso::indicators
