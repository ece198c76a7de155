// The citizen's side of intake (issue 5 §2, §6): the submission form, drafts (resume, replace
// files, delete), review and submission with an idempotency key, "My dossiers", the applicant's
// dossier page with its files, the supplement upload and the rating; and the same as JSON under
// /api/v1/dossiers.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/auth/guard.h"
#include "core/util/strings.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/web/routes.h"
#include "core/web/paging.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/intake_routes.h"
#include "modules/dossiers/permissions.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_intake.h"
#include "modules/dossiers/store_processing.h"
#include "modules/dossiers/api.h"
#include "modules/identity/api.h"

namespace tinhso::dossiers::intake {

namespace {

using http::Request;
using http::Response;

std::string draft_url(std::int64_t id) { return "/dossiers/drafts/" + std::to_string(id); }
std::string dossier_url(const Dossier& d) { return d.code.empty() ? draft_url(d.id) : "/dossiers/" + d.code; }

std::int64_t path_id(const Request& req, std::string_view name) {
  std::string_view v = req.param(name);
  std::int64_t n = 0;
  if (v.empty() || v.size() > 18) not_found("bad id");
  for (char c : v) {
    if (c < '0' || c > '9') not_found("bad id");
    n = n * 10 + (c - '0');
  }
  return n;
}

// The applicant's own dossier (by code, or a draft by id); 404 for anyone else's.
Dossier own_dossier(app::Context& ctx, const auth::Principal& p, const Request& req, bool draft) {
  auto d = ctx.db.with_session([&](soci::session& s) {
    return draft ? find_dossier(s, path_id(req, "id")) : find_dossier_by_code(s, std::string(req.param("code")));
  });
  if (!d || !is_applicant(p, *d) || (d->state == State::draft) != draft) not_found("no such dossier of the applicant");
  return *d;
}

procedures::Procedure active_procedure_by_code(app::Context& ctx, const std::string& code) {
  auto proc = ctx.db.with_session([&](soci::session& s) { return procedures::find_procedure_by_code(s, code); });
  if (!proc || !proc->active) not_found("no active procedure " + code);
  return *proc;
}

// A procedure a citizen may apply for online: active and accepting online submission (a
// procedure such as marriage registration is received only in person: the desk enters it).
procedures::Procedure online_procedure_by_code(app::Context& ctx, const std::string& code) {
  auto proc = active_procedure_by_code(ctx, code);
  if (!proc.online_submission)
    throw http::Error(http::ErrorKind::conflict, "procedure " + code + " is not offered online", "dossiers.error.not_online");
  return proc;
}

// One input per document of `proc`, with its current files and its problems (field doc_<id>).
mstch::array document_inputs(const procedures::Procedure& proc, const std::vector<FileInfo>& files,
                             const std::string& file_url, const std::vector<Problem>& problems) {
  mstch::array out;
  for (const auto& doc : proc.documents) {
    mstch::array current;
    for (const auto& f : files)
      if (f.role == "application" && f.document_id == doc.id)
        current.push_back(mstch::map{{"name", f.file_name}, {"url", file_url + std::to_string(f.id)}});
    std::string error;
    for (const auto& p : problems)
      if (p.field == "doc_" + std::to_string(doc.id)) error += (error.empty() ? "" : " ") + p.message;
    out.push_back(mstch::map{{"id", std::to_string(doc.id)}, {"name", doc.name}, {"mandatory", doc.mandatory},
                             {"template_url", doc.template_url}, {"current", current}, {"doc_error", error}});
  }
  return out;
}

struct FormState {
  ApplicantForm applicant;
  std::string key;
  std::vector<Problem> problems;
};

// The submission form (new or a draft), `status` 200 or 422 with its problems.
Response form_page(app::Context& ctx, const Request& req, const procedures::Procedure& proc, const FormState& f,
                   const Dossier* draft, int status) {
  View v{ctx, req};
  std::vector<FileInfo> files;
  if (draft) files = ctx.db.with_session([&](soci::session& s) { return list_files(s, draft->id); });
  std::string file_url = draft ? draft_url(draft->id) + "/files/" : "";
  mstch::map c{{"title", draft ? v.t("dossiers.draft.title") : v.f("dossiers.new.title", {{"procedure", procedure_name(v, proc)}})},
               {"procedure", procedure_name(v, proc)},
               {"procedure_code", proc.code},
               {"action", draft ? draft_url(draft->id) : std::string("/dossiers")},
               {"key", f.key},
               {"is_draft", draft != nullptr},
               {"delete_url", draft ? draft_url(draft->id) + "/delete" : ""},
               {"applicant", applicant_context(f.applicant)},
               {"documents", document_inputs(proc, files, file_url, f.problems)},
               {"has_documents", !proc.documents.empty()},
               {"max_mb", std::to_string(kMaxFileBytes >> 20)}};
  c.merge(problems_page_context(f.problems));
  return ctx.pages.render(req, "dossier_form", std::move(c), status);
}

// GET /dossiers/new?procedure=CODE
Response new_form(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  auto proc = online_procedure_by_code(ctx, std::string(req.query_params.get_or("procedure", "")));
  auto me = ctx.db.with_session([&](soci::session& s) { return identity::account_contact(s, p.account_id); });
  FormState f;
  if (me) f.applicant = {me->full_name, me->email, me->phone, me->citizen_id, "", ""};
  f.key = random_key();
  return form_page(ctx, req, proc, f, nullptr, 200);
}

// Submits the draft `id` of `p` (usecases.h submit): 404 if it is not theirs, 409 if it changed
// meanwhile; otherwise the outcome for the HTML and JSON answers.
Submitted submit_draft(app::Context& ctx, const Request& req, const auth::Principal& p, std::int64_t id) {
  Submitted r = dossiers::submit(env(ctx), who(ctx, req, Actor::applicant, p), id);
  if (r.kind == Submitted::not_found) not_found("no such draft");
  if (r.kind == Submitted::conflict) throw http::Error(http::ErrorKind::conflict, "dossier changed meanwhile");
  return r;
}

// Creates the draft of `p` (usecases.h create_draft), submitted at once in its transaction when
// `submit_now`: 409 for a key of someone else's dossier or a concurrent change.
Drafted make_draft(app::Context& ctx, const Request& req, const auth::Principal& p, const procedures::Procedure& proc,
                   const ApplicantForm& a, const std::string& key, std::vector<Upload> uploads, bool submit_now) {
  Drafted made = create_draft(env(ctx), who(ctx, req, Actor::applicant, p), {proc, a, key, std::move(uploads), submit_now});
  if (made.kind == Drafted::foreign_key) throw http::Error(http::ErrorKind::conflict, "idempotency key of someone else");
  if (made.kind == Drafted::conflict) throw http::Error(http::ErrorKind::conflict, "dossier changed meanwhile");
  return made;
}

// The mandatory documents without a file, each at its input (doc_<id>) when `proc` is given (the
// form), else at the documents as a whole (the review page).
std::vector<Problem> missing_problems(const View& v, const std::vector<std::string>& names,
                                      const procedures::Procedure* proc = nullptr) {
  std::vector<Problem> out;
  for (const auto& n : names) {
    std::string field = "documents";
    if (proc)
      for (const auto& doc : proc->documents)
        if (doc.name == n) field = "doc_" + std::to_string(doc.id);
    out.push_back({field, v.f("dossiers.error.missing_document", {{"name", n}})});
  }
  return out;
}

// POST /dossiers: save as a draft, then (intent=review) show the review, (intent=submit) submit.
Response create(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  std::string key = field(req, "idempotency_key");
  if (key.size() < 16 || key.size() > 64) throw http::Error(http::ErrorKind::bad_request, "bad idempotency key");
  if (auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier_by_idempotency_key(s, key); })) {
    if (!is_applicant(p, *d)) throw http::Error(http::ErrorKind::conflict, "idempotency key of someone else");
    return Response::redirect(dossier_url(*d));
  }
  auto proc = online_procedure_by_code(ctx, field(req, "procedure"));
  FormState f{applicant_from(req), key, {}};
  f.problems = check_applicant(v, f.applicant);
  auto uploads = read_uploads(v, proc, 0, 0, f.problems);
  if (!f.problems.empty()) return form_page(ctx, req, proc, f, nullptr, 422);
  std::string intent = field(req, "intent");
  // With intent=submit the new draft is submitted in its creating transaction (one commit).
  Drafted made = make_draft(ctx, req, p, proc, f.applicant, key, std::move(uploads), intent == "submit");
  const Dossier& d = made.dossier;
  if (made.kind != Drafted::created) return Response::redirect(dossier_url(d));
  if (made.submitted) {
    const Submitted& r = *made.submitted;
    if (r.kind == Submitted::done) return Response::redirect(dossier_url(r.dossier));
    FormState again{applicant_of(r.dossier), key, missing_problems(v, r.missing_names, &proc)};
    return form_page(ctx, req, proc, again, &r.dossier, 422);
  }
  if (intent == "review") return Response::redirect(draft_url(d.id) + "/review");
  return Response::redirect(draft_url(d.id));
}

