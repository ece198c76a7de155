// The one-stop desk (issue 5 §3; Decree 61/2018/NĐ-CP Art. 17, 19(4), 19(5)): the inbox, a
// dossier's page, receipt with the receipt PDF, supplement requests, refusal, counter entry.
// Scope: the dossier's desk agency must be in the officer's agency scope (else 404).
#include <algorithm>

#include "core/auth/clock.h"
#include "core/http/errors.h"
#include "core/text/vietnamese.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "core/web/paging.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/intake_routes.h"
#include "modules/dossiers/permissions.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_intake.h"

namespace tinhso::dossiers::intake {

namespace {

using http::Request;
using http::Response;

// The inbox's filters: what waits for the desk, and the other open states it may look at.
constexpr std::string_view kInboxStates[] = {"submitted", "approved", "supplement_requested", "received"};

Dossier desk_dossier(app::Context& ctx, const auth::Principal& p, const Request& req) {
  auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier_by_code(s, std::string(req.param("code"))); });
  if (!d || !is_desk_officer_of(p, *d)) not_found("no such dossier at this desk");
  return *d;
}

std::string desk_url(const Dossier& d) { return "/desk/dossiers/" + d.code; }

// GET /desk?state=…&page=N: oldest first.
Response inbox(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  View v{ctx, req};
  std::string filter(req.query_params.get_or("state", ""));
  std::vector<std::string> states;
  for (auto s : kInboxStates)
    if (filter.empty() ? (s == "submitted" || s == "approved") : filter == s) states.emplace_back(s);
  if (states.empty()) throw http::Error(http::ErrorKind::bad_request, "bad state filter", "dossiers.error.state_filter");
  web::Paging paging = web::paging(req, kPageSize);
  auto rows = ctx.db.with_session([&](soci::session& s) {
    return list_desk_dossiers(s, p.agency_scope, states, paging.size, static_cast<int>(paging.offset()));
  });
  bool more = rows.size() > static_cast<std::size_t>(kPageSize);
  if (more) rows.pop_back();
  mstch::array items, filters;
  for (const auto& r : rows)
    items.push_back(mstch::map{{"code", r.code}, {"url", "/desk/dossiers/" + r.code},
                               {"procedure", procedure_name(v, r.procedure_name, r.procedure_name_en)},
                               {"applicant", r.applicant_name}, {"state", state_label(v, r.state)},
                               {"state_tag", state_tag(r.state)},
                               {"channel", v.t("dossiers.channel." + r.channel)}, {"submitted_at", v.time(r.submitted_at)},
                               {"submitted_iso", r.submitted_at}, {"appointment_date", v.date(r.appointment_date)},
                               {"appointment_iso", r.appointment_date}});
  filters.push_back(mstch::map{{"value", std::string()}, {"label", v.t("dossiers.desk.filter_waiting")}, {"selected", filter.empty()}});
  for (auto s : kInboxStates)
    filters.push_back(mstch::map{{"value", std::string(s)}, {"label", state_label(v, s)}, {"selected", filter == s}});
  mstch::map c{{"title", v.t("dossiers.desk.title")}, {"items", items}, {"empty", items.empty()}, {"filters", filters}};
  c.merge(web::pager(req, "/desk", paging, more));
  return ctx.pages.render(req, "desk_inbox", std::move(c));
}

Response dossier_page(app::Context& ctx, const Request& req, const Dossier& d, const std::vector<Problem>& problems,
                      const std::string& items, const std::string& reason) {
  View v{ctx, req};
  auto proc = procedure_or_404(ctx, d.procedure_id);
  mstch::map c = ctx.db.with_session(
      [&](soci::session& s) { return dossier_context(v, s, d, proc, "/dossiers/" + d.code + "/files/"); });
  std::string limit = supplement_limit(ctx, d);
  std::string today = calendar::format_date(calendar::to_local(ctx.clock.now()).day);
  c["title"] = v.f("dossiers.desk.dossier_title", {{"code", d.code}});
  c["base"] = desk_url(d);
  c["can_receive"] = d.state == State::submitted;
  c["can_refuse"] = d.state == State::submitted;
  c["can_request"] = d.state == State::submitted || d.state == State::received;
  // The result is handed over on the processing page's route (Decree 61/2018/NĐ-CP Art. 20).
  c["return_url"] = d.state == State::approved ? "/work/dossiers/" + d.code + "/return-result" : "";
  c["supplement_limit"] = limit.empty() ? "" : v.f("dossiers.desk.supplement_limit", {{"date", v.date(limit)}});
  c["supplement_late"] = !limit.empty() && today > limit;
  c["items_value"] = items;
  c["reason_value"] = reason;
  c.merge(problems_page_context(problems));
  return ctx.pages.render(req, "desk_dossier", std::move(c), problems.empty() ? 200 : 422);
}

