// The leaders' office's pages (issue 16 §1–§2): a source document with its items, and a task
// assigned from an item. Parse → permission (permissions.h may_assign) → use case in one
// transaction with its audit record → 303, or the form again with its problems (422).
#include "modules/tasks/pages_work.h"

#include <algorithm>

#include "core/auth/guard.h"
#include "core/document/files.h"
#include "core/http/errors.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/tasks/api.h"
#include "modules/tasks/pages_work_form.h"
#include "modules/tasks/permissions.h"
#include "modules/tasks/store.h"
#include "modules/tasks/usecases.h"

namespace tinhso::tasks {

namespace work {
// Defined in pages_work_task.cpp.
void add_task_routes(web::Routes& on);
}  // namespace work

namespace {

using namespace work;
using auth::Role;
using http::Request;
using http::Response;
using web::field;

[[noreturn]] void not_found() { throw http::Error(http::ErrorKind::not_found, "no such task document or item"); }

// Who may open the document form: the province leader, or a leader or specialist of an agency
// (who records the documents of that office only: may_assign).
const auth::Principal& require_recorder(const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(may_record_documents(&p), "record a task document");
  return p;
}

// The bodies a recorder may name as the issuer: every active agency for the province leader,
// else the recorder's own.
std::vector<directory::AgencyRef> issuers_for(soci::session& s, const auth::Principal& p) {
  auto all = directory::active_agencies(s);
  if (p.has(Role::province_leader)) return all;
  std::vector<directory::AgencyRef> out;
  for (const auto& a : all)
    if (p.agency_id && a.id == *p.agency_id) out.push_back(a);
  return out;
}

constexpr int kDefaultItemRows = 5, kMaxItemRows = 60, kMoreRows = 3;
constexpr DocumentKind kKinds[] = {DocumentKind::conclusion_notice, DocumentKind::directive, DocumentKind::plan,
                                   DocumentKind::action_programme, DocumentKind::official_letter};

struct DocForm {
  std::string kind = "conclusion_notice", number, issued_on, issuer, signer, subject;
  bool is_public = false;
  std::vector<std::pair<std::string, std::string>> items;  // clause, text; one per row shown
};

DocForm read_doc_form(const Request& req) {
  DocForm f;
  f.kind = field(req, "kind");
  f.number = field(req, "number");
  f.issued_on = field(req, "issued_on");
  f.issuer = field(req, "issuer");
  f.signer = field(req, "signer");
  f.subject = field(req, "subject");
  f.is_public = field(req, "is_public") == "1";
  int rows = std::clamp(parse_int(field(req, "rows")).value_or(kDefaultItemRows), 1, kMaxItemRows);
  for (int i = 1; i <= rows; ++i)
    f.items.emplace_back(field(req, "clause_" + std::to_string(i)), field(req, "text_" + std::to_string(i)));
  return f;
}

const web::FieldRefs kDocFields = {{"kind", {"f-kind", "tasks.work.field.kind"}},
                                   {"number", {"f-number", "tasks.work.field.number"}},
                                   {"issued_on", {"f-issued_on", "tasks.work.field.issued_on"}},
                                   {"issuer", {"f-issuer", "tasks.work.field.issuer"}},
                                   {"signer", {"f-signer", "tasks.work.field.signer"}},
                                   {"subject", {"f-subject", "tasks.work.field.subject"}},
                                   {"items", {"f-text-1", "tasks.work.field.items"}},
                                   {"file", {"f-file", "tasks.work.field.signed_file"}}};

// The signed file's upload (issue 16 §1): one file, PDF by its content (the use case checks the
// type; migration 006 says why PDF only). The form has up to kMaxItemRows rows of two fields.
constexpr http::RouteOptions kSignedUpload{.multipart = true,
                                           .uploads = {.max_file_bytes = kMaxSignedFileBytes + (1u << 20),
                                                       .max_total_bytes = kMaxSignedFileBytes + (4u << 20),
                                                       .max_field_bytes = 64u << 10,
                                                       .max_files = 2,
                                                       .max_parts = 2 * kMaxItemRows + 32}};

// The signed file sent in the form's field "file", nullopt when none; a problem at "file" for a
// second file or one over the cap.
std::optional<SignedFile> read_signed_file(app::Context& ctx, const Request& req,
                                           std::vector<web::FieldProblem>& problems) {
  std::vector<const http::UploadedFile*> sent;
  for (const auto& f : req.files)
    if (f.size > 0 && f.field == "file") sent.push_back(&f);
  if (sent.empty()) return std::nullopt;
  if (sent.size() > 1) {
    problems.push_back({"file", "tasks.work.error.signed_file_count"});
    return std::nullopt;
  }
  const http::UploadedFile& f = *sent.front();
  if (f.size > kMaxSignedFileBytes) {
    problems.push_back({"file", "tasks.work.error.signed_file_size"});
    return std::nullopt;
  }
  return SignedFile{f.filename, ctx.files.read(f.path, kMaxSignedFileBytes)};
}

Response doc_form_page(app::Context& ctx, const Request& req, const auth::Principal& p, const DocForm& f,
                       const std::vector<web::FieldProblem>& problems) {
  View v{ctx, req};
  auto issuers = ctx.db.with_session([&](soci::session& s) { return issuers_for(s, p); });
  mstch::array kinds;
  for (DocumentKind k : kKinds) {
    std::string c(document_kind_code(k));
    kinds.push_back(mstch::map{{"value", c}, {"label", kind_label(v, k)}, {"selected", c == f.kind}});
  }
  mstch::array items;
  for (std::size_t i = 0; i < f.items.size(); ++i) {
    std::string n = std::to_string(i + 1);
    items.push_back(mstch::map{{"n", n},
                               {"legend", v.f("tasks.work.doc.item_legend", {{"n", n}})},
                               {"clause", f.items[i].first},
                               {"text", f.items[i].second}});
  }
  mstch::map c{{"title", v.t("tasks.work.doc.new_title")},
               {"kinds", kinds},
               {"number", f.number},
               {"issued_on", f.issued_on},
               {"issuers", agency_options(issuers, f.issuer)},
               {"signer", f.signer},
               {"subject", f.subject},
               {"is_public", f.is_public},
               {"items", items},
               {"rows", std::to_string(f.items.size())}};
  web::put_field_errors(c, v, problems, kDocFields);
  return ctx.pages.render(req, "tasks_work_document_new", std::move(c), problems.empty() ? 200 : 422);
}

Response new_document(app::Context& ctx, const Request& req) {
  const auto& p = require_recorder(req);
  DocForm f;
  f.issued_on = today_text(ctx);
  if (p.agency_id) f.issuer = std::to_string(*p.agency_id);
  f.items.resize(kDefaultItemRows);
  // Filled in by a link from another module (api.h may_record_documents): only a prefill, checked
  // like anything typed when the form is posted; an overlong value is left out.
  constexpr std::size_t kMaxPrefill = 2000;
  if (auto v = req.query_params.get("subject"); v && v->size() <= kMaxPrefill) f.subject = *v;
  if (auto v = req.query_params.get("item"); v && v->size() <= kMaxPrefill) f.items.front().second = *v;
  return doc_form_page(ctx, req, p, f, {});
}

std::string document_error_field(Error e) {
  switch (e) {
    case Error::number_required:
    case Error::duplicate_document: return "number";
    case Error::subject_required: return "subject";
    case Error::bad_date:
    case Error::day_in_future: return "issued_on";
    case Error::unknown_agency: return "issuer";
    case Error::items_required:
    case Error::item_text_required: return "items";
    case Error::signed_file_type:
    case Error::signed_file_size: return "file";
    default: return "";
  }
}

Response create_document_post(app::Context& ctx, const Request& req) {
  const auto& p = require_recorder(req);
  DocForm f = read_doc_form(req);
  // "Thêm dòng": the same form with more item rows, nothing recorded (no JavaScript needed).
  if (!field(req, "more").empty()) {
    f.items.resize(std::min<std::size_t>(f.items.size() + kMoreRows, kMaxItemRows));
    return doc_form_page(ctx, req, p, f, {});
  }
  std::vector<web::FieldProblem> problems;
  auto kind = parse_document_kind(f.kind);
  if (!kind) problems.push_back({"kind", "tasks.work.error.kind"});
  auto issuer = web::optional_id(f.issuer);  // blank: the field's problem; not an id: 400
  if (!issuer) problems.push_back({"issuer", "tasks.work.error.issuer_required"});
  // Rows left blank are not items; a clause without its text is.
  DocumentInput in;
  for (const auto& [clause, text] : f.items)
    if (!clause.empty() || !text.empty()) in.items.push_back({0, 0, 0, clause, text});
  in.file = read_signed_file(ctx, req, problems);
  if (!problems.empty() || !kind || !issuer) return doc_form_page(ctx, req, p, f, problems);
  auth::require(may_assign(p, *issuer), "record a document of another office");
  in.document.kind = *kind;
  in.document.number = f.number;
  in.document.issued_on = f.issued_on;
  in.document.issuer_agency_id = *issuer;
  in.document.signer = f.signer;
  in.document.subject = f.subject;
  in.document.is_public = f.is_public;
  in.document.created_by = p.account_id;
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_request(ctx, req);
  DocumentResult r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec};
    return create_document(env, in);
  });
  if (!r.ok()) return doc_form_page(ctx, req, p, f, {{document_error_field(r.error), error_message_id(r.error)}});
  return Response::redirect("/tasks/documents/" + std::to_string(r.document.id) + "?created=1");
}