// GET /dossiers/drafts/{id}
Response draft_page(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  Dossier d = own_dossier(ctx, p, req, true);
  auto proc = procedure_or_404(ctx, d.procedure_id);
  return form_page(ctx, req, proc, {applicant_of(d), "", {}}, &d, 200);
}

Response review_page(app::Context& ctx, const Request& req, const Dossier& d, const std::vector<Problem>& problems) {
  View v{ctx, req};
  auto proc = procedure_or_404(ctx, d.procedure_id);
  mstch::map c = ctx.db.with_session(
      [&](soci::session& s) { return dossier_context(v, s, d, proc, draft_url(d.id) + "/files/"); });
  c["title"] = v.t("dossiers.review.title");
  c["edit_url"] = draft_url(d.id);
  c["submit_url"] = draft_url(d.id) + "/submit";
  c.merge(problems_page_context(problems));
  return ctx.pages.render(req, "dossier_review", std::move(c), problems.empty() ? 200 : 422);
}

// POST /dossiers/drafts/{id}: edit the fields, add or replace files; intent as for create.
Response save_draft(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  Dossier d = own_dossier(ctx, p, req, true);
  auto proc = procedure_or_404(ctx, d.procedure_id);
  FormState f{applicant_from(req), "", {}};
  f.problems = check_applicant(v, f.applicant);
  auto files = ctx.db.with_session([&](soci::session& s) { return list_files(s, d.id); });
  std::uint64_t bytes = 0;
  for (const auto& x : files) bytes += static_cast<std::uint64_t>(x.size);
  auto uploads = read_uploads(v, proc, bytes, files.size(), f.problems);
  if (!f.problems.empty()) return form_page(ctx, req, proc, f, &d, 422);
  if (!update_draft(env(ctx), who(ctx, req, Actor::applicant, p), d, f.applicant, uploads))
    throw http::Error(http::ErrorKind::conflict, "draft changed meanwhile");
  std::string intent = field(req, "intent");
  if (intent == "review") return Response::redirect(draft_url(d.id) + "/review");
  if (intent == "submit") {
    auto r = submit_draft(ctx, req, p, d.id);
    if (r.kind == Submitted::done) return Response::redirect(dossier_url(r.dossier));
    if (r.kind == Submitted::inactive) not_found("procedure no longer active");
    return form_page(ctx, req, proc, {applicant_of(r.dossier), "", missing_problems(v, r.missing_names, &proc)},
                     &r.dossier, 422);
  }
  return Response::redirect(draft_url(d.id));
}

