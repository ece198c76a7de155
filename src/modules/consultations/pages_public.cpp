// The public pages of consultations (issue 18 §3, §4, §7, §8) and what signed-in citizens and
// organisations post: the list (open, closing soon, upcoming, closed) with the accent-free search
// across consultations and comments; a consultation with its draft by article and the number of
// comments on each, its questions (the form while open, the results once closed), files, report
// and CSV; a unit's page with its text and comments (agree, reply, the agency's answer, the
// moderators' hide form); the notices, subscriptions and the organisation's profile.
#include <algorithm>
#include <set>

#include "core/auth/guard.h"
#include "core/db/refusable.h"
#include "core/document/files.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/vietnamese.h"
#include "core/util/csv.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/consultations/notices.h"
#include "modules/consultations/pages.h"
#include "modules/consultations/permissions.h"
#include "modules/consultations/usecases.h"

namespace tinhso::consultations {

namespace {

using http::Request;
using http::Response;
using web::View;

constexpr int kPageSize = 20;
constexpr std::size_t kMaxQuery = 200;

std::string base_url(std::int64_t id) { return "/consultations/" + std::to_string(id); }

// ---- the list and the search ----

Response index_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  std::string phase = web::query(req, "phase");
  if (phase != "open" && phase != "upcoming" && phase != "closed") phase = phase.empty() ? "" : "invalid";
  if (phase == "invalid")
    throw http::Error(http::ErrorKind::bad_request, "unknown phase", "consultations.error.bad_phase");
  const std::string q_raw = web::query(req, "q");
  if (q_raw.size() > kMaxQuery)
    throw http::Error(http::ErrorKind::bad_request, "query too long", "consultations.error.query_too_long");
  const std::string q = text::fold(q_raw);
  const web::Paging pg = web::paging(req, kPageSize);
  const std::string now = now_text(ctx);
  struct Loaded {
    std::vector<ListRow> rows;
    std::vector<CommentHit> hits;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.rows = public_list(s, now, phase, q, pg.offset(), pg.limit_probe());
    if (!q.empty() && pg.page == 1) out.hits = search_comments(s, q, 20);
    return out;
  });
  const bool has_next = static_cast<int>(l.rows.size()) > pg.size;
  if (has_next) l.rows.pop_back();
  mstch::array rows;
  for (const auto& r : l.rows) {
    mstch::map m = consultation_view(v, r.c, now);
    m["comments"] = v.f("consultations.list.comments", {{"n", std::to_string(r.comments)}});
    rows.push_back(std::move(m));
  }
  mstch::array hits;
  for (const auto& h : l.hits) {
    std::string excerpt(utf8_prefix(h.body, 300));
    if (excerpt.size() < h.body.size()) excerpt += "…";
    hits.push_back(mstch::map{{"url", base_url(h.consultation_id) + "/comments/" + std::to_string(h.comment_id)},
                              {"title", h.title},
                              {"author", h.organisation.empty() ? h.author_name : h.organisation},
                              {"excerpt", excerpt}});
  }
  mstch::array tabs;
  for (const char* code : {"", "open", "upcoming", "closed"}) {
    const std::string c(code);
    tabs.push_back(mstch::map{{"url", c.empty() ? std::string("/consultations") : "/consultations?phase=" + c},
                              {"label", v.t("consultations.list.tab." + (c.empty() ? std::string("all") : c))},
                              {"current", c == phase}});
  }
  const auth::Principal* p = req.principal.get();
  mstch::map c{{"title", v.t("consultations.list.title")},
               {"rows", rows},
               {"empty", rows.empty()},
               {"tabs", tabs},
               {"q", q_raw},
               {"phase", phase},
               {"searched", !q.empty()},
               {"hits", hits},
               {"has_hits", !hits.empty()},
               {"take_part", may_take_part(p)},
               {"desk", may_open_desk(p)},
               {"pager", web::pager(req, "/consultations", pg, has_next)}};
  return ctx.pages.render(req, "consultations_index", std::move(c));
}

// ---- one consultation ----

struct ShowLoaded {
  Consultation c;
  std::vector<Unit> units;
  std::map<std::string, long long> counts;
  std::vector<Question> questions;
  bool answered = false, subscribed = false;
  std::vector<FileRef> files;
  std::vector<VersionRow> versions;
};

