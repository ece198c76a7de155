// HTTP glue of the public catalogue: the searchable list and the detail page (plain GET forms,
// no JavaScript), and the JSON API. Everyone may read them (permissions.h).
#include "modules/procedures/handlers.h"

#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/procedures/permissions.h"
#include "modules/procedures/views.h"

namespace tinhso::procedures {

namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr int kPageSize = 20;
constexpr int kMaxApiPageSize = 100;

using web::query;

std::string page_url(const std::string& code) { return "/procedures/" + http::percent_encode(code); }

[[noreturn]] void bad(std::string log, std::string message_id) {
  throw http::Error(http::ErrorKind::bad_request, std::move(log), std::move(message_id));
}

// ---- the list ----

// GET /procedures?q=&field=&level=&agency=&page=: unknown filter values are ignored.
Response list_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  Search q{query(req, "q"), query(req, "field"), parse_level(query(req, "level")), query(req, "agency"), false,
           web::page_number(req), kPageSize};
  // Named members, not a structured binding: one crashes clang-tidy-16's optional-access check.
  const auto result = ctx.db.with_session([&](soci::session& s) { return std::pair(search(s, q), facets(s, false)); });
  const auto& found = result.first;
  const auto& facet = result.second;
  mstch::array rows;
  for (const auto& l : found.items) rows.push_back(listed_row(v, l, page_url(l.code)));
  mstch::map pager = web::pager_of_total(req, "/procedures", web::Paging{q.page, kPageSize}, found.total);
  std::string pages = boost::get<std::string>(pager["pages"]);
  bool filtered = !q.q.empty() || !q.field.empty() || q.level || !q.agency_code.empty();
  std::string count = text::format_integer(found.total, req.lang);
  mstch::map c{{"title", v.t("procedures.list.title")},
               {"q", q.q},
               {"fields", field_options(v, facet.fields, q.field)},
               {"levels", level_options(v, q.level ? level_name(*q.level) : "", true)},
               {"agencies", agency_options(facet.agencies, q.agency_code, v.t("procedures.filter.any_agency"))},
               {"rows", rows},
               {"empty", rows.empty()},
               {"found", v.f(filtered ? "procedures.list.found" : "procedures.list.total", {{"count", count}})},
               {"page_of", v.f("procedures.list.page_of", {{"page", std::to_string(q.page)}, {"pages", pages}})},
               {"manage", may_manage_procedures(req)}};
  c.merge(std::move(pager));
  return ctx.pages.render(req, "procedure_list", std::move(c));
}

// ---- one procedure ----

Detail detail_or_404(app::Context& ctx, const Request& req) {
  std::string code(req.param("code"));
  auto d = ctx.db.with_session([&](soci::session& s) { return load_by_code(s, code); });
  if (!d) throw http::Error(http::ErrorKind::not_found, "no procedure " + code, "procedures.error.not_found");
  return *d;
}

// GET /procedures/{code}
Response detail_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  Detail d = detail_or_404(ctx, req);
  const Procedure& p = d.record.procedure;
  mstch::array documents, steps;
  for (const auto& doc : p.documents)
    documents.push_back(mstch::map{{"position", std::to_string(doc.position)}, {"name", doc.name},
                                   {"mandatory", doc.mandatory}, {"template_url", doc.template_url},
                                   {"has_template", !doc.template_url.empty()},
                                   {"template_label", v.f("procedures.detail.template_label", {{"document", doc.name}})}});
  for (const auto& s : p.steps)
    steps.push_back(mstch::map{{"position", std::to_string(s.position)}, {"name", s.name},
                               {"share", v.f("procedures.detail.share", {{"percent", std::to_string(s.share_percent)}})}});
  std::string name = shown_name(v, p.name, p.name_en);
  mstch::map c{{"title", name},
               {"code", p.code},
               {"other_name", v.english() && !p.name_en.empty() ? p.name : std::string()},
               {"field", p.field},
               {"level", level_label(v, p.level)},
               {"agency", d.agency_name},
               {"desk", d.desk_agency_name},
               {"time_limit", time_limit_label(v, p.time_limit_working_days, p.time_limit_unit)},
               {"legal_basis", p.legal_basis},
               {"has_legal_basis", !p.legal_basis.empty()},
               {"fee", fee_label(v, p.fee_vnd, p.fee_note)},
               {"fee_note", p.fee_note},
               {"online", p.fully_online},
               {"active", p.active},
               {"documents", documents},
               {"steps", steps},
               {"has_steps", !steps.empty()},
               {"submit_url", "/dossiers/new?procedure=" + http::percent_encode(p.code)},
               {"manage", may_manage_procedures(req)},
               {"edit_url", "/admin/procedures/" + http::percent_encode(p.code)}};
  return ctx.pages.render(req, "procedure_detail", std::move(c));
}

