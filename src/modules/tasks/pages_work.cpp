// The leaders' office's pages (issue 16 §1–§2): a source document with its items, and a task
// assigned from an item. Parse → permission (permissions.h may_assign) → use case in one
// transaction with its audit record → 303, or the form again with its problems (422).
#include "modules/tasks/pages_work.h"

#include "core/auth/guard.h"
#include "core/http/errors.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
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
  auth::require(p.has(Role::province_leader) ||
                    (p.agency_id && (p.has(Role::agency_leader) || p.has(Role::specialist))),
                "record a task document");
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
                                   {"items", {"f-text-1", "tasks.work.field.items"}}};

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

Response document_page(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  View v{ctx, req};
  struct Loaded {
    std::optional<Document> doc;
    std::vector<Item> items;
    std::vector<TaskRow> tasks;
    std::vector<directory::AgencyRef> agencies;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.doc = find_document(s, id);
    if (!out.doc || !may_assign(p, out.doc->issuer_agency_id)) return out;
    out.items = document_items(s, id);
    out.tasks = document_tasks(s, id);
    out.agencies = directory::all_agencies(s);
    return out;
  });
  if (!l.doc) not_found();
  auth::require(may_assign(p, l.doc->issuer_agency_id), "see a document of another office");
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
  const Document& d = *l.doc;
  mstch::map c{{"title", d.number},
               {"created", web::query(req, "created") == "1"},
               {"kind", kind_label(v, d.kind)},
               {"number", d.number},
               {"issued_on", v.date(d.issued_on)},
               {"issuer", names[d.issuer_agency_id]},
               {"signer", d.signer},
               {"subject", d.subject},
               {"visibility", v.t(d.is_public ? "tasks.work.doc.public" : "tasks.work.doc.internal")},
               {"items", items}};
  return ctx.pages.render(req, "tasks_work_document", std::move(c));
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

void add_work_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/tasks/documents/new", new_document);
  on.add("POST", "/tasks/documents", create_document_post);
  on.add("GET", "/tasks/documents/{id}", document_page);
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
