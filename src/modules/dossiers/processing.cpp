// The handling agency's pages (issue 5 §4–5): the work queue, a dossier's processing page, and
// the transitions after receipt — assign, propose with result documents, approve, send back,
// transfer, the desk's return of the result — plus the apology with a new appointment date.
// Every change goes through transition::apply (the apology through usecases.h apologise, which
// applies it too) in one transaction; permissions.cpp decides who may act.
#include <algorithm>

#include <mstch/mstch.hpp>
#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/auth/guard.h"
#include "core/document/pdf.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/notify.h"
#include "modules/dossiers/permissions.h"
#include "modules/dossiers/routes.h"
#include "modules/dossiers/statistics.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_processing.h"
#include "modules/dossiers/usecases.h"
#include "modules/dossiers/api.h"

namespace tinhso::dossiers {

namespace {

using http::Request;
using http::Response;
using intake::Problem;
using intake::View;

constexpr int kMaxPageSize = 100;
constexpr std::size_t kMaxNote = 4000;

const std::string kP = "dossier_processing.";

// A whole number by the id rule (web::parse_id); 0 when `text` is not one.
std::int64_t parse_id(std::string_view text) { return web::parse_id(text).value_or(0); }

// The dossier named in the path, if the caller may see its processing page; 404 otherwise, so a
// code reveals nothing to others.
Dossier work_dossier(app::Context& ctx, const Request& req, const auth::Principal& p) {
  auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier_by_code(s, std::string(req.param("code"))); });
  if (!d || !may_view_work(p, *d)) intake::not_found("no visible dossier " + std::string(req.param("code")));
  return *d;
}

std::string urgency_of(app::Context& ctx, const std::string& due_date, bool paused) {
  if (paused || due_date.empty()) return "none";
  auto due = calendar::parse_date(due_date);
  if (!due) return "none";
  return std::string(urgency_code(urgency(calendar::to_local(ctx.clock.now()).day, *due, *ctx.calendar.current())));
}

// ---- GET /work ----

Response queue_page(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  View v{ctx, req};
  QueueFilter f;
  if (p.has(auth::Role::agency_leader)) {
    f.agencies = p.agency_scope;
  } else if (p.has(auth::Role::specialist)) {
    f.agencies = p.agency_scope;
    f.assignee_id = p.account_id;
  } else {
    f.agencies = p.agency_scope;
    f.by_desk = true;
  }
  if (f.agencies.empty()) f.agencies.push_back(0);
  std::string state(req.query_params.get_or("state", ""));
  if (!state.empty() && !parse_state(state))
    throw http::Error(http::ErrorKind::bad_request, "bad state", kP + "error.filter");
  f.state = state;
  std::string due(req.query_params.get_or("due", ""));
  calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  auto cal = ctx.calendar.current();
  if (due == "overdue") {
    f.due_by = calendar::format_date(today - std::chrono::days(1));
  } else if (due == "due_soon") {
    f.due_by = calendar::format_date(cal->next_working_day(today).value_or(today));
  } else if (!due.empty()) {
    throw http::Error(http::ErrorKind::bad_request, "bad due filter", kP + "error.filter");
  }
  if (p.has(auth::Role::agency_leader) && req.query_params.get_or("mine", "") == "1") f.assignee_id = p.account_id;
  f.code_prefix = std::string(trim(req.query_params.get_or("code", "")));
  int size = intake::kPageSize;
  if (auto ps = req.query_params.get("page_size"); ps && !ps->empty()) {
    size = static_cast<int>(parse_id(*ps));
    if (size < 1 || size > kMaxPageSize)
      throw http::Error(http::ErrorKind::bad_request, "bad page size", kP + "error.filter");
  }
  web::Paging paging = web::paging(req, size);
  f.limit = paging.size;
  f.offset = static_cast<int>(paging.offset());
  auto [rows, total] = ctx.db.with_session([&](soci::session& s) {
    long long n = count_queue(s, f);
    return std::make_pair(list_queue(s, f, n), n);
  });
  mstch::array items;
  for (const auto& r : rows) {
    std::string u = urgency_of(ctx, r.due_date, r.paused);
    items.push_back(mstch::map{
        {"code", r.code},
        {"url", "/work/dossiers/" + r.code},
        {"procedure", r.procedure_name},
        {"applicant", r.applicant_name},
        {"state", intake::state_label(v, r.state)},
        {"state_tag", intake::state_tag(r.state)},
        {"due", v.date(r.due_date)},
        {"due_iso", r.due_date},
        {"appointment", r.appointment_date != r.due_date ? v.date(r.appointment_date) : std::string()},
        {"assignee", r.assignee_name},
        {"paused", r.paused},
        {"overdue", u == "overdue"},
        {"due_soon", u == "due_soon"},
        {"apologised", r.apologised},
    });
  }
  mstch::array states;
  for (auto s : {State::received, State::processing, State::proposed, State::approved, State::supplement_requested}) {
    std::string code(state_code(s));
    states.push_back(mstch::map{{"value", code}, {"label", intake::state_label(v, code)}, {"selected", code == state}});
  }
  mstch::map pager = web::pager_of_total(req, "/work", paging, total);
  std::string page = std::to_string(paging.page), pages = boost::get<std::string>(pager["pages"]);
  mstch::map c{{"title", v.t(kP + "queue.title")},
               {"items", items},
               {"empty", items.empty()},
               {"total", text::format_integer(total, req.lang)},
               {"states", states},
               {"code", f.code_prefix},
               {"due_any", due.empty()},
               {"due_overdue", due == "overdue"},
               {"due_soon", due == "due_soon"},
               {"page_text", v.f(kP + "queue.page", {{"page", page}, {"pages", pages}})}};
  c.merge(std::move(pager));
  return ctx.pages.render(req, "processing_queue", std::move(c));
}

