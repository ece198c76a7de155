// The drafting agency's pages (issue 18 §1, §2, §4–§6): its consultations; a new one with its
// draft (.docx or plain text) and explanatory report; the split shown for checking and editable
// as text before publishing, and new versions after; questions and files; publishing; hiding a
// comment with its reason; the answer desk (one answer for one comment or a group); publishing
// the summary report. Every step is one transaction with its audit record (usecases.h).
#include <algorithm>
#include <regex>
#include <set>

#include "core/auth/guard.h"
#include "core/db/refusable.h"
#include "core/document/docx_read.h"
#include "core/http/errors.h"
#include "core/text/vietnamese.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/consultations/pages.h"
#include "modules/consultations/permissions.h"
#include "modules/consultations/usecases.h"

namespace tinhso::consultations {

namespace {

using http::Request;
using http::Response;
using web::View;

constexpr std::size_t kMaxDraftBytes = 8u << 20;

std::string base_url(std::int64_t id) { return "/consultations/" + std::to_string(id); }

const auth::Principal& require_officer(const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(may_open_desk(&p), "open the consultations desk");
  return p;
}

Response private_page(app::Context& ctx, const Request& req, std::string_view page, mstch::map c, int status = 200) {
  Response r = ctx.pages.render(req, page, std::move(c), status);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response fail_page(Error e) {
  switch (e) {
    case Error::not_found:
      throw http::Error(http::ErrorKind::not_found, "no such consultation", "consultations.error.not_found");
    case Error::stale: throw http::Error(http::ErrorKind::conflict, "changed meanwhile", "consultations.error.stale");
    case Error::wrong_phase:
      throw http::Error(http::ErrorKind::conflict, "wrong phase", "consultations.error.wrong_phase");
    default:
      throw http::Error(http::ErrorKind::invalid_input, "refused: " + std::string(error_code(e)),
                        "consultations.error." + std::string(error_code(e)));
  }
}

// ---- the desk ----

Response desk(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const web::Paging pg = web::paging(req, 20);
  const bool all = p.has(auth::Role::province_leader);
  auto rows = ctx.db.with_session([&](soci::session& s) {
    std::vector<std::int64_t> scope = p.agency_scope;
    if (all)
      for (const auto& a : directory::all_agencies(s)) scope.push_back(a.id);
    return agency_list(s, scope, pg.offset(), pg.limit_probe());
  });
  const bool has_next = static_cast<int>(rows.size()) > pg.size;
  if (has_next) rows.pop_back();
  View v{ctx, req};
  const std::string now = now_text(ctx);
  mstch::array list;
  for (const auto& r : rows) {
    mstch::map m = consultation_view(v, r.c, now);
    m["manage_url"] = base_url(r.c.id) + "/manage";
    m["comments"] = v.f("consultations.list.comments", {{"n", std::to_string(r.comments)}});
    list.push_back(std::move(m));
  }
  mstch::map c{{"title", v.t("consultations.desk.title")},
               {"rows", list},
               {"empty", list.empty()},
               {"can_create", p.has(auth::Role::specialist) || p.has(auth::Role::agency_leader)},
               {"pager", web::pager(req, "/consultations/manage", pg, has_next)}};
  return private_page(ctx, req, "consultations_desk", std::move(c));
}

// ---- the details form (new and edit) ----

struct DetailsForm {
  DetailsInput in;
  std::string agency, wide = "1";
  int version = 0;
};

const web::FieldRefs kDetailFields = {
    {"title", {"f-title", "consultations.field.title"}},
    {"agency", {"f-agency", "consultations.field.agency"}},
    {"kind", {"f-kind", "consultations.field.kind"}},
    {"legal_basis", {"f-legal_basis", "consultations.field.legal_basis"}},
    {"field", {"f-field", "consultations.field.field"}},
    {"description", {"f-description", "consultations.field.summary"}},
    {"opens", {"f-opens", "consultations.field.opens"}},
    {"closes", {"f-closes", "consultations.field.closes"}},
    {"reason", {"f-reason", "consultations.field.short_reason"}},
    {"units", {"f-units", "consultations.field.units"}},
    {"draft", {"f-draft", "consultations.field.draft_file"}},
    {"explanatory", {"f-explanatory", "consultations.field.explanatory"}},
};

std::string details_error_field(Error e) {
  switch (e) {
    case Error::title_required: return "title";
    case Error::unknown_agency: return "agency";
    case Error::unknown_kind: return "kind";
    case Error::bad_opens: return "opens";
    case Error::bad_closes:
    case Error::close_before_open: return "closes";
    case Error::too_short: return "reason";
    case Error::unknown_unit:
    case Error::audience_required: return "units";
    case Error::draft_empty:
    case Error::draft_too_large: return "draft";
    case Error::file_type:
    case Error::file_size:
    case Error::too_many_files: return "explanatory";
    default: return "";
  }
}

DetailsForm read_details(const Request& req) {
  DetailsForm f;
  f.in.title = web::field(req, "title");
  f.agency = web::field(req, "agency");
  f.in.kind = web::field(req, "kind");
  f.in.legal_basis = web::field(req, "legal_basis");
  f.in.field = web::field(req, "field");
  f.in.summary = web::field(req, "description");
  f.in.opens = web::field(req, "opens");
  f.in.closes = web::field(req, "closes");
  f.in.short_reason = web::field(req, "reason");
  f.wide = web::field(req, "wide");
  f.in.province_wide = f.wide != "0";
  for (auto u : req.form.all("units")) {
    if (u.empty()) continue;
    auto id = web::parse_id(u);
    if (!id) throw http::Error(http::ErrorKind::bad_request, "not a unit id", "error.bad_request.id");
    f.in.units.push_back(*id);
  }
  if (auto v = web::field(req, "version"); !v.empty()) {
    auto n = web::parse_id(v);
    if (!n || *n > 1000000) throw http::Error(http::ErrorKind::bad_request, "bad version", "error.bad_request.id");
    f.version = static_cast<int>(*n);
  }
  return f;
}

Response details_page(app::Context& ctx, const Request& req, const auth::Principal& p, const DetailsForm& f,
                      std::int64_t id, const std::vector<web::FieldProblem>& problems) {
  View v{ctx, req};
  struct Loaded {
    std::vector<Kind> kinds;
    std::vector<directory::AgencyRef> agencies;
    std::vector<directory::UnitRef> units;
  };
  const std::string today = calendar::format_date(calendar::to_local(ctx.clock.now()).day);
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out{kinds(s), directory::active_agencies(s), directory::active_units(s, today)};
    std::erase_if(out.agencies, [&](const directory::AgencyRef& a) { return !may_manage(&p, a.id); });
    return out;
  });
  mstch::array kinds_view, agencies_view, units_view;
  for (const auto& k : l.kinds)
    kinds_view.push_back(mstch::map{
        {"value", k.code},
        {"label", v.f("consultations.kind.option", {{"name", v.t("consultations.kind." + k.code)},
                                                    {"days", std::to_string(k.min_days)}})},
        {"selected", k.code == f.in.kind}});
  for (const auto& a : l.agencies)
    agencies_view.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name},
                                       {"selected", std::to_string(a.id) == f.agency}});
  std::set<std::int64_t> chosen(f.in.units.begin(), f.in.units.end());
  for (const auto& u : l.units)
    units_view.push_back(mstch::map{{"value", std::to_string(u.id)}, {"label", u.name},
                                    {"selected", chosen.count(u.id) > 0}});
  mstch::map c{{"title", id == 0 ? v.t("consultations.new.title") : v.t("consultations.edit.title")},
               {"is_new", id == 0},
               {"action", id == 0 ? std::string("/consultations/new") : base_url(id) + "/edit"},
               {"back_url", id == 0 ? std::string("/consultations/manage") : base_url(id) + "/manage"},
               {"version", std::to_string(f.version)},
               {"f_title", f.in.title},
               {"legal_basis", f.in.legal_basis},
               {"field", f.in.field},
               {"description", f.in.summary},
               {"opens", f.in.opens},
               {"closes", f.in.closes},
               {"reason", f.in.short_reason},
               {"wide", f.in.province_wide},
               {"kinds", kinds_view},
               {"agencies", agencies_view},
               {"units", units_view}};
  web::put_field_errors(c, v, problems, kDetailFields);
  return private_page(ctx, req, "consultations_details", std::move(c), problems.empty() ? 200 : 422);
}

