// HTTP glue of the administrators' catalogue pages: parse → check permission → use case (one
// transaction with its audit records) → render or redirect. Documents and steps are edited as
// text, one per line (procedure.h), so the pages need no JavaScript.
#include <algorithm>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "modules/audit/api.h"
#include "modules/procedures/form_template.h"
#include "modules/procedures/handlers.h"
#include "modules/procedures/permissions.h"
#include "modules/procedures/store.h"
#include "modules/procedures/usecases.h"
#include "modules/procedures/views.h"

namespace tinhso::procedures {

namespace {

using http::Request;
using http::Response;

constexpr int kAdminPageSize = 50;

using web::field;

// A textarea's text with the browser's CR LF line ends made LF.
std::string text_area(const Request& req, std::string_view name) {
  std::string v = field(req, name);
  std::erase(v, '\r');
  return v;
}

std::string admin_url(const std::string& code) { return "/admin/procedures/" + http::percent_encode(code); }

Actor actor(app::Context& ctx, const Request& req, const auth::Principal& p) {
  return Actor{p.email, auth::iso_utc(ctx.clock.now()), audit::for_request(ctx, req)};
}

[[noreturn]] void not_found(const std::string& code) {
  throw http::Error(http::ErrorKind::not_found, "no procedure " + code, "procedures.error.not_found");
}

// ---- the list ----

Response list_page(app::Context& ctx, const Request& req) {
  require_manage_procedures(req);
  View v{ctx, req};
  Search q{std::string(trim(req.query_params.get_or("q", ""))), "", std::nullopt, "", true,
           web::page_number(req), kAdminPageSize};
  Found found = ctx.db.with_session([&](soci::session& s) { return search(s, q); });
  mstch::array rows;
  for (const auto& l : found.items) rows.push_back(listed_row(v, l, admin_url(l.code)));
  mstch::map c{{"title", v.t("procedures.admin.title")}, {"q", q.q}, {"rows", rows}, {"empty", rows.empty()},
               {"found", v.f("procedures.list.total", {{"count", text::format_integer(found.total, req.lang)}})}};
  c.merge(web::pager_of_total(req, "/admin/procedures", web::Paging{q.page, kAdminPageSize}, found.total));
  return ctx.pages.render(req, "procedure_admin_list", std::move(c));
}

// ---- the form ----

// The choices of a time limit's unit, `selected` chosen.
mstch::array unit_options(const View& v, calendar::Unit selected) {
  mstch::array out;
  for (auto u : {calendar::Unit::working_days, calendar::Unit::days}) {
    std::string name(unit_name(u));
    out.push_back(mstch::map{{"value", name}, {"label", v.t("procedures.unit." + name)}, {"selected", u == selected}});
  }
  return out;
}

// The choices of how the fee is stated, `selected` chosen.
mstch::array fee_kind_options(const View& v, FeeKind selected) {
  mstch::array out;
  for (auto k : {FeeKind::fixed, FeeKind::regulated}) {
    std::string name(fee_kind_name(k));
    out.push_back(mstch::map{{"value", name}, {"label", v.t("procedures.fee_kind." + name)}, {"selected", k == selected}});
  }
  return out;
}

// The form as posted: the record, and the problems of its text parts.
struct Posted {
  Record record;
  std::vector<Problem> problems;
  std::string time_limit, fee, documents, steps;  // as typed, to refill the form
};

Posted posted(const Request& req) {
  Posted out;
  Procedure& p = out.record.procedure;
  p.code = field(req, "code");
  p.name = field(req, "name");
  p.name_en = field(req, "name_en");
  p.field = field(req, "field");
  auto level = parse_level(field(req, "level"));
  if (!level) out.problems.push_back({"level", "procedures.error.level"});
  p.level = level.value_or(Level::province);
  out.record.agency_code = field(req, "agency");
  out.record.desk_agency_code = field(req, "desk_agency");
  out.time_limit = field(req, "time_limit");
  auto limit = parse_integer(out.time_limit, 0, kMaxTimeLimit);
  if (!limit) out.problems.push_back({"time_limit", "procedures.error.time_limit"});
  p.time_limit_working_days = static_cast<int>(limit.value_or(0));
  auto unit = parse_unit(field(req, "time_limit_unit"));
  if (!unit) out.problems.push_back({"time_limit_unit", "procedures.error.time_limit_unit"});
  p.time_limit_unit = unit.value_or(calendar::Unit::working_days);
  out.fee = field(req, "fee_vnd");
  auto fee = out.fee.empty() ? std::optional<std::int64_t>(0) : parse_integer(out.fee, 0, kMaxFee);
  if (!fee) out.problems.push_back({"fee_vnd", "procedures.error.fee"});
  p.fee_vnd = fee.value_or(0);
  auto fee_kind = parse_fee_kind(field(req, "fee_kind"));
  if (!fee_kind) out.problems.push_back({"fee_kind", "procedures.error.fee_kind"});
  p.fee_kind = fee_kind.value_or(FeeKind::fixed);
  p.fee_note = text_area(req, "fee_note");
  p.legal_basis = text_area(req, "legal_basis");
  p.conditions = text_area(req, "conditions");
  p.receipt_place = text_area(req, "receipt_place");
  p.office_hours = text_area(req, "office_hours");
  p.fully_online = !field(req, "fully_online").empty();
  p.online_submission = !field(req, "online_submission").empty();
  p.active = !field(req, "active").empty();
  out.documents = text_area(req, "documents");
  out.steps = text_area(req, "steps");
  p.documents = parse_documents(out.documents, out.problems);
  p.steps = parse_steps(out.steps, out.problems);
  return out;
}

Posted from_detail(const Detail& d) {
  const Procedure& p = d.record.procedure;
  return Posted{d.record, {}, std::to_string(p.time_limit_working_days), std::to_string(p.fee_vnd),
                format_documents(p.documents), format_steps(p.steps)};
}

// The form templates section of the edit page: one row per document of the stored procedure, with
// its template (if any) and an upload form; `problem` is a refused upload (field "form-N").
mstch::array form_rows(const View& v, const Procedure& stored, const std::vector<FormInfo>& forms,
                       const std::optional<Problem>& problem, const std::string& message) {
  mstch::array out;
  for (const auto& doc : stored.documents) {
    std::string n = std::to_string(doc.position);
    mstch::map row{{"position", n}, {"name", doc.name},
                   {"upload_url", admin_url(stored.code) + "/forms/" + n},
                   {"label", v.f("procedures.admin.form_file", {{"position", n}, {"document", doc.name}})},
                   {"upload_button", v.f("procedures.admin.form_upload", {{"position", n}})},
                   {"delete_button", v.f("procedures.admin.form_delete", {{"position", n}})}};
    for (const auto& f : forms)
      if (f.position == doc.position) {
        row["has_file"] = true;
        row["file_name"] = f.file_name;
        row["file_url"] = "/procedures/" + http::percent_encode(stored.code) + "/forms/" + n;
        row["uploaded"] = v.f("procedures.admin.form_uploaded", {{"at", v.time(f.uploaded_at)}, {"by", f.uploaded_by}});
        row["delete_url"] = admin_url(stored.code) + "/forms/" + n + "/delete";
      }
    if (problem && problem->field == "form-" + n) {
      row["error"] = message;
    }
    out.push_back(std::move(row));
  }
  return out;
}

// The message of a refused template upload: it names the document whose template it is.
std::string form_message(const View& v, const Procedure& stored, const Problem& p) {
  std::string name;
  for (const auto& d : stored.documents)
    if ("form-" + std::to_string(d.position) == p.field) name = d.name;
  return v.f(p.message_id, {{"document", name}, {"max", text::format_integer(kMaxFormBytes >> 20, v.req.lang)}});
}

// The create form (is_new) or the edit page of a procedure, refilled with `form`. `upload` is a
// refused template upload, shown at its field and in the summary.
Response form_page(app::Context& ctx, const Request& req, bool is_new, const Posted& form,
                   const std::vector<Problem>& problems, const std::optional<Problem>& upload = std::nullopt,
                   int status = 0) {
  View v{ctx, req};
  auto agencies = ctx.db.with_session([](soci::session& s) { return agency_choices(s); });
  // The documents and templates as stored (not as typed): uploads go to stored positions.
  std::optional<Detail> stored;
  std::vector<FormInfo> forms;
  if (!is_new)
    ctx.db.with_session([&](soci::session& s) {
      stored = load_by_code(s, form.record.procedure.code);
      if (stored) forms = list_forms(s, stored->record.procedure.id);
    });
  mstch::array errors = errors_of(v, problems);
  std::string upload_message;
  if (upload && stored) {
    upload_message = form_message(v, stored->record.procedure, *upload);
    errors.push_back(mstch::map{{"field", upload->field}, {"message", upload_message}});
  }
  bool has_errors = !problems.empty() || upload.has_value();
  std::vector<std::pair<std::string, std::string>> choices;
  for (const auto& a : agencies) choices.emplace_back(a.code, a.name);
  const Procedure& p = form.record.procedure;
  const std::string& choose = v.t("procedures.admin.choose_agency");
  mstch::map c{{"title", is_new ? v.t("procedures.admin.new_title") : v.f("procedures.admin.edit_title", {{"code", p.code}})},
               {"is_new", is_new},
               {"action", is_new ? std::string("/admin/procedures") : admin_url(p.code)},
               {"errors", errors},
               {"has_errors", has_errors},
               {"code", p.code},
               {"name", p.name},
               {"name_en", p.name_en},
               {"field", p.field},
               {"levels", level_options(v, level_name(p.level), false)},
               {"agencies", agency_options(choices, form.record.agency_code, choose)},
               {"desks", agency_options(choices, form.record.desk_agency_code, choose)},
               {"time_limit", form.time_limit},
               {"units", unit_options(v, p.time_limit_unit)},
               {"fee_vnd", form.fee},
               {"fee_kinds", fee_kind_options(v, p.fee_kind)},
               {"fee_note", p.fee_note},
               {"legal_basis", p.legal_basis},
               {"conditions", p.conditions},
               {"receipt_place", p.receipt_place},
               {"office_hours", p.office_hours},
               {"fully_online", p.fully_online},
               {"online_submission", p.online_submission},
               {"active", p.active},
               {"documents", form.documents},
               {"steps", form.steps},
               {"public_url", "/procedures/" + http::percent_encode(p.code)},
               {"active_url", admin_url(p.code) + "/active"},
               {"delete_url", admin_url(p.code) + "/delete"},
               {"form_rows", stored ? form_rows(v, stored->record.procedure, forms, upload, upload_message) : mstch::array{}},
               {"forms_help", v.f("procedures.admin.forms_help", {{"max", text::format_integer(kMaxFormBytes >> 20, req.lang)}})}};
  for (const auto& pr : problems) c["error_" + pr.field] = v.t(pr.message_id);
  return ctx.pages.render(req, "procedure_admin_form", std::move(c), status ? status : has_errors ? 422 : 200);
}

Response new_form(app::Context& ctx, const Request& req) {
  require_manage_procedures(req);
  Posted empty;
  empty.record.procedure.online_submission = true;
  empty.time_limit = "0";
  empty.fee = "0";
  return form_page(ctx, req, true, empty, {});
}

Response edit_form(app::Context& ctx, const Request& req) {
  require_manage_procedures(req);
  std::string code(req.param("code"));
  auto d = ctx.db.with_session([&](soci::session& s) { return load_by_code(s, code); });
  if (!d) not_found(code);
  return form_page(ctx, req, false, from_detail(*d), {});
}

// POST /admin/procedures (create) and /admin/procedures/{code} (edit).
Response save(app::Context& ctx, const Request& req, bool is_new) {
  const auto& who = require_manage_procedures(req);
  Posted form = posted(req);
  std::string code = is_new ? form.record.procedure.code : std::string(req.param("code"));
  if (!is_new) form.record.procedure.code = code;
  std::vector<Problem> problems = form.problems;
  if (problems.empty()) {
    Outcome o = ctx.db.transaction([&](soci::session& s) {
      return is_new ? create_procedure(s, form.record, actor(ctx, req, who))
                    : edit_procedure(s, code, form.record, actor(ctx, req, who));
    });
    if (o.status == Status::not_found) not_found(code);
    problems = std::move(o.problems);
  } else {
    for (auto& p : check_procedure(form.record.procedure, true, true))
      if (std::find(problems.begin(), problems.end(), p) == problems.end()) problems.push_back(std::move(p));
  }
  if (!problems.empty()) return form_page(ctx, req, is_new, form, problems);
  return Response::redirect(admin_url(code));
}

Response set_active_post(app::Context& ctx, const Request& req) {
  const auto& who = require_manage_procedures(req);
  std::string code(req.param("code"));
  bool active = field(req, "active") == "1";
  Outcome o = ctx.db.transaction([&](soci::session& s) { return set_active(s, code, active, actor(ctx, req, who)); });
  if (o.status == Status::not_found) not_found(code);
  return Response::redirect(admin_url(code));
}

// A procedure with dossiers cannot be deleted (the dossiers keep referring to it): 409 with the
// advice to deactivate it instead.
Response delete_post(app::Context& ctx, const Request& req) {
  const auto& who = require_manage_procedures(req);
  std::string code(req.param("code"));
  Outcome o;
  try {
    o = ctx.db.transaction([&](soci::session& s) { return remove_procedure(s, code, actor(ctx, req, who)); });
  } catch (const soci::soci_error& e) {
    if (!is_reference_violation(e)) throw;
    throw http::Error(http::ErrorKind::conflict, "procedure " + code + " is in use: " + e.what(), "procedures.error.in_use");
  }
  if (o.status == Status::not_found) not_found(code);
  return Response::redirect("/admin/procedures");
}

// ---- form templates ----

int form_position(const Request& req) {
  auto n = parse_integer(req.param("position"), 1, static_cast<std::int64_t>(kMaxDocuments));
  if (!n) throw http::Error(http::ErrorKind::not_found, "bad form position", "procedures.error.form_not_found");
  return static_cast<int>(*n);
}

// POST /admin/procedures/{code}/forms/{position} (multipart, file field "template"): a refused
// file re-renders the edit page with the message at the document's field — 413 when it is too
// big, 415 when it is not a PDF, DOCX, DOC or ODT, 422 when none was chosen.
Response form_upload(app::Context& ctx, const Request& req) {
  const auto& who = require_manage_procedures(req);
  std::string code(req.param("code"));
  FormUpload upload{form_position(req), "", 0, {}};
  for (const auto& f : req.files)
    if (f.field == "template") {
      upload.client_name = f.filename;
      upload.size = f.size;
      if (f.size <= kMaxFormBytes) upload.bytes = ctx.files.read(f.path, kMaxFormBytes);
      break;
    }
  Outcome o = ctx.db.transaction([&](soci::session& s) { return upload_form(s, code, upload, actor(ctx, req, who)); });
  if (o.status == Status::not_found) not_found(code);
  if (o.status == Status::invalid) {
    auto d = ctx.db.with_session([&](soci::session& s) { return load_by_code(s, code); });
    if (!d) not_found(code);
    const Problem& pr = o.problems.front();
    int status = pr.message_id == "procedures.error.form_too_big" ? 413
                 : pr.message_id == "procedures.error.form_type"  ? 415
                                                                  : 422;
    return form_page(ctx, req, false, from_detail(*d), {}, pr, status);
  }
  return Response::redirect(admin_url(code) + "#forms");
}

Response form_delete(app::Context& ctx, const Request& req) {
  const auto& who = require_manage_procedures(req);
  std::string code(req.param("code"));
  int position = form_position(req);
  Outcome o = ctx.db.transaction([&](soci::session& s) { return remove_form(s, code, position, actor(ctx, req, who)); });
  if (o.status == Status::not_found)
    throw http::Error(http::ErrorKind::not_found, "no form " + code, "procedures.error.form_not_found");
  return Response::redirect(admin_url(code) + "#forms");
}

// The template upload: one file up to a little above kMaxFormBytes reaches the handler (which
// answers 413 with the page's own message); a larger body is refused before it (413).
constexpr http::RouteOptions kFormOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = kMaxFormBytes + (1u << 20), .max_total_bytes = kMaxFormBytes + (2u << 20),
                .max_field_bytes = 16u << 10, .max_files = 1}};