// ---- one document ----

struct DocLoaded {
  bool found = false;
  Document doc;
  std::vector<Item> items;
  std::vector<TaskRow> tasks;
  std::vector<directory::AgencyRef> agencies;
  std::vector<DocumentFile> files;
};

// Document `id` as its page shows it (5 statements), for those who may see it (may_assign: the
// assigning office); 404 for no such document, 403 for another office's.
DocLoaded load_document(app::Context& ctx, const auth::Principal& p, std::int64_t id) {
  DocLoaded l = ctx.db.with_session([&](soci::session& s) {
    DocLoaded out;
    auto found = find_document(s, id);
    if (!found) return out;
    out.found = true;
    out.doc = *found;
    if (!may_assign(p, out.doc.issuer_agency_id)) return out;
    out.items = document_items(s, id);
    out.tasks = document_tasks(s, id);
    out.agencies = directory::all_agencies(s);
    out.files = document_files(s, id);
    return out;
  });
  if (!l.found) not_found();
  auth::require(may_assign(p, l.doc.issuer_agency_id), "see a document of another office");
  return l;
}

std::string document_url(std::int64_t id) { return "/tasks/documents/" + std::to_string(id); }

std::string size_kb(std::int64_t bytes) { return std::to_string((bytes + 1023) / 1024); }