Response new_page(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  auth::require(p.agency_id.has_value() && may_manage(&p, *p.agency_id), "prepare a consultation");
  DetailsForm f;
  if (p.agency_id) f.agency = std::to_string(*p.agency_id);
  f.in.kind = "policy";
  const auto now = ctx.clock.now();
  // A suggestion only: from tomorrow 08:00 for 30 days, in Viet Nam.
  const calendar::Date tomorrow = calendar::to_local(now).day + std::chrono::days(1);
  f.in.opens = calendar::format_date(tomorrow) + "T08:00";
  f.in.closes = calendar::format_date(tomorrow + std::chrono::days(30)) + "T17:00";
  return details_page(ctx, req, p, f, 0, {});
}

// The draft sent with a form: a .docx or a plain-text file in field "draft", else the text typed
// in field "text". nullopt when neither was sent.
struct DraftSource {
  std::string name;
  std::vector<DraftParagraph> paragraphs;
  bool unreadable = false;
};
std::optional<DraftSource> read_draft_source(app::Context& ctx, const Request& req) {
  for (const auto& f : req.files) {
    if (f.field != "draft" || f.size == 0) continue;
    if (f.size > kMaxDraftBytes) return DraftSource{f.filename, {}, true};
    const std::string bytes = ctx.files.read(f.path, kMaxDraftBytes);
    DraftSource out{f.filename, {}, false};
    if (document::looks_like_docx(bytes)) {
      const auto doc = document::read_docx(bytes);
      if (!doc.ok()) return DraftSource{f.filename, {}, true};
      out.paragraphs = paragraphs_from_docx(doc);
    } else {
      if (!valid_utf8(bytes)) return DraftSource{f.filename, {}, true};
      out.paragraphs = paragraphs_from_text(bytes);
    }
    return out;
  }
  const std::string text = web::raw_field(req, "text");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return DraftSource{"", paragraphs_from_text(text), false};
}