mstch::array outline_view(const View& v, const Consultation& c, const std::vector<Unit>& units,
                          const std::map<std::string, long long>& counts) {
  // Comments per page unit: an article's count includes its clauses' and points'.
  std::map<std::string, long long> per_page;
  for (const auto& [anchor, n] : counts) per_page[anchor.empty() ? "" : page_anchor(units, anchor)] += n;
  mstch::array out;
  for (const auto& u : units) {
    if (u.kind == UnitKind::clause || u.kind == UnitKind::point) continue;
    const bool heading = u.kind == UnitKind::part || u.kind == UnitKind::chapter || u.kind == UnitKind::section;
    const long long n = per_page.count(u.anchor) ? per_page.at(u.anchor) : 0;
    out.push_back(mstch::map{{"name", unit_name(v, units, u.anchor)},
                             {"heading", u.heading},
                             {"is_heading", heading},
                             {"level", std::to_string(std::min(u.depth, 3))},
                             {"url", base_url(c.id) + "/units/" + u.anchor},
                             {"comments", v.f("consultations.list.comments", {{"n", std::to_string(n)}})},
                             {"count", std::to_string(n)},
                             {"has_comments", n > 0}});
  }
  return out;
}

mstch::array questions_view(const View& v, const std::vector<Question>& qs, bool results, const Request& req) {
  mstch::array out;
  for (const auto& q : qs) {
    mstch::array opts;
    for (const auto& o : q.options) {
      const long long pct = q.respondents > 0 ? (o.count * 100 + q.respondents / 2) / q.respondents : 0;
      const std::string field = "q_" + std::to_string(q.id);
      bool checked = false;
      for (auto sent : req.form.all(field))
        if (sent == std::to_string(o.id)) checked = true;
      opts.push_back(mstch::map{{"id", std::to_string(o.id)},
                                {"qid", std::to_string(q.id)},
                                {"text", o.text},
                                {"count", std::to_string(o.count)},
                                {"percent", std::to_string(pct)},
                                {"checked", checked}});
    }
    const std::string other_field = "other_" + std::to_string(q.id);
    out.push_back(mstch::map{{"id", std::to_string(q.id)},
                             {"seq", std::to_string(q.seq)},
                             {"text", q.text},
                             {"multiple", q.multiple},
                             {"allow_other", q.allow_other},
                             {"options", opts},
                             {"other", std::string(req.form.get_or(other_field, ""))},
                             {"respondents", v.f("consultations.questions.respondents",
                                                 {{"n", std::to_string(q.respondents)}})},
                             {"others", v.f("consultations.questions.others", {{"n", std::to_string(q.others)}})},
                             {"results", results}});
  }
  return out;
}