// ---- import and export ----

Response import_page(app::Context& ctx, const Request& req, const ImportOutcome* done) {
  View v{ctx, req};
  mstch::array errors;
  bool failed = done && done->status == Status::invalid;
  if (failed) {
    const char* row_id = done->format == FileFormat::json ? "procedures.import.item_error" : "procedures.import.row_error";
    for (const auto& p : done->problems) {
      std::string message = v.t(p.message_id);
      if (p.row != 0)
        message = v.f(row_id, {{"row", text::format_integer(static_cast<std::int64_t>(p.row), req.lang)},
                               {"code", p.code.empty() ? "—" : p.code},
                               {"message", message}});
      errors.push_back(mstch::map{{"message", message}});
    }
  }
  mstch::map c{{"title", v.t("procedures.import.title")}, {"errors", errors}, {"has_errors", failed},
               {"done", done && !failed}};
  if (done && !failed)
    c["result"] = v.f("procedures.import.done",
                      {{"created", text::format_integer(static_cast<std::int64_t>(done->created), req.lang)},
                       {"updated", text::format_integer(static_cast<std::int64_t>(done->updated), req.lang)},
                       {"unchanged", text::format_integer(static_cast<std::int64_t>(done->unchanged), req.lang)}});
  return ctx.pages.render(req, "procedure_admin_import", std::move(c), failed ? 422 : 200);
}