// ---- GET /work/dossiers/{code} ----

Response dossier_page(app::Context& ctx, const Request& req, const auth::Principal& p, const Dossier& d,
                      const std::vector<Problem>& problems = {}, int status = 200) {
  View v{ctx, req};
  mstch::map c;
  ctx.db.with_session([&](soci::session& s) {
    auto proc = procedure_ref(s, d.procedure_id);
    auto agency = find_agency(s, d.agency_id);
    auto apology = find_apology(s, d.id);
    mstch::array files, history, specialists, agencies;
    for (const auto& f : list_files(s, d.id))
      files.push_back(mstch::map{{"name", f.file_name},
                                 {"url", "/work/dossiers/" + d.code + "/files/" + std::to_string(f.id)},
                                 {"role", v.t(kP + "file_role." + f.role)},
                                 {"size", text::format_integer((f.size + 1023) / 1024, req.lang)}});
    for (const auto& e : load_events(s, d.id))
      history.push_back(mstch::map{{"at", v.time(e.at)},
                                   {"at_iso", e.at},
                                   {"action", v.t(kP + "action." + e.action)},
                                   {"state", intake::state_label(v, e.to_state)},
                                   {"note", e.note}});
    bool leader = is_leader_of(p, d);
    if (leader && (d.state == State::received || d.state == State::processing)) {
      for (const auto& sp : staff_with_role(s, d.agency_id, "specialist"))
        specialists.push_back(
            mstch::map{{"id", std::to_string(sp.id)}, {"name", sp.name}, {"selected", sp.id == d.assignee_id}});
      for (const auto& a : active_agencies(s))
        if (a.id != d.agency_id) agencies.push_back(mstch::map{{"id", std::to_string(a.id)}, {"name", a.name}});
    }
    std::string u = urgency_of(ctx, d.due_date, !d.paused_at.empty());
    c = mstch::map{
        {"title", v.f(kP + "dossier.title", {{"code", d.code}})},
        {"code", d.code},
        {"procedure", proc.name},
        {"procedure_code", proc.code},
        {"agency", agency ? agency->name : std::string()},
        {"state", intake::state_label(v, state_code(d.state))},
        {"state_tag", intake::state_tag(state_code(d.state))},
        {"applicant", d.applicant_name},
        {"details", d.details},
        {"received", v.time(d.received_at)},
        {"received_iso", d.received_at},
        {"due", v.date(d.due_date)},
        {"due_iso", d.due_date},
        {"appointment", v.date(d.appointment_date)},
        {"appointment_iso", d.appointment_date},
        {"paused", !d.paused_at.empty()},
        {"overdue", u == "overdue"},
        {"due_soon", u == "due_soon"},
        {"assignee", d.assignee_id ? account_name(s, d.assignee_id) : std::string()},
        {"returned", v.time(d.returned_at)},
        {"returned_iso", d.returned_at},
        {"on_time", d.on_time.has_value() && *d.on_time},
        {"late", d.on_time.has_value() && !*d.on_time},
        {"files", files},
        {"has_files", !files.empty()},
        {"history", history},
        {"action_base", "/work/dossiers/" + d.code},
        {"can_assign", leader && !specialists.empty()},
        {"specialists", specialists},
        {"can_transfer", leader && !agencies.empty()},
        {"agencies", agencies},
        {"can_propose", is_assignee_of(p, d) && d.state == State::processing},
        {"can_decide", leader && d.state == State::proposed},
        {"can_return", is_desk_officer_of(p, d) && d.state == State::approved},
        {"can_apologise", leader && (apology ? apology->count : 0) < settings(ctx).apology_max_reschedules &&
                              clock_of(d) == Clock::running},
        {"note", std::string(req.form.get_or("note", ""))},
        {"reason", std::string(req.form.get_or("reason", ""))},
        {"new_date", std::string(req.form.get_or("new_date", ""))},
    };
    c.merge(intake::problems_page_context(problems));
    if (apology)
      c["apology"] = mstch::map{{"issued", v.time(apology->issued_at)}, {"reason", apology->reason},
                                {"old_date", v.date(apology->old_date)}, {"new_date", v.date(apology->new_date)}};
  });
  return ctx.pages.render(req, "processing_dossier", std::move(c), status);
}