std::optional<FileInput> read_file_field(app::Context& ctx, const Request& req, std::string_view field) {
  for (const auto& f : req.files)
    if (f.field == field && f.size > 0) {
      if (f.size > kMaxFileBytes) return FileInput{f.filename, std::string(kMaxFileBytes + 1, '\0')};
      return FileInput{f.filename, ctx.files.read(f.path, kMaxFileBytes)};
    }
  return std::nullopt;
}

constexpr http::RouteOptions kDraftUpload{.multipart = true,
                                          .uploads = {.max_file_bytes = kMaxDraftBytes,
                                                      .max_total_bytes = kMaxDraftBytes + kMaxFileBytes + (1u << 20),
                                                      .max_field_bytes = 1u << 20,
                                                      .max_files = 2,
                                                      .max_parts = 600}};

Response create_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  DetailsForm f = read_details(req);
  auto agency = web::optional_id(f.agency);
  if (!agency) return details_page(ctx, req, p, f, 0, {{"agency", "consultations.error.unknown_agency"}});
  auth::require(may_manage(&p, *agency), "prepare another agency's consultation");
  f.in.agency_id = *agency;
  auto draft = read_draft_source(ctx, req);
  if (draft && draft->unreadable) return details_page(ctx, req, p, f, 0, {{"draft", "consultations.error.draft_unreadable"}});
  std::vector<Unit> units;
  if (draft) {
    units = split_draft(draft->paragraphs).units;
    if (units.empty()) return details_page(ctx, req, p, f, 0, {{"draft", "consultations.error.draft_empty"}});
  }
  auto explanatory = read_file_field(ctx, req, "explanatory");
  const auto rec = audit::for_request(ctx, req);
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    Result out = create_consultation(env, f.in, p.account_id);
    if (!out.ok()) return out;
    if (draft) {
      Result d = save_draft(env, out.id, units, draft->name, "", p.account_id);
      if (!d.ok()) return d;
    }
    if (explanatory) {
      Result e = add_file(env, out.id, "explanatory", *explanatory, p.account_id);
      if (!e.ok()) return e;
    }
    return out;
  });
  if (!r.ok())
    return details_page(ctx, req, p, f, 0,
                        {{details_error_field(r.error), "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(r.id) + (draft ? "/draft?imported=1" : "/manage?created=1"));
}

Response edit_page(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  Consultation c = ctx.db.with_session([&](soci::session& s) { return managed_consultation(s, p, id); });
  if (c.published) throw http::Error(http::ErrorKind::conflict, "published", "consultations.error.wrong_phase");
  DetailsForm f;
  f.in = DetailsInput{c.title, c.summary, c.kind, c.legal_basis, c.field,
                      local_input(auth::parse_iso_utc(c.opens_at)), local_input(auth::parse_iso_utc(c.closes_at)),
                      c.short_reason, c.agency_id, c.province_wide, c.units};
  f.agency = std::to_string(c.agency_id);
  f.version = c.version;
  return details_page(ctx, req, p, f, id, {});
}

Response edit_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  DetailsForm f = read_details(req);
  auto agency = web::optional_id(f.agency);
  if (!agency) return details_page(ctx, req, p, f, id, {{"agency", "consultations.error.unknown_agency"}});
  auth::require(may_manage(&p, *agency), "move a consultation to another agency");
  f.in.agency_id = *agency;
  const auto rec = audit::for_request(ctx, req);
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return update_consultation(env, id, f.version, f.in, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::stale || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok())
    return details_page(ctx, req, p, f, id,
                        {{details_error_field(r.error), "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "/manage?saved=1");
}

// ---- one consultation's management page ----

struct ManageLoaded {
  Consultation c;
  std::vector<Unit> units;
  std::vector<Question> questions;
  std::vector<FileRef> files;
  long long comments = 0, unanswered = 0;
};

Response manage_page(app::Context& ctx, const Request& req, const std::vector<web::FieldProblem>& problems = {}) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::string now = now_text(ctx);
  ManageLoaded l = ctx.db.with_session([&](soci::session& s) {
    ManageLoaded out;
    out.c = visible_consultation(s, &p, id);
    out.units = draft_units(s, id, 0);
    out.questions = questions(s, id, true);
    out.files = files(s, id);
    long long cid = id;
    s << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN answer_id IS NULL THEN 1 ELSE 0 END), 0)"
         " FROM consultation_comments WHERE consultation_id = :c AND parent_id IS NULL AND hidden_at IS NULL",
        soci::use(cid, "c"), soci::into(out.comments), soci::into(out.unanswered);
    return out;
  });
  View v{ctx, req};
  const Phase ph = phase_of(l.c.moments(), now);
  const bool manage = may_manage(&p, l.c.agency_id);
  mstch::map c = consultation_view(v, l.c, now);
  c["title"] = v.f("consultations.manage.title", {{"title", l.c.title}});
  c["name"] = l.c.title;
  c["manage"] = manage;
  c["can_edit"] = manage && ph == Phase::draft;
  c["can_publish"] = manage && ph == Phase::draft;
  c["can_change_draft"] = manage && ph != Phase::reported;
  c["can_answer"] = manage && (ph == Phase::open || ph == Phase::closed);
  c["can_report"] = manage && ph == Phase::closed;
  c["can_add_files"] = manage && (ph == Phase::draft || ph == Phase::upcoming || ph == Phase::open);
  c["edit_url"] = base_url(id) + "/edit";
  c["draft_url"] = base_url(id) + "/draft";
  c["answers_url"] = base_url(id) + "/answers";
  c["public_url"] = base_url(id);
  c["version"] = std::to_string(l.c.version);
  c["units"] = v.f("consultations.manage.units", {{"n", std::to_string(l.units.size())},
                                                  {"v", std::to_string(l.c.draft_version)}});
  c["has_draft"] = !l.units.empty();
  c["comments_line"] = v.f("consultations.manage.comments", {{"n", std::to_string(l.comments)},
                                                             {"open", std::to_string(l.unanswered)}});
  mstch::array qs;
  for (const auto& q : l.questions) {
    mstch::array opts;
    for (const auto& o : q.options)
      opts.push_back(mstch::map{{"text", o.text}, {"count", std::to_string(o.count)}});
    qs.push_back(mstch::map{{"id", std::to_string(q.id)},
                            {"text", q.text},
                            {"kind", v.t(q.multiple ? "consultations.question.multiple" : "consultations.question.single")},
                            {"allow_other", q.allow_other},
                            {"options", opts},
                            {"respondents", std::to_string(q.respondents)},
                            {"delete_url", base_url(id) + "/questions/" + std::to_string(q.id) + "/delete"}});
  }
  c["questions"] = qs;
  c["has_questions"] = !qs.empty();
  c["can_edit_questions"] = manage && ph == Phase::draft;
  mstch::array fl;
  for (const auto& f : l.files)
    fl.push_back(mstch::map{{"url", base_url(id) + "/files/" + std::to_string(f.id)},
                            {"name", f.name},
                            {"role", v.t("consultations.file_role." + f.role)}});
  c["files"] = fl;
  c["saved"] = !web::query(req, "saved").empty() || !web::query(req, "created").empty();
  web::put_field_errors(c, v, problems,
                        {{"question", {"f-question", "consultations.field.question"}},
                         {"items", {"f-options", "consultations.field.options"}},
                         {"file", {"f-file", "consultations.field.file"}},
                         {"publish", {"f-publish", "consultations.field.publish"}},
                         {"note", {"f-note", "consultations.field.report_note"}}});
  return private_page(ctx, req, "consultations_manage", std::move(c), problems.empty() ? 200 : 422);
}

Response manage(app::Context& ctx, const Request& req) { return manage_page(ctx, req); }

Response add_question_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::string text = web::field(req, "text");
  std::vector<std::string> options;
  const std::string items = web::raw_field(req, "items");  // split() views it: it must outlive the loop
  for (auto line : split(items, '\n')) {
    std::string o(trim(line));
    if (!o.empty()) options.push_back(o);
  }
  const bool multiple = web::field(req, "multiple") == "1", other = web::field(req, "allow_other") == "1";
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return add_question(env, id, text, multiple, other, options, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok())
    return manage_page(ctx, req, {{r.error == Error::question_required ? "question" : "items",
                                   "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "/manage?saved=1#questions");
}

Response delete_question_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t qid = web::path_id(req, "question");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return remove_question(env, id, qid, p.account_id);
  });
  if (!r.ok()) return fail_page(r.error);
  return Response::redirect(base_url(id) + "/manage?saved=1#questions");
}