// POST /dossiers/drafts/{id}/submit
Response submit(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  std::int64_t id = path_id(req, "id");
  auto r = submit_draft(ctx, req, p, id);
  if (r.kind == Submitted::done) return Response::redirect(dossier_url(r.dossier));
  if (r.kind == Submitted::inactive)
    return review_page(ctx, req, r.dossier, {{"procedure", v.t("dossiers.error.inactive")}});
  return review_page(ctx, req, r.dossier, missing_problems(v, r.missing_names));
}

// POST /dossiers/drafts/{id}/delete
Response delete_draft_post(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  Dossier d = own_dossier(ctx, p, req, true);
  discard_draft(env(ctx), who(ctx, req, Actor::applicant, p), d);
  return Response::redirect("/dossiers/mine");
}

// GET /dossiers/mine?page=N
Response mine(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  web::Paging paging = web::paging(req, kPageSize);
  auto rows = ctx.db.with_session([&](soci::session& s) {
    return list_applicant_dossiers(s, p.account_id, paging.size, static_cast<int>(paging.offset()));
  });
  bool more = rows.size() > static_cast<std::size_t>(kPageSize);
  if (more) rows.pop_back();
  mstch::array items;
  for (const auto& r : rows)
    items.push_back(mstch::map{{"code", r.code.empty() ? v.t("dossiers.mine.draft") : r.code},
                               {"url", r.code.empty() ? draft_url(r.id) : "/dossiers/" + r.code},
                               {"procedure", procedure_name(v, r.procedure_name, r.procedure_name_en)},
                               {"state", state_label(v, r.state)},
                               {"state_tag", state_tag(r.state)},
                               {"created_at", v.time(r.created_at)},
                               {"created_iso", r.created_at},
                               {"appointment_iso", r.appointment_date},
                               {"appointment_date", v.date(r.appointment_date)}});
  mstch::map c{{"title", v.t("dossiers.mine.title")}, {"items", items}, {"empty", items.empty()}};
  c.merge(web::pager(req, "/dossiers/mine", paging, more));
  return ctx.pages.render(req, "dossier_mine", std::move(c));
}