Response show_page(app::Context& ctx, const Request& req, const std::vector<web::FieldProblem>& problems = {}) {
  const std::int64_t id = web::path_id(req);
  const auth::Principal* p = req.principal.get();
  const std::string now = now_text(ctx);
  ShowLoaded l = ctx.db.with_session([&](soci::session& s) {
    ShowLoaded out;
    out.c = visible_consultation(s, p, id);
    out.units = draft_units(s, id, 0);
    out.counts = comment_counts(s, id);
    const Phase ph = phase_of(out.c.moments(), now);
    out.questions = questions(s, id, ph == Phase::closed || ph == Phase::reported);
    if (may_take_part(p) && !out.questions.empty()) out.answered = has_answered(s, id, p->account_id);
    out.files = files(s, id);
    out.versions = versions(s, id);
    return out;
  });
  View v{ctx, req};
  const Phase ph = phase_of(l.c.moments(), now);
  mstch::map c = consultation_view(v, l.c, now);
  c["title"] = l.c.title;
  c["outline"] = outline_view(v, l.c, l.units, l.counts);
  const long long general = l.counts.count("") ? l.counts.at("") : 0;
  c["general_url"] = base_url(id) + "/general";
  c["general_label"] = v.f("consultations.show.general", {{"n", std::to_string(general)}});
  const bool results = ph == Phase::closed || ph == Phase::reported;
  c["questions"] = questions_view(v, l.questions, results, req);
  c["has_questions"] = !l.questions.empty();
  c["can_answer"] = ph == Phase::open && may_take_part(p) && !l.answered;
  c["answered"] = l.answered;
  c["show_results"] = results;
  c["results_later"] = !results && !l.questions.empty();
  c["sign_in_to_take_part"] = p == nullptr && ph == Phase::open;
  c["login_url"] = "/login?next=" + http::percent_encode(base_url(id));
  c["take_part"] = may_take_part(p);
  c["manage"] = may_manage(p, l.c.agency_id);
  mstch::array files_view;
  for (const auto& f : l.files)
    files_view.push_back(mstch::map{{"url", base_url(id) + "/files/" + std::to_string(f.id)},
                                    {"name", f.name},
                                    {"role", v.t("consultations.file_role." + f.role)},
                                    {"size", std::to_string((f.size + 1023) / 1024)}});
  c["files"] = files_view;
  c["has_files"] = !l.files.empty();
  c["csv_url"] = base_url(id) + "/comments.csv";
  c["report_pdf"] = base_url(id) + "/report.pdf";
  c["report_xlsx"] = base_url(id) + "/report.xlsx";
  c["has_versions"] = l.versions.size() > 1;
  c["versions_url"] = base_url(id) + "/versions";
  c["version_label"] = v.f("consultations.show.version", {{"n", std::to_string(l.c.draft_version)}});
  c["has_short_reason"] = !l.c.short_reason.empty();
  web::put_field_errors(c, v, problems, {});
  Response r = ctx.pages.render(req, "consultations_show", std::move(c), problems.empty() ? 200 : 422);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response show(app::Context& ctx, const Request& req) { return show_page(ctx, req); }

// ---- a unit's page (or the whole draft's: anchor "") ----

struct UnitLoaded {
  Consultation c;
  std::vector<Unit> units;
  std::vector<Comment> comments, replies;
  std::map<std::int64_t, std::vector<FileRef>> files;
  std::map<std::int64_t, Answer> answers;
  std::vector<std::int64_t> agreed;
};

struct CommentForm {
  std::string target, body;
  std::int64_t parent = 0;
};

Response unit_page(app::Context& ctx, const Request& req, const std::string& anchor, const CommentForm& form,
                   const std::vector<web::FieldProblem>& problems) {
  const std::int64_t id = web::path_id(req);
  const auth::Principal* p = req.principal.get();
  const web::Paging pg = web::paging(req, kPageSize);
  UnitLoaded l = ctx.db.with_session([&](soci::session& s) {
    UnitLoaded out;
    out.c = visible_consultation(s, p, id);
    out.units = draft_units(s, id, 0);
    if (!anchor.empty() && std::none_of(out.units.begin(), out.units.end(),
                                        [&](const Unit& u) { return u.anchor == anchor; }))
      return out;
    out.comments = comments_on_page(s, id, anchor, pg.offset(), pg.limit_probe());
    std::vector<std::int64_t> ids;
    for (const auto& cm : out.comments) ids.push_back(cm.id);
    out.replies = replies_to(s, ids);
    for (const auto& cm : out.replies) ids.push_back(cm.id);
    out.files = comment_files(s, ids);
    std::vector<Comment> shown = out.comments;
    shown.insert(shown.end(), out.replies.begin(), out.replies.end());
    out.answers = answers_of(s, shown);
    if (p != nullptr) out.agreed = agreed(s, p->account_id, ids);
    return out;
  });
  const bool known = anchor.empty() || std::any_of(l.units.begin(), l.units.end(),
                                                   [&](const Unit& u) { return u.anchor == anchor; });
  if (!known) throw http::Error(http::ErrorKind::not_found, "no such unit", "consultations.error.not_found");
  // A clause or a point is shown on its article's page.
  if (!anchor.empty() && page_anchor(l.units, anchor) != anchor)
    return Response::redirect(base_url(id) + "/units/" + page_anchor(l.units, anchor) + "#" + anchor);
  const bool has_next = static_cast<int>(l.comments.size()) > pg.size;
  if (has_next) l.comments.pop_back();
  View v{ctx, req};
  const std::string now = now_text(ctx);
  const Phase ph = phase_of(l.c.moments(), now);
  const bool take_part = ph == Phase::open && may_take_part(p);
  const bool moderate = may_manage(p, l.c.agency_id);
  // The unit's text and the units below it, each with its own anchor; the choices of the form.
  mstch::array text, targets;
  std::string title = anchor.empty() ? v.t("consultations.unit.whole") : unit_name(v, l.units, anchor);
  bool inside = false;
  int depth = 0;
  targets.push_back(mstch::map{{"value", anchor},
                               {"label", title},
                               {"selected", form.target.empty() || form.target == anchor}});
  for (const auto& u : l.units) {
    if (anchor.empty()) break;
    if (u.anchor == anchor) {
      inside = true;
      depth = u.depth;
    } else if (inside && (u.depth <= depth || (u.kind != UnitKind::clause && u.kind != UnitKind::point))) {
      break;
    }
    if (!inside) continue;
    const std::string own = u.kind == UnitKind::clause || u.kind == UnitKind::point ? u.number : std::string();
    text.push_back(mstch::map{{"anchor", u.anchor},
                              {"name", unit_name(v, l.units, u.anchor)},
                              {"heading", u.heading},
                              {"is_sub", u.anchor != anchor},
                              {"kind", std::string(unit_kind_code(u.kind))},
                              {"body", body_view(own.empty() ? u.text
                                                             : own + (u.kind == UnitKind::clause ? ". " : ") ") + u.text)}});
    if (u.anchor != anchor)
      targets.push_back(mstch::map{{"value", u.anchor},
                                   {"label", unit_name(v, l.units, u.anchor)},
                                   {"selected", form.target == u.anchor}});
  }
  std::set<std::int64_t> agreed(l.agreed.begin(), l.agreed.end());
  auto flags_of = [&](const Comment& cm) {
    CommentFlags f;
    f.agreed = agreed.count(cm.id) > 0;
    f.can_agree = take_part && p != nullptr && cm.account_id != p->account_id;
    f.can_moderate = moderate;
    f.can_reply = take_part;
    return f;
  };
  mstch::array comments;
  for (const auto& cm : l.comments) {
    mstch::map m = comment_view(v, l.c, cm, l.units, l.answers, l.files[cm.id], flags_of(cm));
    mstch::array replies;
    for (const auto& r : l.replies)
      if (r.parent_id == cm.id) replies.push_back(comment_view(v, l.c, r, l.units, l.answers, l.files[r.id], flags_of(r)));
    m["replies"] = replies;
    m["has_replies"] = !replies.empty();
    m["reply_open"] = form.parent == cm.id;
    m["reply_body"] = form.parent == cm.id ? form.body : std::string();
    m["reply_error"] = form.parent == cm.id && !problems.empty() ? v.t(problems.front().message_id) : std::string();
    comments.push_back(std::move(m));
  }
  // Previous and next article, for reading the draft in order.
  std::string prev, next;
  {
    std::vector<const Unit*> pages;
    for (const auto& u : l.units)
      if (u.kind == UnitKind::article || u.kind == UnitKind::preamble) pages.push_back(&u);
    for (std::size_t i = 0; i < pages.size(); ++i)
      if (pages[i]->anchor == anchor) {
        if (i > 0) prev = pages[i - 1]->anchor;
        if (i + 1 < pages.size()) next = pages[i + 1]->anchor;
      }
  }
  mstch::map c = consultation_view(v, l.c, now);
  c["title"] = title + " — " + l.c.title;
  c["unit_title"] = title;
  c["consultation_title"] = l.c.title;
  c["name_back"] = v.t("consultations.unit.back");
  c["anchor"] = anchor;
  c["is_general"] = anchor.empty();
  c["text"] = text;
  c["targets"] = targets;
  c["comments"] = comments;
  c["no_comments"] = comments.empty();
  c["take_part"] = take_part;
  c["sign_in_to_take_part"] = p == nullptr && ph == Phase::open;
  c["login_url"] = "/login?next=" + http::percent_encode(base_url(l.c.id) + "/units/" + anchor);
  c["comment_body"] = form.parent == 0 ? form.body : std::string();
  c["action"] = base_url(l.c.id) + "/comments";
  c["page_url"] = anchor.empty() ? base_url(l.c.id) + "/general" : base_url(l.c.id) + "/units/" + anchor;
  c["has_prev"] = !prev.empty();
  c["prev_url"] = base_url(l.c.id) + "/units/" + prev;
  c["prev_label"] = prev.empty() ? std::string() : unit_name(v, l.units, prev);
  c["has_next"] = !next.empty();
  c["next_url"] = base_url(l.c.id) + "/units/" + next;
  c["next_label"] = next.empty() ? std::string() : unit_name(v, l.units, next);
  c["pager"] = web::pager(req, anchor.empty() ? base_url(l.c.id) + "/general" : base_url(l.c.id) + "/units/" + anchor,
                          pg, has_next);
  if (form.parent == 0)
    web::put_field_errors(c, v, problems, {{"comment", {"f-comment", "consultations.field.comment"}},
                                           {"target", {"f-target", "consultations.field.target"}},
                                           {"files", {"f-files", "consultations.field.files"}}});
  Response r = ctx.pages.render(req, "consultations_unit", std::move(c), problems.empty() ? 200 : 422);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response unit(app::Context& ctx, const Request& req) {
  const std::string anchor(req.param("anchor"));
  if (anchor.empty() || anchor.size() > 200)
    throw http::Error(http::ErrorKind::not_found, "no such unit", "consultations.error.not_found");
  return unit_page(ctx, req, anchor, {}, {});
}

Response general(app::Context& ctx, const Request& req) { return unit_page(ctx, req, "", {}, {}); }

// A comment by its id (the link of a notice, a search hit, an e-mail): the comment with its
// replies and answer, and a link to it in its place on the draft.
Response comment_page(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const std::int64_t cid = web::path_id(req, "comment");
  const auth::Principal* p = req.principal.get();
  struct Loaded {
    Consultation c;
    std::optional<Comment> comment;
    std::vector<Unit> units;
    std::vector<Comment> replies;
    std::map<std::int64_t, std::vector<FileRef>> files;
    std::map<std::int64_t, Answer> answers;
    std::vector<std::int64_t> agreed;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = visible_consultation(s, p, id);
    out.comment = load_comment(s, cid);
    if (!out.comment || out.comment->consultation_id != id) return out;
    out.units = draft_units(s, id, 0);
    std::vector<std::int64_t> ids{cid};
    if (out.comment->parent_id == 0) out.replies = replies_to(s, ids);
    for (const auto& r : out.replies) ids.push_back(r.id);
    out.files = comment_files(s, ids);
    std::vector<Comment> shown{*out.comment};
    shown.insert(shown.end(), out.replies.begin(), out.replies.end());
    out.answers = answers_of(s, shown);
    if (p != nullptr) out.agreed = agreed(s, p->account_id, ids);
    return out;
  });
  if (!l.comment || l.comment->consultation_id != id)
    throw http::Error(http::ErrorKind::not_found, "no such comment", "consultations.error.not_found");
  View v{ctx, req};
  const std::string now = now_text(ctx);
  const Phase ph = phase_of(l.c.moments(), now);
  const bool take_part = ph == Phase::open && may_take_part(p);
  std::set<std::int64_t> agreed_ids(l.agreed.begin(), l.agreed.end());
  auto flags_of = [&](const Comment& cm) {
    CommentFlags f;
    f.agreed = agreed_ids.count(cm.id) > 0;
    f.can_agree = take_part && p != nullptr && cm.account_id != p->account_id;
    f.can_moderate = may_manage(p, l.c.agency_id);
    return f;
  };
  mstch::map comment = comment_view(v, l.c, *l.comment, l.units, l.answers, l.files[cid], flags_of(*l.comment));
  mstch::array replies;
  for (const auto& r : l.replies) replies.push_back(comment_view(v, l.c, r, l.units, l.answers, l.files[r.id], flags_of(r)));
  const std::string page = l.comment->anchor.empty() ? std::string() : page_anchor(l.units, l.comment->anchor);
  mstch::map c = consultation_view(v, l.c, now);
  c["title"] = v.f("consultations.comment.title", {{"n", std::to_string(cid)}}) + " — " + l.c.title;
  c["heading"] = v.f("consultations.comment.title", {{"n", std::to_string(cid)}});
  c["consultation_title"] = l.c.title;
  c["comment"] = comment;
  c["replies"] = replies;
  c["in_place_url"] = (page.empty() && !l.comment->anchor.empty()) || l.comment->anchor.empty()
                          ? base_url(id) + "/general#comment-" + std::to_string(cid)
                          : base_url(id) + "/units/" + page + "#comment-" + std::to_string(cid);
  c["in_place"] = v.f("consultations.comment.in_place", {{"unit", unit_name(v, l.units, l.comment->anchor)}});
  Response r = ctx.pages.render(req, "consultations_comment_page", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

// ---- posting ----

constexpr http::RouteOptions kCommentUpload{.multipart = true,
                                            .uploads = {.max_file_bytes = kMaxFileBytes,
                                                        .max_total_bytes = kMaxCommentFiles * kMaxFileBytes + (1u << 20),
                                                        .max_field_bytes = 64u << 10,
                                                        .max_files = kMaxCommentFiles + 1,
                                                        .max_parts = 16}};

const auth::Principal& require_participant(const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(may_take_part(&p), "take part in a consultation without a citizen's account");
  return p;
}

std::string comment_error_field(Error e) {
  switch (e) {
    case Error::comment_required:
    case Error::comment_too_long: return "comment";
    case Error::unknown_unit_anchor: return "target";
    case Error::file_type:
    case Error::file_size:
    case Error::too_many_files: return "files";
    default: return "";
  }
}

Response post_comment(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  const std::int64_t id = web::path_id(req);
  CommentForm form;
  form.target = web::field(req, "target");
  form.body = web::raw_field(req, "comment");
  if (auto parent = web::field_id(req, "parent")) form.parent = *parent;
  if (form.target.size() > 200) throw http::Error(http::ErrorKind::bad_request, "target too long");
  CommentInput in;
  in.consultation_id = id;
  in.anchor = form.target;
  in.parent_id = form.parent;
  in.body = std::string(trim(form.body));
  in.account_id = p.account_id;
  in.author_name = p.display_name;
  for (const auto& f : req.files)
    if (f.size > 0 && f.field == "files") in.files.push_back({f.filename, ctx.files.read(f.path, kMaxFileBytes)});
  const auto rec = audit::for_request(ctx, req);
  // The page the comment is shown on: its parent's or its target's.
  std::string page_anchor_of;
  Result r = ctx.db.transaction([&](soci::session& s) {
    visible_consultation(s, &p, id);
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    Result out = add_comment(env, in);
    if (out.ok()) {
      auto cm = load_comment(s, out.id);
      page_anchor_of = cm ? page_anchor(draft_units(s, id, 0), cm->anchor) : std::string();
    }
    return out;
  });
  if (r.error == Error::not_found || r.error == Error::bad_parent)
    throw http::Error(http::ErrorKind::not_found, "no such consultation or comment", "consultations.error.not_found");
  if (r.error == Error::wrong_phase)
    throw http::Error(http::ErrorKind::conflict, "consultation not open", "consultations.error.wrong_phase");
  if (!r.ok()) {
    const std::string field = comment_error_field(r.error);
    const std::string msg = "consultations.error." + std::string(error_code(r.error));
    // Shown on the page it came from (the target's article, or the whole draft's page).
    std::string back = form.target;
    if (form.parent != 0)
      back = ctx.db.with_session([&](soci::session& s) {
        auto cm = load_comment(s, form.parent);
        return cm ? cm->anchor : std::string();
      });
    std::string page = back.empty() ? std::string() : ctx.db.with_session([&](soci::session& s) {
      return page_anchor(draft_units(s, id, 0), back);
    });
    if (!back.empty() && page.empty())
      throw http::Error(http::ErrorKind::invalid_input, "unknown unit", "consultations.error.unknown_unit_anchor");
    return unit_page(ctx, req, page, form, {{field, msg}});
  }
  const std::string page = page_anchor_of.empty() ? "/general" : "/units/" + page_anchor_of;
  return Response::redirect(base_url(id) + page + "?posted=1#comment-" + std::to_string(r.id));
}

Response post_agree(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t cid = web::path_id(req, "comment");
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    visible_consultation(s, &p, id);
    auto cm = load_comment(s, cid);
    if (!cm || cm->consultation_id != id) return Result{Error::not_found, 0};
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return agree(env, cid, p.account_id);
  });
  if (r.error == Error::not_found)
    throw http::Error(http::ErrorKind::not_found, "no such comment", "consultations.error.not_found");
  if (r.error == Error::wrong_phase)
    throw http::Error(http::ErrorKind::conflict, "consultation not open", "consultations.error.wrong_phase");
  if (r.error == Error::own_comment)
    throw http::Error(http::ErrorKind::conflict, "own comment", "consultations.error.own_comment");
  return Response::redirect(base_url(id) + "/comments/" + std::to_string(cid));
}

Response post_responses(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  const std::int64_t id = web::path_id(req);
  auto qs = ctx.db.with_session([&](soci::session& s) {
    visible_consultation(s, &p, id);
    return questions(s, id, false);
  });
  std::vector<QuestionAnswer> answers_in;
  for (const auto& q : qs) {
    QuestionAnswer a;
    a.question_id = q.id;
    for (auto v : req.form.all("q_" + std::to_string(q.id))) {
      if (v.empty()) continue;
      auto o = web::parse_id(v);
      if (!o) throw http::Error(http::ErrorKind::bad_request, "not an option id", "error.bad_request.id");
      a.options.push_back(*o);
    }
    a.other = web::field(req, "other_" + std::to_string(q.id));
    answers_in.push_back(std::move(a));
  }
  const auto rec = audit::for_request(ctx, req);
  // All or nothing: a refused answer rolls back whatever the use case wrote before refusing.
  const Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    return answer_questions(Env{s, ctx.db.dialect(), ctx.clock, rec, &ctx}, id, p.account_id, answers_in);
  });
  if (r.error == Error::wrong_phase)
    throw http::Error(http::ErrorKind::conflict, "consultation not open", "consultations.error.wrong_phase");
  if (r.error == Error::already_answered)
    throw http::Error(http::ErrorKind::conflict, "already answered", "consultations.error.already_answered");
  if (r.error == Error::not_found)
    throw http::Error(http::ErrorKind::not_found, "no questions", "consultations.error.not_found");
  if (!r.ok()) return show_page(ctx, req, {{"questions", "consultations.error." + std::string(error_code(r.error))}});
  return Response::redirect(base_url(id) + "?answered=1#questions");
}