mstch::array file_rows(const View& v, const std::vector<DocumentFile>& files) {
  mstch::array out;
  for (const DocumentFile& f : files)
    out.push_back(mstch::map{{"url", document_url(f.document_id) + "/files/" + std::to_string(f.id)},
                             {"name", f.file_name},
                             {"size", size_kb(f.size)},
                             {"at", v.time(f.created_at)},
                             {"current", f.replaced_at.empty()},
                             {"replaced_at", f.replaced_at.empty() ? std::string() : v.time(f.replaced_at)}});
  return out;
}

Response document_view(app::Context& ctx, const Request& req, const DocLoaded& l,
                       const std::vector<web::FieldProblem>& problems) {
  View v{ctx, req};
  auto names = agency_names(l.agencies);
  mstch::array items;
  for (const Item& it : l.items) {
    mstch::array tasks;
    for (const TaskRow& t : l.tasks) {
      if (t.item_id != it.id || t.parent_id != 0) continue;
      tasks.push_back(mstch::map{{"url", "/tasks/" + std::to_string(t.id)},
                                 {"content", t.content},
                                 {"lead", names[t.lead_agency_id]},
                                 {"state", state_label(v, t.state)},
                                 {"state_tag", state_tag(t.state)},
                                 {"due", t.due.empty() ? v.t("tasks.work.no_due") : v.date(t.due)}});
    }
    items.push_back(mstch::map{{"clause", it.clause},
                               {"text", it.text},
                               {"tasks", tasks},
                               {"has_tasks", !tasks.empty()},
                               {"assign_url", "/tasks/items/" + std::to_string(it.id) + "/assign"},
                               {"assign_label", v.f("tasks.work.doc.assign_item", {{"n", std::to_string(it.seq)}})}});
  }
  const Document& d = l.doc;
  const bool has_current = std::any_of(l.files.begin(), l.files.end(), [](const DocumentFile& f) { return f.replaced_at.empty(); });
  const std::string file_done = web::query(req, "file");
  std::string file_notice;
  if (problems.empty() && (file_done == "attached" || file_done == "replaced"))
    file_notice = v.t("tasks.work.doc.file_" + file_done);
  mstch::map c{{"title", d.number},
               {"created", web::query(req, "created") == "1"},
               {"file_notice", file_notice},
               {"kind", kind_label(v, d.kind)},
               {"number", d.number},
               {"issued_on", v.date(d.issued_on)},
               {"issuer", names[d.issuer_agency_id]},
               {"signer", d.signer},
               {"subject", d.subject},
               {"visibility", v.t(d.is_public ? "tasks.work.doc.public" : "tasks.work.doc.internal")},
               {"is_public", d.is_public},
               {"public_url", "/tasks/public/" + std::to_string(d.id)},
               {"files", file_rows(v, l.files)},
               {"has_files", !l.files.empty()},
               {"file_action", document_url(d.id) + "/files"},
               {"file_submit", v.t(has_current ? "tasks.work.doc.file_replace" : "tasks.work.doc.file_attach")},
               {"items", items}};
  web::put_field_errors(c, v, problems, {{"file", {"f-file", "tasks.work.field.signed_file"}}});
  return ctx.pages.render(req, "tasks_work_document", std::move(c), problems.empty() ? 200 : 422);
}