// GET /dossiers/drafts/{id}/review
Response review(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  return review_page(ctx, req, own_dossier(ctx, p, req, true), {});
}

// "What happens next" after a submission (issue 14 §6), while the dossier waits for the desk: who
// receives it, the last day to ask for a supplement (Decree 61/2018/NĐ-CP Art. 19(4)), the
// statutory time limit and the due date were it received today, and how to follow it.
mstch::map confirmation_context(app::Context& ctx, const View& v, const Dossier& d, const procedures::Procedure& proc) {
  auto desk = ctx.db.with_session([&](soci::session& s) { return find_agency(s, d.desk_agency_id); });
  const std::string limit = supplement_limit(ctx, d);
  Dossier if_today = d;
  if_today.received_at = auth::iso_utc(ctx.clock.now());
  auto cal = ctx.calendar.current();
  auto due = statutory_due(if_today, {}, *cal, ctx.calendar.deadline_rules(), supplement_clock(settings(ctx)));
  const std::string amount = std::to_string(d.time_limit_working_days);
  const std::string period = v.f(d.time_limit_unit == calendar::Unit::working_days ? "dossiers.confirm.working_days"
                                                                                      : "dossiers.confirm.days",
                                 {{"n", amount}});
  const std::string due_day = due ? calendar::format_date(*due) : "";
  return mstch::map{
      {"desk", v.f("dossiers.confirm.desk", {{"desk", desk ? desk->name : std::string()}})},
      {"supplement", limit.empty() ? "" : v.f("dossiers.confirm.supplement",
                                              {{"date", v.date(limit)},
                                               {"days", std::to_string(settings(ctx).supplement_request_working_days)}})},
      {"limit_iso", limit},
      {"receipt", v.f(d.applicant_email.empty() ? "dossiers.confirm.receipt" : "dossiers.confirm.receipt_mail",
                      {{"email", d.applicant_email}})},
      {"time_limit", due ? v.f("dossiers.confirm.time_limit", {{"period", period}, {"date", v.date(due_day)}})
                         : v.f("dossiers.confirm.time_limit_only", {{"period", period}})},
      {"due_iso", due_day},
      {"procedure", procedure_name(v, proc)}};
}