constexpr http::RouteOptions kFileUpload{.multipart = true,
                                         .uploads = {.max_file_bytes = kMaxFileBytes,
                                                     .max_total_bytes = kMaxFileBytes + (1u << 20),
                                                     .max_field_bytes = 4u << 10,
                                                     .max_files = 1,
                                                     .max_parts = 8}};

Response add_file_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::string role = web::field(req, "role") == "explanatory" ? "explanatory" : "other";
  auto file = read_file_field(ctx, req, "file");
  if (!file) return manage_page(ctx, req, {{"file", "consultations.error.file_required"}});
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return add_file(env, id, role, *file, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok()) return manage_page(ctx, req, {{"file", "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "/manage?saved=1#files");
}

Response publish_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const auto version = web::field_id(req, "version");
  if (!version || *version > 1000000) throw http::Error(http::ErrorKind::bad_request, "no version", "error.bad_request.id");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return publish(env, id, static_cast<int>(*version), p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::stale || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok()) return manage_page(ctx, req, {{"publish", "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "?published=1");
}

Response report_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::string note = web::field(req, "note");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return publish_report(env, id, note, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::stale || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok()) return manage_page(ctx, req, {{"note", "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "?reported=1#report");
}

Response hide_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t cid = web::path_id(req, "comment");
  const std::string reason = web::field(req, "reason");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    auto cm = load_comment(s, cid);
    if (!cm || cm->consultation_id != id) return Result{Error::not_found, 0};
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return hide_comment(env, cid, reason, p.account_id);
  });
  if (r.error == Error::not_found) return fail_page(r.error);
  if (r.error == Error::already_hidden)
    throw http::Error(http::ErrorKind::conflict, "already hidden", "consultations.error.already_hidden");
  if (!r.ok())
    throw http::Error(http::ErrorKind::invalid_input, "no reason", "consultations.error.reason_required");
  return Response::redirect(base_url(id) + "/comments/" + std::to_string(cid));
}

// ---- the draft: check, edit, new version ----

// A warning of the splitter (draft.h SplitResult::warnings, English with the units' Vietnamese
// labels) in the reader's language; one of an unknown shape is shown as written.
std::string warning_text(const View& v, const std::string& w) {
  static const std::pair<std::regex, std::string> kShapes[] = {
      {std::regex("^(.+) follows (.+) in (.+)$"), "consultations.warning.follows_in"},
      {std::regex("^(.+) follows (.+)$"), "consultations.warning.follows"},
      {std::regex("^the first point of (.+) is (.+)$"), "consultations.warning.first_point"},
      {std::regex("^the first (.+) is (.+)$"), "consultations.warning.first"},
      {std::regex("^(.+) has no heading$"), "consultations.warning.no_heading"},
      {std::regex("^duplicate anchor (.+) renamed (.+)$"), "consultations.warning.duplicate"},
      {std::regex("^text of (.+) cut at ([0-9]+) bytes$"), "consultations.warning.text_cut"},
      {std::regex("^a heading cut at ([0-9]+) bytes$"), "consultations.warning.heading_cut"},
      {std::regex("^more than ([0-9]+) units: .*$"), "consultations.warning.too_many"},
  };
  if (v.english()) return w;
  std::smatch m;
  for (const auto& [re, id] : kShapes)
    if (std::regex_match(w, m, re))
      return v.f(id, {{"a", m.size() > 1 ? m[1].str() : ""}, {"b", m.size() > 2 ? m[2].str() : ""},
                      {"c", m.size() > 3 ? m[3].str() : ""}});
  return w;
}

Response draft_page(app::Context& ctx, const Request& req, const std::string& typed,
                    const std::vector<web::FieldProblem>& problems) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  struct Loaded {
    Consultation c;
    std::vector<Unit> units;
    std::vector<VersionRow> versions;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = managed_consultation(s, p, id);
    out.units = draft_units(s, id, 0);
    out.versions = versions(s, id);
    return out;
  });
  View v{ctx, req};
  // The checks of the split, as the splitter sees the stored text again.
  const SplitResult again = split_draft(paragraphs_from_text(to_text(l.units)));
  mstch::array rows, warnings;
  for (const auto& u : l.units) {
    std::string excerpt(utf8_prefix(u.text, 240));
    if (excerpt.size() < u.text.size()) excerpt += "…";
    rows.push_back(mstch::map{{"kind", v.t("consultations.unit_kind." + std::string(unit_kind_code(u.kind)))},
                              {"name", unit_name(v, l.units, u.anchor)},
                              {"heading", u.heading},
                              {"excerpt", excerpt},
                              {"anchor", u.anchor},
                              {"indent", std::to_string(std::min(u.depth, 4))}});
  }
  for (const auto& w : again.warnings) warnings.push_back(mstch::map{{"text", warning_text(v, w)}});
  const Phase ph = phase_of(l.c.moments(), now_text(ctx));
  mstch::array versions_view;
  for (const auto& ver : l.versions)
    versions_view.push_back(mstch::map{{"number", std::to_string(ver.number)},
                                       {"source", ver.source_name},
                                       {"note", ver.note},
                                       {"when", v.time(ver.created_at)},
                                       {"units", std::to_string(ver.units)}});
  mstch::map c{{"title", v.f("consultations.draft.title", {{"title", l.c.title}})},
               {"name", l.c.title},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"count", v.f("consultations.draft.count", {{"n", std::to_string(l.units.size())}})},
               {"warnings", warnings},
               {"has_warnings", !warnings.empty()},
               {"imported", !web::query(req, "imported").empty()},
               {"saved", !web::query(req, "saved").empty()},
               {"text", typed.empty() ? to_text(l.units) : typed},
               {"action", base_url(id) + "/draft"},
               {"manage_url", base_url(id) + "/manage"},
               {"published", l.c.published},
               {"can_change", ph != Phase::reported},
               {"versions", versions_view},
               {"has_versions", l.versions.size() > 1},
               {"versions_url", base_url(id) + "/versions"}};
  web::put_field_errors(c, v, problems, {{"draft", {"f-draft", "consultations.field.draft_file"}},
                                         {"text", {"f-text", "consultations.field.draft_text"}},
                                         {"note", {"f-note", "consultations.field.version_note"}}});
  return private_page(ctx, req, "consultations_draft", std::move(c), problems.empty() ? 200 : 422);
}