Response show(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  return dossier_page(ctx, req, p, work_dossier(ctx, req, p));
}

// GET /work/dossiers/{code}/files/{id}
Response file(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auto f = ctx.db.with_session([&](soci::session& s) { return load_file(s, d.id, web::path_id(req)); });
  if (!f) intake::not_found("no such file");
  return intake::download(f->first, std::move(f->second));
}

// ---- transitions ----

// Applies `cmd` (usecases.h act) on the version the page showed, with `extra` (e.g. storing
// result files) run after the change in its transaction; redirects to the dossier's page, or
// answers 409 when the state or the version moved, 422 for an invalid command.
Response transit(app::Context& ctx, const Request& req, const auth::Principal& p, const Dossier& d, Actor role,
                 const Command& cmd, const AfterChange& extra = {}) {
  Applied a = act(intake::env(ctx), intake::who(ctx, req, role, p), d.id, cmd, extra, d.version);
  switch (a.result) {
    case Result::done: return Response::redirect("/work/dossiers/" + d.code);
    case Result::not_allowed:
      throw http::Error(http::ErrorKind::conflict, "transition not allowed", kP + "error.not_allowed");
    case Result::invalid: throw http::Error(http::ErrorKind::invalid_input, "invalid command", kP + "error.invalid");
    case Result::conflict: break;
  }
  throw http::Error(http::ErrorKind::conflict, "dossier changed", kP + "error.changed");
}

std::string note_of(const Request& req) {
  std::string n = intake::field(req, "note");
  if (n.size() > kMaxNote) throw http::Error(http::ErrorKind::invalid_input, "note too long", kP + "error.note_long");
  return n;
}

// The version the form was rendered with: a stale form is refused with 409.
void take_version(const Request& req, Dossier& d) {
  if (auto v = req.form.get("version"); v && !v->empty()) {
    auto n = parse_id(*v);
    if (static_cast<int>(n) != d.version && !(n == 0 && *v == "0"))
      throw http::Error(http::ErrorKind::conflict, "stale form", kP + "error.changed");
  }
}

// POST /work/dossiers/{code}/assign: a leader gives it to an active specialist of the agency.
Response assign(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_leader_of(p, d), "dossiers.assign");
  take_version(req, d);
  auto target = web::field_id(req, "assignee_id").value_or(0);
  bool ok = target && ctx.db.with_session([&](soci::session& s) {
    auto staff = staff_with_role(s, d.agency_id, "specialist");
    return std::any_of(staff.begin(), staff.end(), [&](const Person& x) { return x.id == target; });
  });
  if (!ok) return dossier_page(ctx, req, p, d, {{"assignee_id", View{ctx, req}.t(kP + "error.assignee")}}, 422);
  return transit(ctx, req, p, d, Actor::agency_leader, {Action::assign, note_of(req), target, 0});
}

