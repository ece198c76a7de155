// HTTP glue of the public catalogue: the searchable list and the detail page (plain GET forms,
// no JavaScript), and the JSON API. Everyone may read them (permissions.h).
#include "modules/procedures/handlers.h"

#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/document/files.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/procedures/form_template.h"
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
               {"page_of", v.f("procedures.list.page_of", {{"page", text::format_integer(q.page, req.lang)}, {"pages", pages}})},
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

// Text a person typed with line breaks, as paragraphs (blank lines dropped).
mstch::array paragraphs(const std::string& text) {
  mstch::array out;
  for (auto line : split(text, '\n'))
    if (auto t = trim(line); !t.empty()) out.push_back(std::string(t));
  return out;
}

std::string form_url(const std::string& code, int position) {
  return page_url(code) + "/forms/" + std::to_string(position);
}

// GET /procedures/{code}: what a citizen needs — how to start (online, or where to go), the
// conditions, the place and hours of receipt, the fee, the time limit and the documents with
// their templates. The internal steps and their shares of the time limit are staff matters: they
// are on the administrators' page only.
Response detail_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  Detail d = detail_or_404(ctx, req);
  const Procedure& p = d.record.procedure;
  auto forms = ctx.db.with_session([&](soci::session& s) { return list_forms(s, p.id); });
  mstch::array documents;
  for (const auto& doc : p.documents) {
    const FormInfo* form = nullptr;
    for (const auto& f : forms)
      if (f.position == doc.position) form = &f;
    mstch::map item{{"position", std::to_string(doc.position)}, {"name", doc.name}, {"mandatory", doc.mandatory},
                    {"is_form", form != nullptr || !doc.template_url.empty()}};
    if (form) {
      auto type = parse_form_content_type(form->content_type);
      std::string kb = text::format_integer(static_cast<std::int64_t>((form->size + 1023) / 1024), req.lang);
      item["download_url"] = form_url(p.code, doc.position);
      item["download_label"] = v.f("procedures.detail.form_download",
                                   {{"type", type ? form_label(*type) : std::string_view("")}, {"size", kb}});
    } else if (!doc.template_url.empty()) {
      item["template_url"] = doc.template_url;
    }
    documents.push_back(std::move(item));
  }
  std::string name = shown_name(v, p.name, p.name_en);
  bool start = p.active && p.online_submission;
  mstch::map c{{"title", name},
               {"code", p.code},
               {"other_name", v.english() && !p.name_en.empty() ? p.name : std::string()},
               {"field", p.field},
               {"level", level_label(v, p.level)},
               {"agency", d.agency_name},
               {"desk", d.desk_agency_name},
               {"receipt_place", p.receipt_place},
               {"has_receipt_place", !trim(p.receipt_place).empty()},
               {"office_hours", p.office_hours},
               {"has_office_hours", !trim(p.office_hours).empty()},
               {"conditions", paragraphs(p.conditions)},
               {"has_conditions", !trim(p.conditions).empty()},
               {"time_limit", time_limit_label(v, p.time_limit_working_days, p.time_limit_unit)},
               {"legal_basis", p.legal_basis},
               {"has_legal_basis", !p.legal_basis.empty()},
               {"fee", fee_label(v, p.fee_kind, p.fee_vnd)},
               {"fee_note", paragraphs(p.fee_note)},
               {"mode", v.t(p.fully_online        ? "procedures.online.yes_long"
                            : p.online_submission ? "procedures.online.partial_long"
                                                  : "procedures.online.no_long")},
               {"active", p.active},
               {"start", start},
               {"in_person", p.active && !p.online_submission},
               {"in_person_text", v.f("procedures.detail.in_person", {{"desk", d.desk_agency_name}})},
               {"documents", documents},
               {"submit_url", "/dossiers/new?procedure=" + http::percent_encode(p.code)},
               {"manage", may_manage_procedures(req)},
               {"edit_url", "/admin/procedures/" + http::percent_encode(p.code)}};
  return ctx.pages.render(req, "procedure_detail", std::move(c));
}

// GET /procedures/{code}/forms/{position}: the template of one document, as an attachment.
Response form_download(app::Context& ctx, const Request& req) {
  std::string code(req.param("code"));
  auto position = parse_integer(req.param("position"), 1, static_cast<std::int64_t>(kMaxDocuments));
  auto missing = [&] {
    return http::Error(http::ErrorKind::not_found, "no form " + code, "procedures.error.form_not_found");
  };
  if (!position) throw missing();
  auto file = ctx.db.with_session([&](soci::session& s) -> std::optional<FormFile> {
    auto name = load_by_code(s, code);
    if (!name) return std::nullopt;
    return load_form(s, name->record.procedure.id, static_cast<int>(*position));
  });
  if (!file) throw missing();
  auto bytes = document::from_base64(file->content_base64);
  if (!bytes) throw std::runtime_error("procedures: stored form " + code + " is not base64");
  Response r;
  r.body = std::move(*bytes);
  r.headers.set("Content-Type", file->info.content_type);
  r.headers.set("Content-Disposition", document::attachment_disposition(file->info.file_name));
  r.headers.set("Cache-Control", "no-cache");
  return r;
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
                     {"fee_kind", fee_kind_name(l.fee_kind)},
                     {"fee_vnd", l.fee_vnd},
                     {"fee_note", l.fee_note},
                     {"fully_online", l.fully_online},
                     {"url", "/api/v1/procedures/" + http::percent_encode(l.code)},
                     {"page_url", page_url(l.code)}});
  return json_response({{"total", found.total}, {"page", q.page}, {"per_page", q.per_page}, {"items", items}});
}

// GET /api/v1/procedures/{code}
// The citizen's view of a procedure, like the page: no internal steps.
Response api_detail(app::Context& ctx, const Request& req) {
  Detail d = detail_or_404(ctx, req);
  const Procedure& p = d.record.procedure;
  auto forms = ctx.db.with_session([&](soci::session& s) { return list_forms(s, p.id); });
  json documents = json::array();
  for (const auto& doc : p.documents) {
    json item{{"id", doc.id}, {"position", doc.position}, {"name", doc.name}, {"mandatory", doc.mandatory},
              {"template_url", doc.template_url}, {"form_url", nullptr}};
    for (const auto& f : forms)
      if (f.position == doc.position) item["form_url"] = form_url(p.code, doc.position);
    documents.push_back(std::move(item));
  }
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
                        {"fee_kind", fee_kind_name(p.fee_kind)},
                        {"fee_vnd", p.fee_vnd},
                        {"fee_note", p.fee_note},
                        {"conditions", p.conditions},
                        {"receipt_place", p.receipt_place},
                        {"office_hours", p.office_hours},
                        {"fully_online", p.fully_online},
                        {"online_submission", p.online_submission},
                        {"active", p.active},
                        {"documents", documents},
                        {"page_url", page_url(p.code)}});
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/procedures", list_page);
  on.add("GET", "/procedures/{code}", detail_page);
  on.add("GET", "/procedures/{code}/forms/{position}", form_download);
  on.add("GET", "/api/v1/procedures", api_list);
  on.add("GET", "/api/v1/procedures/{code}", api_detail);
}

}  // namespace tinhso::procedures