// ---- files and the CSV ----

Response send_file(const FileRef& f, std::string bytes, bool is_public) {
  Response r = Response::text(std::move(bytes), f.content_type);
  r.headers.set("Content-Disposition", document::attachment_disposition(f.name));
  r.headers.set("Cache-Control", is_public ? "public, max-age=60" : "private, no-store");
  return r;
}

Response consultation_file(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const std::int64_t fid = web::path_id(req, "file");
  const auth::Principal* p = req.principal.get();
  bool is_public = false;
  auto found = ctx.db.with_session([&](soci::session& s) {
    Consultation c = visible_consultation(s, p, id);
    is_public = c.published;
    return file_content(s, id, fid);
  });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such file", "consultations.error.not_found");
  return send_file(found->first, std::move(found->second), is_public);
}

Response comment_file(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const std::int64_t cid = web::path_id(req, "comment");
  const std::int64_t fid = web::path_id(req, "file");
  const auth::Principal* p = req.principal.get();
  auto found = ctx.db.with_session([&](soci::session& s) {
    Consultation c = visible_consultation(s, p, id);
    // A hidden comment's files: to its moderators only.
    return comment_file_content(s, id, cid, fid, may_manage(p, c.agency_id));
  });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such file", "consultations.error.not_found");
  return send_file(found->first, std::move(found->second), false);
}