// The applicant's (or a staff member's in scope) view of a submitted dossier.
Response show_page(app::Context& ctx, const Request& req, const Dossier& d, const std::vector<Problem>& problems,
                   int status) {
  View v{ctx, req};
  const auto& p = *req.principal;
  auto proc = procedure_or_404(ctx, d.procedure_id);
  mstch::map c = ctx.db.with_session(
      [&](soci::session& s) { return dossier_context(v, s, d, proc, "/dossiers/" + d.code + "/files/"); });
  bool applicant = is_applicant(p, d);
  c["title"] = v.f("dossiers.show.title", {{"code", d.code}});
  c["can_supplement"] = applicant && d.state == State::supplement_requested;
  c["can_rate"] = applicant && d.state == State::returned && !c.count("rating");
  c.merge(problems_page_context(problems));
  if (applicant && d.state == State::submitted) c["confirmation"] = confirmation_context(ctx, v, d, proc);
  c["desk_url"] = is_desk_officer_of(p, d) ? "/desk/dossiers/" + d.code : "";
  return ctx.pages.render(req, "dossier_show", std::move(c), status);
}

Dossier viewable(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier_by_code(s, std::string(req.param("code"))); });
  if (!d || !may_view_dossier(p, *d)) not_found("no such dossier for the caller");
  return *d;
}

// GET /dossiers/{code}
Response show(app::Context& ctx, const Request& req) { return show_page(ctx, req, viewable(ctx, req), {}, 200); }

// GET /dossiers/{code}/files/{file} and /dossiers/drafts/{id}/files/{file}
Response file(app::Context& ctx, const Request& req, bool draft) {
  Dossier d = draft ? own_dossier(ctx, require_citizen(req), req, true) : viewable(ctx, req);
  auto f = ctx.db.with_session([&](soci::session& s) { return load_file(s, d.id, path_id(req, "file")); });
  if (!f || !may_see_file(*req.principal, d, f->first.role)) not_found("no such file");
  return download(f->first, std::move(f->second));
}

// POST /dossiers/{code}/supplement: the files the desk asked for (Decree 61/2018 Art. 19(4)).
Response supplement(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  Dossier d = own_dossier(ctx, p, req, false);
  if (d.state != State::supplement_requested) throw http::Error(http::ErrorKind::conflict, "no supplement requested");
  auto proc = procedure_or_404(ctx, d.procedure_id);
  auto files = ctx.db.with_session([&](soci::session& s) { return list_files(s, d.id); });
  std::uint64_t bytes = 0;
  for (const auto& x : files) bytes += static_cast<std::uint64_t>(x.size);
  std::vector<Problem> problems;
  auto uploads = read_uploads(v, proc, bytes, files.size(), problems, v.t("dossiers.show.supplement_files"));
  for (auto& pr : problems)
    if (pr.field == "file") pr.field = "supplement_files";  // the input's name is "file"
  std::string note = field(req, "note");
  if (uploads.empty() && problems.empty()) problems.push_back({"supplement_files", v.t("dossiers.error.supplement_files")});
  if (note.size() > 2000) problems.push_back({"supplement_note", v.t("dossiers.error.supplement_note")});
  if (!problems.empty()) return show_page(ctx, req, d, problems, 422);
  const std::string now = auth::iso_utc(ctx.clock.now());
  Applied applied = act(env(ctx), who(ctx, req, Actor::applicant, p), d.id, {Action::supplement, note},
                        [&](soci::session& s, const Dossier& after) {
                          for (auto u : uploads) {
                            u.document_id = 0;
                            store_uploads(s, after.id, "supplement", {u}, p.account_id, now, false);
                          }
                          complete_supplement(s, after.id, now, note);
                        });
  if (applied.result == Result::not_allowed) throw http::Error(http::ErrorKind::conflict, "not allowed now");
  if (applied.result != Result::done) throw http::Error(http::ErrorKind::conflict, "changed meanwhile");
  return Response::redirect("/dossiers/" + d.code);
}