// GET /desk/dossiers/{code}
Response show(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  return dossier_page(ctx, req, desk_dossier(ctx, p, req), {}, "", "");
}

// Applies `cmd` as the officer (usecases.h act) with `extra` (receipt, supplement row) in its
// transaction; 409 when the table does not allow it now or someone changed it meanwhile.
Dossier act(app::Context& ctx, const Request& req, const auth::Principal& p, const Dossier& d, const Command& cmd,
            const AfterChange& extra) {
  Applied applied = dossiers::act(env(ctx), who(ctx, req, Actor::one_stop_officer, p), d.id, cmd, extra);
  if (applied.result == Result::not_allowed)
    throw http::Error(http::ErrorKind::conflict, "transition not allowed", "dossiers.error.not_allowed");
  if (applied.result != Result::done)
    throw http::Error(http::ErrorKind::conflict, "changed meanwhile", "dossiers.error.changed");
  return applied.dossier;
}

// POST /desk/dossiers/{code}/receive: the clock starts; the receipt is issued (Art. 17).
Response receive(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  Dossier d = desk_dossier(ctx, p, req);
  auto proc = procedure_or_404(ctx, d.procedure_id);
  act(ctx, req, p, d, {Action::receive}, [&](soci::session& s, const Dossier& after) { store_receipt(s, ctx, after, proc, p); });
  return Response::redirect(desk_url(d));
}

// POST /desk/dossiers/{code}/request-supplement: one list, one item per line (Art. 19(4)).
// Requests after the 3-working-day limit are still made — the applicant must be able to complete
// the dossier — and are marked late on the request for the desk and inspectors.
Response request_supplement(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  View v{ctx, req};
  Dossier d = desk_dossier(ctx, p, req);
  std::string items = field(req, "items");
  if (items.empty() || items.size() > 5000 || !valid_utf8(items))
    return dossier_page(ctx, req, d, {{"items", v.t("dossiers.error.items")}}, items, "");
  std::string limit = supplement_limit(ctx, d);
  bool late = !limit.empty() && calendar::format_date(calendar::to_local(ctx.clock.now()).day) > limit;
  act(ctx, req, p, d, {Action::request_supplement, items}, [&](soci::session& s, const Dossier& after) {
    insert_supplement(s, after.id, {0, auth::iso_utc(ctx.clock.now()), items, "", p.account_id, late});
  });
  return Response::redirect(desk_url(d));
}

// POST /desk/dossiers/{code}/refuse: with the reasons (Art. 19(5)).
Response refuse(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  View v{ctx, req};
  Dossier d = desk_dossier(ctx, p, req);
  std::string reason = field(req, "reason");
  if (reason.empty() || reason.size() > 5000 || !valid_utf8(reason))
    return dossier_page(ctx, req, d, {{"reason", v.t("dossiers.error.reason")}}, "", reason);
  act(ctx, req, p, d, {Action::refuse, reason}, {});
  return Response::redirect(desk_url(d));
}

// ---- counter entry: a paper dossier, created as received with its receipt ----

struct CounterForm {
  ApplicantForm applicant;
  std::string key;
  std::vector<Problem> problems;
};

// The active procedures the officer's desks receive, grouped by field (optgroups of the
// counter's list), narrowed to those whose code or name contains every word of `q` — accents
// and case ignored; `code` is selected.
mstch::array procedure_groups(app::Context& ctx, const View& v, const auth::Principal& p, const std::string& q,
                              const std::string& code) {
  auto all = ctx.db.with_session([&](soci::session& s) { return procedures::active_procedure_choices(s); });
  const std::string folded = text::fold(q);
  std::vector<std::string> words;
  for (auto w : split(folded, ' '))
    if (!w.empty()) words.emplace_back(w);
  mstch::array groups, options;
  std::string field;
  auto close = [&] {
    if (!options.empty()) groups.push_back(mstch::map{{"field", field}, {"options", std::move(options)}});
    options = {};
  };
  for (const auto& c : all) {
    if (!p.in_scope(c.desk_agency_id)) continue;
    std::string hay = text::fold(c.code + " " + c.name + " " + c.name_en);
    bool match = std::all_of(words.begin(), words.end(), [&](const std::string& w) { return hay.find(w) != std::string::npos; });
    if (!match && c.code != code) continue;
    if (c.field != field) close();
    field = c.field;
    options.push_back(mstch::map{{"code", c.code}, {"name", procedure_name(v, c.name, c.name_en)}, {"selected", c.code == code}});
  }
  close();
  return groups;
}