// Every comment of a consultation as CSV (issue 18 §6: "every comment downloadable as CSV at any
// time"): hidden ones as their reason, never their text.
Response comments_csv(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const auth::Principal* p = req.principal.get();
  struct Loaded : CommentsAndAnswers {
    Consultation c;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = visible_consultation(s, p, id);
    static_cast<CommentsAndAnswers&>(out) = comments_and_answers(s, id);
    return out;
  });
  View v{ctx, req};
  std::string out = "\xEF\xBB\xBF";  // a BOM: spreadsheet programs read the file as UTF-8
  auto row = [&](std::initializer_list<std::string_view> cells) {
    bool first = true;
    for (auto cell : cells) {
      if (!first) out += ',';
      out += csv_field(cell);
      first = false;
    }
    out += "\r\n";
  };
  row({v.t("consultations.csv.id"), v.t("consultations.csv.unit"), v.t("consultations.csv.anchor"),
       v.t("consultations.csv.reply_to"), v.t("consultations.csv.author"), v.t("consultations.csv.organisation"),
       v.t("consultations.csv.time"), v.t("consultations.csv.agrees"), v.t("consultations.csv.comment"),
       v.t("consultations.csv.answer_kind"), v.t("consultations.csv.answer"), v.t("consultations.csv.changed")});
  for (const auto& cm : l.comments) {
    auto a = l.answers.find(cm.answer_id);
    const bool answered = cm.answer_id != 0 && a != l.answers.end();
    const std::string body =
        cm.hidden ? v.f("consultations.comment.hidden", {{"reason", cm.hidden_reason}}) : cm.body;
    row({std::to_string(cm.id), unit_name(v, l.units, cm.anchor), cm.anchor,
         cm.parent_id ? std::to_string(cm.parent_id) : std::string(), cm.author_name, cm.organisation, cm.created_at,
         std::to_string(cm.agrees), body, answered ? answer_kind_label(v, a->second.kind) : std::string(),
         answered ? a->second.body : std::string(),
         answered && !a->second.changed_anchor.empty() ? unit_name(v, l.units, a->second.changed_anchor)
                                                       : std::string()});
  }
  Response r = Response::text(std::move(out), "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition",
                document::attachment_disposition("gop-y-" + std::to_string(id) + ".csv"));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