// POST /dossiers/{code}/rating: once, after the result is returned.
Response rate(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  Dossier d = own_dossier(ctx, p, req, false);
  if (d.state != State::returned) throw http::Error(http::ErrorKind::conflict, "not returned yet");
  std::string score = field(req, "score"), comment = field(req, "comment");
  if (score.size() != 1 || score[0] < '1' || score[0] > '5' || comment.size() > 2000 || !valid_utf8(comment))
    return show_page(ctx, req, d, {{"score", v.t("dossiers.error.rating")}}, 422);
  bool inserted = dossiers::rate(env(ctx), who(ctx, req, Actor::applicant, p), d, score[0] - '0', comment);
  if (!inserted) throw http::Error(http::ErrorKind::conflict, "already rated", "dossiers.error.rated");
  return Response::redirect("/dossiers/" + d.code);
}

// ---- JSON (/api/v1/dossiers) ----

Response json(const nlohmann::json& j, int status = 200) {
  Response r = Response::json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// The open supplement request, read only for a dossier that waits for one (issue 15 §7: one
// statement fewer on every other dossier's JSON, a submission's answer among them).
void add_open_supplement(soci::session& s, std::int64_t dossier_id, nlohmann::json& j) {
  if (auto sup = open_supplement(s, dossier_id))
    j["supplement"] = {{"requested_at", sup->requested_at}, {"items", sup->items}};
}

// The dossier as `p` may see it: files `p` may not download (a result before it is returned) are
// left out, as on the dossier's page.
nlohmann::json dossier_json(soci::session& s, const auth::Principal& p, const Dossier& d, bool full) {
  nlohmann::json j = {{"id", d.id},
                      {"code", d.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.code)},
                      {"state", state_code(d.state)},
                      {"channel", channel_code(d.channel)},
                      {"submitted_at", d.submitted_at},
                      {"received_at", d.received_at},
                      {"appointment_date", d.appointment_date},
                      {"due_date", d.due_date}};
  if (!full) return j;
  j["applicant"] = {{"name", d.applicant_name},       {"email", d.applicant_email},
                    {"phone", d.applicant_phone},     {"id_number", d.applicant_id_number},
                    {"address", d.applicant_address}};
  j["details"] = d.details;
  nlohmann::json files = nlohmann::json::array(), events = nlohmann::json::array();
  for (const auto& f : list_files(s, d.id)) {
    if (!may_see_file(p, d, f.role)) continue;
    files.push_back({{"id", f.id}, {"role", f.role}, {"document_id", f.document_id}, {"name", f.file_name},
                     {"content_type", f.content_type}, {"size", f.size}, {"sha256", f.sha256}});
  }
  for (const auto& e : load_events(s, d.id))
    events.push_back({{"at", e.at}, {"action", e.action}, {"from", e.from_state}, {"to", e.to_state}, {"note", e.note}});
  j["files"] = files;
  j["history"] = events;
  if (d.state == State::supplement_requested) add_open_supplement(s, d.id, j);
  return j;
}

std::string json_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (!it->is_string()) throw http::Error(http::ErrorKind::invalid_input, std::string("not a string: ") + key);
  return std::string(trim(it->get<std::string>()));
}

[[noreturn]] void invalid(const std::string& log, const std::string& message_id) {
  throw http::Error(http::ErrorKind::invalid_input, log, message_id);
}