// POST /work/dossiers/{code}/propose (multipart): the assignee proposes the result, with its
// documents (PDF, JPEG, PNG checked by content) and a note.
Response propose(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_assignee_of(p, d), "dossiers.propose");
  take_version(req, d);
  View v{ctx, req};
  auto proc = intake::procedure_or_404(ctx, d.procedure_id);
  auto existing = ctx.db.with_session([&](soci::session& s) { return list_files(s, d.id); });
  std::uint64_t bytes = 0;
  for (const auto& f : existing) bytes += static_cast<std::uint64_t>(f.size);
  std::vector<Problem> problems;
  procedures::Procedure no_documents = proc;
  no_documents.documents.clear();  // result files answer no required document
  auto uploads = intake::read_uploads(v, no_documents, bytes, existing.size(), problems, v.t(kP + "propose.files"));
  bool has_result = std::any_of(existing.begin(), existing.end(), [](const FileInfo& f) { return f.role == "result"; });
  if (uploads.empty() && !has_result) problems.push_back({"result", v.t(kP + "error.result_missing")});
  if (!problems.empty()) return dossier_page(ctx, req, p, d, problems, 422);
  std::string note = note_of(req);
  return transit(ctx, req, p, d, Actor::specialist, {Action::propose, note, 0, 0},
                 [&](soci::session& s, const Dossier& after) {
                   intake::store_uploads(s, after.id, "result", uploads, p.account_id, after.updated_at, false);
                 });
}

Response approve(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_leader_of(p, d), "dossiers.approve");
  take_version(req, d);
  return transit(ctx, req, p, d, Actor::agency_leader, {Action::approve, note_of(req), 0, 0});
}

Response send_back(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_leader_of(p, d), "dossiers.send_back");
  take_version(req, d);
  std::string note = note_of(req);
  if (note.empty()) return dossier_page(ctx, req, p, d, {{"note", View{ctx, req}.t(kP + "error.reason")}}, 422);
  return transit(ctx, req, p, d, Actor::agency_leader, {Action::send_back, note, 0, 0});
}

// POST /work/dossiers/{code}/transfer: to another active agency that must act; the statutory
// clock keeps running (transition.cpp: no clock effect).
Response transfer(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_leader_of(p, d), "dossiers.transfer");
  take_version(req, d);
  View v{ctx, req};
  std::vector<Problem> problems;
  auto to = web::field_id(req, "agency_id").value_or(0);
  bool known = to && to != d.agency_id &&
               ctx.db.with_session([&](soci::session& s) { return find_agency(s, to).has_value(); });
  if (!known) problems.push_back({"agency_id", v.t(kP + "error.agency")});
  std::string note = note_of(req);
  if (note.empty()) problems.push_back({"transfer-note", v.t(kP + "error.reason")});
  if (!problems.empty()) return dossier_page(ctx, req, p, d, problems, 422);
  return transit(ctx, req, p, d, Actor::agency_leader, {Action::transfer, note, 0, to});
}

// POST /work/dossiers/{code}/return-result: the desk hands the result over (Art. 20); on time
// or late is decided by transition.cpp against the statutory due date.
Response return_result(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_desk_officer_of(p, d), "dossiers.return_result");
  take_version(req, d);
  return transit(ctx, req, p, d, Actor::one_stop_officer, {Action::return_result, note_of(req), 0, 0});
}

// ---- the apology (Decree 61/2018/NĐ-CP Art. 19(9)) ----