Response draft(app::Context& ctx, const Request& req) { return draft_page(ctx, req, "", {}); }

Response draft_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  auto source = read_draft_source(ctx, req);
  const std::string note = web::field(req, "note");
  if (!source) return draft_page(ctx, req, "", {{"draft", "consultations.error.draft_empty"}});
  if (source->unreadable) return draft_page(ctx, req, "", {{"draft", "consultations.error.draft_unreadable"}});
  const SplitResult split = split_draft(source->paragraphs);
  const std::string typed = source->name.empty() ? web::raw_field(req, "text") : std::string();
  if (split.units.empty())
    return draft_page(ctx, req, typed, {{source->name.empty() ? "text" : "draft", "consultations.error.draft_empty"}});
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    Consultation c = managed_consultation(s, p, id);
    (void)c;
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return save_draft(env, id, split.units, source->name, note, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok()) return draft_page(ctx, req, typed, {{"text", "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "/draft?saved=1");
}

// ---- the answer desk ----

Response answers_page(app::Context& ctx, const Request& req, const std::vector<web::FieldProblem>& problems = {}) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  const bool open_only = web::query(req, "all").empty();
  struct Loaded : CommentsAndAnswers {
    Consultation c;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = managed_consultation(s, p, id);
    static_cast<CommentsAndAnswers&>(out) = comments_and_answers(s, id);
    return out;
  });
  View v{ctx, req};
  // Top-level visible comments in the draft's order (whole draft first), unanswered ones unless
  // ?all=1.
  std::map<std::string, int> order;
  order[""] = -1;
  for (std::size_t i = 0; i < l.units.size(); ++i) order[l.units[i].anchor] = static_cast<int>(i);
  std::vector<const Comment*> shown;
  for (const auto& cm : l.comments)
    if (cm.parent_id == 0 && !cm.hidden && (!open_only || cm.answer_id == 0)) shown.push_back(&cm);
  std::stable_sort(shown.begin(), shown.end(), [&](const Comment* a, const Comment* b) {
    const int oa = order.count(a->anchor) ? order[a->anchor] : 1 << 30;
    const int ob = order.count(b->anchor) ? order[b->anchor] : 1 << 30;
    return oa < ob;
  });
  constexpr std::size_t kShown = 200;
  const bool more = shown.size() > kShown;
  if (more) shown.resize(kShown);
  std::set<std::string> chosen;
  for (auto c : req.form.all("comment_ids")) chosen.insert(std::string(c));
  mstch::array rows;
  for (const Comment* cm : shown) {
    mstch::map m = comment_view(v, l.c, *cm, l.units, l.answers, {}, {});
    m["checked"] = chosen.count(std::to_string(cm->id)) > 0;
    rows.push_back(std::move(m));
  }
  mstch::array kinds, targets;
  const std::string kind = web::field(req, "kind");
  for (const char* k : kAnswerKinds)
    kinds.push_back(mstch::map{{"value", std::string(k)}, {"label", answer_kind_label(v, k)}, {"checked", kind == k}});
  const std::string changed = web::field(req, "changed");
  targets.push_back(mstch::map{{"value", std::string()}, {"label", v.t("consultations.answer.no_change")},
                               {"selected", changed.empty()}});
  for (const auto& u : l.units)
    if (u.kind != UnitKind::preamble)
      targets.push_back(mstch::map{{"value", u.anchor}, {"label", unit_name(v, l.units, u.anchor)},
                                   {"selected", changed == u.anchor}});
  const Phase ph = phase_of(l.c.moments(), now_text(ctx));
  mstch::map c{{"title", v.f("consultations.answers.title", {{"title", l.c.title}})},
               {"name", l.c.title},
               {"rows", rows},
               {"empty", rows.empty()},
               {"more", more},
               {"open_only", open_only},
               {"all_url", base_url(id) + "/answers?all=1"},
               {"open_url", base_url(id) + "/answers"},
               {"kinds", kinds},
               {"targets", targets},
               {"text", web::raw_field(req, "text")},
               {"can_answer", ph == Phase::open || ph == Phase::closed},
               {"action", base_url(id) + "/answers"},
               {"manage_url", base_url(id) + "/manage"},
               {"saved", !web::query(req, "saved").empty()}};
  web::put_field_errors(c, v, problems, {{"comment_ids", {"f-comments", "consultations.field.answer_comments"}},
                                         {"kind", {"f-kind-accepted", "consultations.field.answer_kind"}},
                                         {"text", {"f-text", "consultations.field.answer_text"}},
                                         {"changed", {"f-changed", "consultations.field.changed"}}});
  return private_page(ctx, req, "consultations_answers", std::move(c), problems.empty() ? 200 : 422);
}