// POST /api/v1/dossiers (JSON; header Idempotency-Key): a draft; 201, or 200 with the dossier the
// key already made. With "submit": true the draft is submitted at once (one dossier per key as
// well); 422 with the draft's Location if its procedure needs files.
Response api_create(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  std::string key(trim(req.headers.get_or("Idempotency-Key", "")));
  if (key.size() < 16 || key.size() > 64) invalid("bad Idempotency-Key", "dossiers.api.idempotency_key");
  nlohmann::json body = http::parse_json_body(req.body);
  if (!body.is_object()) throw http::Error(http::ErrorKind::bad_request, "body is not a JSON object");
  auto proc = ctx.db.with_session(
      [&](soci::session& s) { return procedures::find_procedure_by_code(s, json_string(body, "procedure")); });
  if (!proc || !proc->active) invalid("no active procedure", "dossiers.error.inactive");
  if (!proc->online_submission)
    throw http::Error(http::ErrorKind::conflict, "procedure not offered online", "dossiers.error.not_online");
  ApplicantForm a{json_string(body, "applicant_name"), json_string(body, "applicant_email"),
                  json_string(body, "applicant_phone"), json_string(body, "applicant_id_number"),
                  json_string(body, "applicant_address"), json_string(body, "details")};
  if (auto problems = check_applicant(v, a); !problems.empty()) invalid("bad applicant", "dossiers.api.applicant");
  const auto submit_now = body.find("submit");
  if (submit_now != body.end() && !submit_now->is_boolean() && !submit_now->is_null())
    invalid("submit is not a boolean", "dossiers.api.submit_flag");
  const bool submit = submit_now != body.end() && submit_now->is_boolean() && submit_now->get<bool>();
  // With "submit": straight to submission, for a procedure whose mandatory documents need no
  // file upload: a new draft is submitted in its creating transaction, a retry's (the key's
  // dossier) afterwards. The draft is kept if it cannot be submitted (422): add files, submit.
  Drafted made = make_draft(ctx, req, p, *proc, a, key, {}, submit);
  Dossier d = made.dossier;
  const bool fresh = made.kind == Drafted::created;
  std::optional<Submitted> sr = made.submitted;
  if (submit && !sr) sr = submit_draft(ctx, req, p, d.id);
  if (sr) {
    if (sr->kind != Submitted::done) {
      bool inactive = sr->kind == Submitted::inactive;
      Response r = ctx.pages.error(req, http::Error(http::ErrorKind::invalid_input, "not submitted",
                                                    inactive ? "dossiers.error.inactive" : "dossiers.api.missing"));
      r.headers.set("Location", "/api/v1/dossiers/drafts/" + std::to_string(d.id));
      return r;
    }
    d = sr->dossier;
  }
  Response r = ctx.db.with_session([&](soci::session& s) { return json(dossier_json(s, p, d, true), fresh ? 201 : 200); });
  r.headers.set("Location", d.state == State::draft ? "/api/v1/dossiers/drafts/" + std::to_string(d.id)
                                                    : "/api/v1/dossiers/" + d.code);
  return r;
}

Dossier api_draft(app::Context& ctx, const auth::Principal& p, const Request& req) {
  auto d = ctx.db.with_session([&](soci::session& s) { return find_dossier(s, path_id(req, "id")); });
  if (!d || !is_applicant(p, *d)) not_found("no such draft");
  return *d;
}

// POST /api/v1/dossiers/drafts/{id}/files (multipart: files in inputs doc_<document id>, or
// "file" for an unlisted document): adds or replaces files of the draft.
Response api_files(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  View v{ctx, req};
  Dossier d = api_draft(ctx, p, req);
  if (d.state != State::draft) throw http::Error(http::ErrorKind::conflict, "not a draft");
  auto proc = procedure_or_404(ctx, d.procedure_id);
  auto files = ctx.db.with_session([&](soci::session& s) { return list_files(s, d.id); });
  std::uint64_t bytes = 0;
  for (const auto& x : files) bytes += static_cast<std::uint64_t>(x.size);
  std::vector<Problem> problems;
  auto uploads = read_uploads(v, proc, bytes, files.size(), problems);
  if (!problems.empty()) invalid(problems.front().message, problems.front().field == "files" ? "dossiers.error.dossier_size"
                                                                                             : "dossiers.api.file");
  if (uploads.empty()) invalid("no files", "dossiers.error.supplement_files");
  add_draft_files(env(ctx), who(ctx, req, Actor::applicant, p), d, uploads);
  return ctx.db.with_session([&](soci::session& s) { return json(dossier_json(s, p, d, true), 201); });
}