std::string apology_pdf(app::Context& ctx, const Dossier& d, const Apology& a,
                        const std::string& agency_name, const std::string& procedure, const std::string& leader) {
  const auto& cat = ctx.pages.catalog();
  const std::string lang = "vi";
  auto t = [&](const std::string& id) { return cat.get(lang, kP + "apology_pdf." + id); };
  auto day = [](const std::string& iso) { return display_date(iso); };
  document::Document doc;
  doc.title = t("title");
  doc.created = ctx.clock.now();
  doc.blocks.push_back(document::Header{{{agency_name, {.bold = true}}},
                                        {{t("motto_1"), {.bold = true}}, {t("motto_2"), {.bold = true, .underline = true}},
                                         {cat.format(lang, kP + "apology_pdf.place_date",
                                                     {{"date", day(calendar::format_date(calendar::to_local(ctx.clock.now()).day))}}),
                                          {.italic = true}}}});
  doc.blocks.push_back(document::Title{t("title"), ""});
  doc.blocks.push_back(document::Paragraph{cat.format(lang, kP + "apology_pdf.to", {{"name", d.applicant_name}})});
  doc.blocks.push_back(document::Paragraph{cat.format(
      lang, kP + "apology_pdf.body",
      {{"agency", agency_name}, {"code", d.code}, {"procedure", procedure}, {"old", day(a.old_date)}})});
  doc.blocks.push_back(document::KeyValueTable{{{t("code"), d.code},
                                                {t("procedure"), procedure},
                                                {t("reason"), a.reason},
                                                {t("old_date"), day(a.old_date)},
                                                {t("new_date"), day(a.new_date)}}});
  doc.blocks.push_back(document::Paragraph{t("closing")});
  doc.blocks.push_back(document::Signatures{{{t("signer"), "", leader}}});
  return document::render_pdf(doc);
}

ApologyRules apology_rules(const Settings& s) { return {s.apology_days_before_due, s.apology_max_reschedules}; }

// POST /work/dossiers/{code}/apology: a leader apologises with a new appointment date
// (usecases.h apologise).
Response apology(app::Context& ctx, Request& req) {
  const auth::Principal& p = require_processing_staff(req);
  Dossier d = work_dossier(ctx, req, p);
  auth::require(is_leader_of(p, d), "dossiers.apology");
  take_version(req, d);
  View v{ctx, req};
  std::string reason = intake::field(req, "reason"), new_date = intake::field(req, "new_date");
  if (reason.size() > kMaxNote) throw http::Error(http::ErrorKind::invalid_input, "reason too long", kP + "error.note_long");
  auto letter = [&](soci::session& s, const Dossier& after, const Apology& a) {
    auto agency = find_agency(s, after.agency_id);
    return apology_pdf(ctx, after, a, agency ? agency->name : "", procedure_ref(s, after.procedure_id).name,
                       account_name(s, p.account_id));
  };
  Apologised r = apologise(intake::env(ctx), intake::who(ctx, req, Actor::agency_leader, p),
                           {d, reason, new_date, apology_rules(settings(ctx))}, letter);
  switch (r.kind) {
    case Apologised::done: return Response::redirect("/work/dossiers/" + d.code);
    case Apologised::conflict: break;
    case Apologised::refused: {
      const std::string message = kP + "apology.error." + std::string(apology_check_code(r.check));
      if (r.check == ApologyCheck::already_issued || r.check == ApologyCheck::not_open ||
          r.check == ApologyCheck::too_late)
        throw http::Error(http::ErrorKind::conflict, "apology refused", message);
      std::string fieldname = r.check == ApologyCheck::no_reason ? "reason" : "new_date";
      return dossier_page(ctx, req, p, d, {{fieldname, v.t(message)}}, 422);
    }
  }
  throw http::Error(http::ErrorKind::conflict, "apology raced", kP + "error.changed");
}

}  // namespace

void add_processing_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/work", queue_page);
  on.add("GET", "/work/dossiers/{code}", show);
  on.add("GET", "/work/dossiers/{code}/files/{id}", file);
  on.add("POST", "/work/dossiers/{code}/assign", assign);
  http::RouteOptions uploads;
  uploads.multipart = true;
  uploads.uploads.max_file_bytes = kMaxFileBytes;
  uploads.uploads.max_total_bytes = kMaxDossierBytes;
  uploads.uploads.max_files = 10;
  on.add("POST", "/work/dossiers/{code}/propose", propose, uploads);
  on.add("POST", "/work/dossiers/{code}/approve", approve);
  on.add("POST", "/work/dossiers/{code}/send-back", send_back);
  on.add("POST", "/work/dossiers/{code}/transfer", transfer);
  on.add("POST", "/work/dossiers/{code}/return-result", return_result);
  on.add("POST", "/work/dossiers/{code}/apology", apology);
  add_statistics_routes(router, ctx);
}

}  // namespace tinhso::dossiers