// ---- notices, subscriptions, the organisation ----

Response notices_page(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const web::Paging pg = web::paging(req, kPageSize);
  auto rows = ctx.db.with_session([&](soci::session& s) { return notices(s, p.account_id, pg.offset(), pg.limit_probe()); });
  const bool has_next = static_cast<int>(rows.size()) > pg.size;
  if (has_next) rows.pop_back();
  View v{ctx, req};
  mstch::array list;
  for (const auto& n : rows) {
    const std::string url = n.comment_id ? base_url(n.consultation_id) + "/comments/" + std::to_string(n.comment_id)
                                         : base_url(n.consultation_id);
    list.push_back(mstch::map{{"url", url},
                              {"text", v.f("consultations.notice." + n.event, {{"title", n.title}})},
                              {"when", v.time(n.created_at)},
                              {"when_iso", n.created_at}});
  }
  mstch::map c{{"title", v.t("consultations.notices.title")},
               {"rows", list},
               {"empty", list.empty()},
               {"pager", web::pager(req, "/consultations/notices", pg, has_next)}};
  Response r = ctx.pages.render(req, "consultations_notices", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response subscriptions_page(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  struct Loaded {
    std::vector<Subscription> subs;
    std::vector<std::string> fields;
    std::vector<directory::AgencyRef> agencies;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    return Loaded{subscriptions(s, p.account_id), fields(s), directory::active_agencies(s)};
  });
  View v{ctx, req};
  mstch::array subs, fields_view, agencies_view;
  for (const auto& sub : l.subs)
    subs.push_back(mstch::map{{"scope", sub.scope},
                              {"value", sub.value},
                              {"label", v.f("consultations.subscriptions.scope." + sub.scope, {{"name", sub.label}})}});
  for (const auto& f : l.fields) fields_view.push_back(mstch::map{{"value", f}, {"label", f}});
  for (const auto& a : l.agencies)
    agencies_view.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name}});
  mstch::map c{{"title", v.t("consultations.subscriptions.title")},
               {"subs", subs},
               {"none", subs.empty()},
               {"fields", fields_view},
               {"has_fields", !fields_view.empty()},
               {"agencies", agencies_view}};
  Response r = ctx.pages.render(req, "consultations_subscriptions", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response post_subscription(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  const std::string scope = web::field(req, "scope");
  std::string value = web::field(req, "value");
  const bool on = web::field(req, "on") != "0";
  if (scope == "consultation" || scope == "agency") {
    auto id = web::optional_id(value);
    if (!id) throw http::Error(http::ErrorKind::bad_request, "no value", "consultations.error.subscription");
    value = std::to_string(*id);
  }
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    if (scope == "consultation") visible_consultation(s, &p, std::stoll(value));
    if (scope == "agency" && !directory::find_active_agency(s, std::stoll(value)))
      return Result{Error::not_found, 0};
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return subscribe(env, p.account_id, scope, value, on);
  });
  if (!r.ok()) throw http::Error(http::ErrorKind::bad_request, "bad subscription", "consultations.error.subscription");
  if (scope == "consultation" && web::field(req, "back") == "consultation")
    return Response::redirect(base_url(std::stoll(value)) + (on ? "?subscribed=1" : "?unsubscribed=1"));
  return Response::redirect("/consultations/subscriptions?saved=1");
}