// POST /api/v1/dossiers/drafts/{id}/submit
Response api_submit(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  Dossier d = api_draft(ctx, p, req);
  auto r = submit_draft(ctx, req, p, d.id);
  if (r.kind == Submitted::inactive) invalid("procedure inactive", "dossiers.error.inactive");
  if (r.kind == Submitted::incomplete) invalid("missing documents", "dossiers.api.missing");
  return ctx.db.with_session([&](soci::session& s) { return json(dossier_json(s, p, r.dossier, true)); });
}

// GET /api/v1/dossiers/mine?page=N
Response api_mine(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  web::Paging paging = web::paging(req, kPageSize);
  auto rows = ctx.db.with_session([&](soci::session& s) {
    return list_applicant_dossiers(s, p.account_id, paging.size, static_cast<int>(paging.offset()));
  });
  bool more = rows.size() > static_cast<std::size_t>(kPageSize);
  if (more) rows.pop_back();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows)
    items.push_back({{"id", r.id}, {"code", r.code.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.code)},
                     {"state", r.state},
                     {"procedure", {{"code", r.procedure_code}, {"name", r.procedure_name}, {"name_en", r.procedure_name_en}}},
                     {"created_at", r.created_at}, {"submitted_at", r.submitted_at},
                     {"appointment_date", r.appointment_date}});
  return json({{"page", paging.page},
               {"next_page", more ? nlohmann::json(paging.page + 1) : nlohmann::json(nullptr)},
               {"items", items}});
}

// GET /api/v1/dossiers/{code}: the applicant's, or a staff member's in scope.
Response api_show(app::Context& ctx, const Request& req) {
  Dossier d = viewable(ctx, req);
  return ctx.db.with_session([&](soci::session& s) { return json(dossier_json(s, *req.principal, d, true)); });
}

// GET /api/v1/dossiers/drafts/{id}
Response api_show_draft(app::Context& ctx, const Request& req) {
  const auto& p = require_citizen(req);
  Dossier d = api_draft(ctx, p, req);
  return ctx.db.with_session([&](soci::session& s) { return json(dossier_json(s, p, d, true)); });
}

}  // namespace

void add_citizen_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/dossiers/new", new_form);
  on.add("POST", "/dossiers", create, kUploadOptions);
  on.add("GET", "/dossiers/mine", mine);
  on.add("GET", "/dossiers/drafts/{id}", draft_page);
  on.add("POST", "/dossiers/drafts/{id}", save_draft, kUploadOptions);
  on.add("GET", "/dossiers/drafts/{id}/review", review);
  on.add("POST", "/dossiers/drafts/{id}/submit", submit);
  on.add("POST", "/dossiers/drafts/{id}/delete", delete_draft_post);
  on.add("GET", "/dossiers/drafts/{id}/files/{file}", [](app::Context& c, const Request& r) { return file(c, r, true); });
  on.add("GET", "/dossiers/{code}", show);
  on.add("GET", "/dossiers/{code}/files/{file}", [](app::Context& c, const Request& r) { return file(c, r, false); });
  on.add("POST", "/dossiers/{code}/supplement", supplement, kUploadOptions);
  on.add("POST", "/dossiers/{code}/rating", rate);
  on.add("POST", "/api/v1/dossiers", api_create);
  on.add("GET", "/api/v1/dossiers/mine", api_mine);
  on.add("GET", "/api/v1/dossiers/drafts/{id}", api_show_draft);
  on.add("POST", "/api/v1/dossiers/drafts/{id}/files", api_files, kUploadOptions);
  on.add("POST", "/api/v1/dossiers/drafts/{id}/submit", api_submit);
  on.add("GET", "/api/v1/dossiers/{code}", api_show);
}

}  // namespace tinhso::dossiers::intake