// ---- the JSON API ----

Response json_response(const json& j) {
  Response r = Response::json(j.dump(-1, ' ', false, json::error_handler_t::replace));
  r.headers.set("Cache-Control", "no-cache");
  return r;
}

json agency_json(const std::string& code, const std::string& name) { return {{"code", code}, {"name", name}}; }

// GET /api/v1/procedures?q=&field=&level=&agency=&page=&per_page=
Response api_list(app::Context& ctx, const Request& req) {
  Search q{query(req, "q"), query(req, "field"), std::nullopt, query(req, "agency"), false, 1, kPageSize};
  if (auto level = query(req, "level"); !level.empty()) {
    q.level = parse_level(level);
    if (!q.level) bad("bad level", "procedures.api.level");
  }
  q.page = web::page_number(req);
  if (auto per_page = query(req, "per_page"); !per_page.empty()) {
    auto n = parse_integer(per_page, 1, kMaxApiPageSize);
    if (!n) bad("bad per_page", "procedures.api.per_page");
    q.per_page = static_cast<int>(*n);
  }
  Found found = ctx.db.with_session([&](soci::session& s) { return search(s, q); });
  json items = json::array();
  for (const auto& l : found.items)
    items.push_back({{"code", l.code},
                     {"name", l.name},
                     {"name_en", l.name_en},
                     {"field", l.field},
                     {"level", level_name(l.level)},
                     {"agency", agency_json(l.agency_code, l.agency_name)},
                     {"time_limit_working_days", l.time_limit_working_days},
                     {"time_limit_unit", unit_name(l.time_limit_unit)},
                     {"fee_vnd", l.fee_vnd},
                     {"fee_note", l.fee_note},
                     {"fully_online", l.fully_online},
                     {"url", "/api/v1/procedures/" + http::percent_encode(l.code)},
                     {"page_url", page_url(l.code)}});
  return json_response({{"total", found.total}, {"page", q.page}, {"per_page", q.per_page}, {"items", items}});
}

// GET /api/v1/procedures/{code}
Response api_detail(app::Context& ctx, const Request& req) {
  Detail d = detail_or_404(ctx, req);
  const Procedure& p = d.record.procedure;
  json documents = json::array(), steps = json::array();
  for (const auto& doc : p.documents)
    documents.push_back({{"id", doc.id}, {"position", doc.position}, {"name", doc.name}, {"mandatory", doc.mandatory},
                         {"template_url", doc.template_url}});
  for (const auto& s : p.steps)
    steps.push_back({{"position", s.position}, {"name", s.name}, {"share_percent", s.share_percent}});
  return json_response({{"code", p.code},
                        {"name", p.name},
                        {"name_en", p.name_en},
                        {"field", p.field},
                        {"level", level_name(p.level)},
                        {"agency", agency_json(d.record.agency_code, d.agency_name)},
                        {"desk_agency", agency_json(d.record.desk_agency_code, d.desk_agency_name)},
                        {"time_limit_working_days", p.time_limit_working_days},
                        {"time_limit_unit", unit_name(p.time_limit_unit)},
                        {"legal_basis", p.legal_basis},
                        {"fee_vnd", p.fee_vnd},
                        {"fee_note", p.fee_note},
                        {"fully_online", p.fully_online},
                        {"active", p.active},
                        {"documents", documents},
                        {"steps", steps},
                        {"page_url", page_url(p.code)}});
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/procedures", list_page);
  on.add("GET", "/procedures/{code}", detail_page);
  on.add("GET", "/api/v1/procedures", api_list);
  on.add("GET", "/api/v1/procedures/{code}", api_detail);
}

}  // namespace tinhso::procedures