const web::FieldRefs kOrgFields = {{"name", {"f-name", "consultations.field.org_name"}},
                                   {"registration", {"f-registration", "consultations.field.registration"}},
                                   {"representative", {"f-representative", "consultations.field.representative"}},
                                   {"position", {"f-position", "consultations.field.position"}}};

Response organisation_form(app::Context& ctx, const Request& req, const Organisation& o,
                           const std::vector<web::FieldProblem>& problems, bool saved) {
  View v{ctx, req};
  mstch::map c{{"title", v.t("consultations.organisation.title")},
               {"name", o.name},
               {"registration", o.registration},
               {"representative", o.representative},
               {"position", o.position},
               {"saved", saved}};
  web::put_field_errors(c, v, problems, kOrgFields);
  Response r = ctx.pages.render(req, "consultations_organisation", std::move(c), problems.empty() ? 200 : 422);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response organisation_page(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  auto o = ctx.db.with_session([&](soci::session& s) { return organisation(s, p.account_id); });
  Organisation shown = o.value_or(Organisation{p.account_id, "", "", p.display_name, ""});
  return organisation_form(ctx, req, shown, {}, web::query(req, "saved") == "1");
}

Response post_organisation(app::Context& ctx, const Request& req) {
  const auto& p = require_participant(req);
  Organisation o{p.account_id, web::field(req, "name"), web::field(req, "registration"),
                 web::field(req, "representative"), web::field(req, "position")};
  const auto rec = audit::for_request(ctx, req);
  Result r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.db.dialect(), ctx.clock, rec, &ctx};
    return save_organisation(env, o);
  });
  if (!r.ok()) {
    const std::string field = r.error == Error::representative_required ? "representative" : "name";
    return organisation_form(ctx, req, o, {{field, "consultations.error." + std::string(error_code(r.error))}}, false);
  }
  return Response::redirect("/consultations/organisation?saved=1");
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/consultations", index_page);
  on.add("GET", "/consultations/notices", notices_page);
  on.add("GET", "/consultations/subscriptions", subscriptions_page);
  on.add("POST", "/consultations/subscriptions", post_subscription);
  on.add("GET", "/consultations/organisation", organisation_page);
  on.add("POST", "/consultations/organisation", post_organisation);
  on.add("GET", "/consultations/{id}", show);
  on.add("GET", "/consultations/{id}/general", general);
  on.add("GET", "/consultations/{id}/units/{anchor}", unit);
  on.add("GET", "/consultations/{id}/comments/{comment}", comment_page);
  // Every comment of a large consultation (77 MB at 100,000 comments, 1.8 s): at most two at once
  // per node, as the report's renderings.
  on.add("GET", "/consultations/{id}/comments.csv", comments_csv,
         http::RouteOptions{.max_in_flight = 2, .long_running = true});
  on.add("GET", "/consultations/{id}/files/{file}", consultation_file);
  on.add("GET", "/consultations/{id}/comments/{comment}/files/{file}", comment_file);
  on.add("POST", "/consultations/{id}/comments", post_comment, kCommentUpload);
  on.add("POST", "/consultations/{id}/comments/{comment}/agree", post_agree);
  on.add("POST", "/consultations/{id}/responses", post_responses);
}

}  // namespace tinhso::consultations