Response answers(app::Context& ctx, const Request& req) { return answers_page(ctx, req); }

Response answers_post(app::Context& ctx, const Request& req) {
  const auto& p = require_officer(req);
  const std::int64_t id = web::path_id(req);
  std::vector<std::int64_t> ids;
  for (auto c : req.form.all("comment_ids")) {
    if (c.empty()) continue;
    auto cid = web::parse_id(c);
    if (!cid) throw http::Error(http::ErrorKind::bad_request, "not a comment id", "error.bad_request.id");
    ids.push_back(*cid);
  }
  const std::string kind = web::field(req, "kind"), text = web::field(req, "text"), changed = web::field(req, "changed");
  if (changed.size() > 200) throw http::Error(http::ErrorKind::bad_request, "changed too long");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    managed_consultation(s, p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return answer_comments(env, id, ids, kind, text, changed, p.account_id);
  });
  if (r.error == Error::not_found || r.error == Error::wrong_phase) return fail_page(r.error);
  if (!r.ok()) {
    std::string field = r.error == Error::answer_kind       ? "kind"
                        : r.error == Error::answer_required ? "text"
                        : r.error == Error::unknown_unit_anchor ? "changed"
                                                                : "comment_ids";
    return answers_page(ctx, req, {{field, "consultations.error." + std::string(error_code(r.error))}});
  }
  return Response::redirect(base_url(id) + "/answers?saved=1");
}

}  // namespace

void add_manage_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/consultations/manage", desk);
  on.add("GET", "/consultations/new", new_page);
  on.add("POST", "/consultations/new", create_post, kDraftUpload);
  on.add("GET", "/consultations/{id}/manage", manage);
  on.add("GET", "/consultations/{id}/edit", edit_page);
  on.add("POST", "/consultations/{id}/edit", edit_post);
  on.add("GET", "/consultations/{id}/draft", draft);
  on.add("POST", "/consultations/{id}/draft", draft_post, kDraftUpload);
  on.add("POST", "/consultations/{id}/questions", add_question_post);
  on.add("POST", "/consultations/{id}/questions/{question}/delete", delete_question_post);
  on.add("POST", "/consultations/{id}/files", add_file_post, kFileUpload);
  on.add("POST", "/consultations/{id}/publish", publish_post);
  on.add("POST", "/consultations/{id}/report", report_post);
  on.add("POST", "/consultations/{id}/comments/{comment}/hide", hide_post);
  on.add("GET", "/consultations/{id}/answers", answers);
  on.add("POST", "/consultations/{id}/answers", answers_post);
}

}  // namespace tinhso::consultations