Response import_post(app::Context& ctx, const Request& req) {
  const auto& who = require_manage_procedures(req);
  std::string text = web::upload_or_field(ctx.files, req, "text");
  ImportOutcome o = ctx.db.transaction([&](soci::session& s) { return import_catalogue(s, text, actor(ctx, req, who)); });
  return import_page(ctx, req, &o);
}

Response export_file(app::Context& ctx, const Request& req, bool json) {
  require_manage_procedures(req);
  auto all = ctx.db.with_session([](soci::session& s) { return load_all(s); });
  std::vector<Record> records;
  for (auto& d : all) records.push_back(std::move(d.record));
  Response r = json ? Response::text(catalogue_json(records), "application/json; charset=utf-8")
                    : Response::text(catalogue_csv(records), "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", json ? "attachment; filename=\"procedures.json\""
                                            : "attachment; filename=\"procedures.csv\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

constexpr http::RouteOptions kImportOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = 2u << 20, .max_total_bytes = 4u << 20, .max_field_bytes = 2u << 20, .max_files = 1}};

}  // namespace

void add_admin_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/admin/procedures", list_page);
  on.add("POST", "/admin/procedures", [](app::Context& c, const Request& r) { return save(c, r, true); },
         {.body_limit = 256u << 10});
  on.add("GET", "/admin/procedures/new", new_form);
  on.add("GET", "/admin/procedures/import", [](app::Context& c, const Request& r) {
    require_manage_procedures(r);
    return import_page(c, r, nullptr);
  });
  on.add("POST", "/admin/procedures/import", import_post, kImportOptions);
  on.add("GET", "/admin/procedures/export.csv", [](app::Context& c, const Request& r) { return export_file(c, r, false); }, {.long_running = true});
  on.add("GET", "/admin/procedures/export.json", [](app::Context& c, const Request& r) { return export_file(c, r, true); }, {.long_running = true});
  on.add("GET", "/admin/procedures/{code}", edit_form);
  on.add("POST", "/admin/procedures/{code}", [](app::Context& c, const Request& r) { return save(c, r, false); },
         {.body_limit = 256u << 10});
  on.add("POST", "/admin/procedures/{code}/active", set_active_post);
  on.add("POST", "/admin/procedures/{code}/delete", delete_post);
  on.add("POST", "/admin/procedures/{code}/forms/{position}", form_upload, kFormOptions);
  on.add("POST", "/admin/procedures/{code}/forms/{position}/delete", form_delete);
}

}  // namespace tinhso::procedures