Response counter_page(app::Context& ctx, const Request& req, const std::optional<procedures::Procedure>& proc,
                      const std::string& code, const CounterForm& f, int status) {
  View v{ctx, req};
  const auto& p = *req.principal;
  mstch::array docs;
  if (proc)
    for (const auto& doc : proc->documents) {
      std::string error;
      for (const auto& pr : f.problems)
        if (pr.field == "doc_" + std::to_string(doc.id)) error += (error.empty() ? "" : " ") + pr.message;
      docs.push_back(mstch::map{{"id", std::to_string(doc.id)}, {"name", doc.name}, {"mandatory", doc.mandatory},
                                {"doc_error", error}});
    }
  std::string q(trim(req.query_params.get_or("q", "")));
  if (q.size() > 200 || !valid_utf8(q)) q.clear();
  mstch::array groups = procedure_groups(ctx, v, p, q, proc ? proc->code : code);
  const bool any = !groups.empty();
  mstch::map c{{"title", v.t("dossiers.counter.title")}, {"procedure_code", code}, {"has_procedure", proc.has_value()},
               {"procedure", proc ? procedure_name(v, *proc) : ""}, {"documents", docs}, {"key", f.key},
               {"applicant", applicant_context(f.applicant)}, {"max_mb", std::to_string(kMaxFileBytes >> 20)},
               {"groups", groups}, {"has_choices", any}, {"q", q}};
  c.merge(problems_page_context(f.problems));
  return ctx.pages.render(req, "desk_new", std::move(c), status);
}

std::optional<procedures::Procedure> counter_procedure(app::Context& ctx, const auth::Principal& p, const std::string& code) {
  if (code.empty()) return std::nullopt;
  auto proc = ctx.db.with_session([&](soci::session& s) { return procedures::find_procedure_by_code(s, code); });
  if (!proc || !proc->active || !p.in_scope(proc->desk_agency_id)) return std::nullopt;
  return proc;
}

// GET /desk/new[?procedure=CODE]
Response counter_form(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  View v{ctx, req};
  std::string code(trim(req.query_params.get_or("procedure", "")));
  auto proc = counter_procedure(ctx, p, code);
  CounterForm f{{}, random_key(), {}};
  if (!code.empty() && !proc) {
    f.problems.push_back({"procedure", v.t("dossiers.error.procedure")});
    return counter_page(ctx, req, proc, code, f, 422);
  }
  return counter_page(ctx, req, proc, code, f, 200);
}

// POST /desk/new: the dossier is created submitted at the counter and received at once.
Response counter_create(app::Context& ctx, const Request& req) {
  const auto& p = require_desk_officer(req);
  View v{ctx, req};
  std::string code = field(req, "procedure");
  CounterForm f{applicant_from(req), field(req, "idempotency_key"), {}};
  if (f.key.size() < 16 || f.key.size() > 64) throw http::Error(http::ErrorKind::bad_request, "bad idempotency key");
  if (auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier_by_idempotency_key(s, f.key); })) {
    if (!is_desk_officer_of(p, *d)) throw http::Error(http::ErrorKind::conflict, "idempotency key of another desk");
    return Response::redirect(desk_url(*d));
  }
  auto proc = counter_procedure(ctx, p, code);
  if (!proc) {
    f.problems.push_back({"procedure", v.t("dossiers.error.procedure")});
    return counter_page(ctx, req, proc, code, f, 422);
  }
  f.problems = check_applicant(v, f.applicant);
  auto uploads = read_uploads(v, *proc, 0, 0, f.problems);
  if (f.problems.empty()) {
    std::vector<FileInfo> given;
    for (const auto& u : uploads) given.push_back({0, 0, "application", u.document_id, "", "", "", "", 0, 0});
    for (const auto* doc : missing_documents(*proc, given))
      f.problems.push_back({"doc_" + std::to_string(doc->id), v.f("dossiers.error.missing_document", {{"name", doc->name}})});
  }
  if (!f.problems.empty()) return counter_page(ctx, req, proc, code, f, 422);
  Counted c = receive_at_counter(env(ctx), who(ctx, req, Actor::one_stop_officer, p),
                                 {*proc, f.applicant, f.key, std::move(uploads)},
                                 [&](soci::session& s, const Dossier& received) { store_receipt(s, ctx, received, *proc, p); });
  return Response::redirect(desk_url(c.dossier));
}

}  // namespace

void add_desk_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/desk", inbox);
  on.add("GET", "/desk/new", counter_form);
  on.add("POST", "/desk/new", counter_create, kUploadOptions);
  on.add("GET", "/desk/dossiers/{code}", show);
  on.add("POST", "/desk/dossiers/{code}/receive", receive);
  on.add("POST", "/desk/dossiers/{code}/request-supplement", request_supplement);
  on.add("POST", "/desk/dossiers/{code}/refuse", refuse);
}

}  // namespace tinhso::dossiers::intake