Response document_page(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  return document_view(ctx, req, load_document(ctx, p, web::path_id(req)), {});
}

// The assigning office attaches the signed file later, or replaces it (the old one stays listed).
Response attach_file_post(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  DocLoaded l = load_document(ctx, p, id);
  std::vector<web::FieldProblem> problems;
  auto file = read_signed_file(ctx, req, problems);
  if (problems.empty() && !file) problems.push_back({"file", "tasks.work.error.signed_file_required"});
  if (!file) return document_view(ctx, req, l, problems);
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_request(ctx, req);
  DocumentFileResult r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec};
    return attach_document_file(env, id, *file, p.account_id);
  });
  if (r.error == Error::not_found) not_found();
  if (!r.ok()) return document_view(ctx, req, l, {{"file", error_message_id(r.error)}});
  return Response::redirect(document_url(id) + (r.replaced ? "?file=replaced" : "?file=attached"));
}

// A signed file of the document, current or replaced, for those who see the document.
Response document_file(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t file_id = web::path_id(req, "file");
  struct Found {
    std::optional<Document> doc;
    std::optional<std::pair<DocumentFile, std::string>> file;
  };
  Found found = ctx.db.with_session([&](soci::session& s) {
    Found out;
    out.doc = find_document(s, id);
    if (out.doc && may_assign(p, out.doc->issuer_agency_id)) out.file = load_document_file(s, id, file_id, false);
    return out;
  });
  if (!found.doc) not_found();
  auth::require(may_assign(p, found.doc->issuer_agency_id), "a document's file of another office");
  if (!found.file) not_found();
  return send_document_file(found.file->first, found.file->second, false);
}

// ---- assigning a task from an item ----

struct AssignLoaded {
  bool found = false;
  ItemWithDocument item;
  std::vector<directory::AgencyRef> agencies;
};

AssignLoaded load_item(app::Context& ctx, const auth::Principal& p, std::int64_t item_id) {
  AssignLoaded l = ctx.db.with_session([&](soci::session& s) {
    AssignLoaded out;
    auto found = item_with_document(s, item_id);
    if (!found) return out;
    out.found = true;
    out.item = *found;
    if (may_assign(p, out.item.document.issuer_agency_id)) out.agencies = directory::active_agencies(s);
    return out;
  });
  if (!l.found) not_found();
  auth::require(may_assign(p, l.item.document.issuer_agency_id), "assign a task of another office");
  return l;
}

Response assign_page(app::Context& ctx, const Request& req, const AssignLoaded& l, const TaskForm& f,
                     const std::vector<web::FieldProblem>& problems) {
  View v{ctx, req};
  const auto& it = l.item.item;
  const auto& d = l.item.document;
  mstch::map c{{"title", v.f("tasks.work.assign.title", {{"number", d.number}, {"n", std::to_string(it.seq)}})},
               {"action", "/tasks/items/" + std::to_string(it.id) + "/assign"},
               {"document_url", "/tasks/documents/" + std::to_string(d.id)},
               {"number", d.number},
               {"clause", it.clause},
               {"text", it.text},
               {"submit", v.t("tasks.work.assign.submit")}};
  put_task_form(c, v, f, l.agencies, true);
  web::put_field_errors(c, v, problems, kTaskFields);
  return ctx.pages.render(req, "tasks_work_assign", std::move(c), problems.empty() ? 200 : 422);
}

Response assign_form(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  AssignLoaded l = load_item(ctx, p, web::path_id(req));
  TaskForm f;
  f.assigned_on = today_text(ctx);
  f.content = l.item.item.text;
  return assign_page(ctx, req, l, f, {});
}

Response assign_post(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  AssignLoaded l = load_item(ctx, p, web::path_id(req));
  TaskForm f = read_task_form(req, l.agencies);
  std::vector<web::FieldProblem> problems;
  auto in = task_of_form(f, problems);
  if (!in) return assign_page(ctx, req, l, f, problems);
  in->item_id = l.item.item.id;
  // The issuing office follows its document's tasks up (permissions.h: the assigner).
  in->assigner_agency_id = l.item.document.issuer_agency_id;
  in->assigned_by = p.account_id;
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_request(ctx, req);
  TaskResult r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec};
    return assign(env, *in);
  });
  if (r.error == Error::not_found) not_found();
  if (!r.ok()) return assign_page(ctx, req, l, f, {{assign_error_field(r.error), error_message_id(r.error)}});
  return Response::redirect("/tasks/" + std::to_string(r.task.id) + "?done=assign");
}

}  // namespace

namespace work {

Response send_document_file(const DocumentFile& meta, const std::string& content, bool is_public) {
  auto bytes = document::from_base64(content);
  if (!bytes) throw http::Error(http::ErrorKind::internal, "task document file " + std::to_string(meta.id) + " unreadable");
  Response r = Response::text(std::move(*bytes), meta.content_type);
  r.headers.set("Content-Disposition", document::attachment_disposition(meta.file_name));
  r.headers.set("Cache-Control", is_public ? "public, max-age=60" : "private, no-store");
  return r;
}

}  // namespace work

void add_work_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/tasks/documents/new", new_document);
  on.add("POST", "/tasks/documents", create_document_post, kSignedUpload);
  on.add("GET", "/tasks/documents/{id}", document_page);
  on.add("POST", "/tasks/documents/{id}/files", attach_file_post, kSignedUpload);
  on.add("GET", "/tasks/documents/{id}/files/{file}", document_file);
  on.add("GET", "/tasks/items/{id}/assign", assign_form);
  on.add("POST", "/tasks/items/{id}/assign", assign_post);
  work::add_task_routes(on);
}

// The body's view is in the specialists' menu; the agency leader's menu is full at 1280 px (one
// line, tests/e2e/wayfinding.test.mjs) and reaches it from its tasks' pages.
std::vector<web::NavEntry> work_nav() {
  return {{"/tasks/documents/new", "tasks.work.nav.record", false, {Role::province_leader}},
          {"/tasks/mine", "tasks.work.nav.mine", false, {Role::specialist}}};
}

}  // namespace tinhso::tasks
