// The summary report of a consultation (issue 18 §6; report.h) as PDF and XLSX — public once the
// agency published it, a preview for its officers before — and the side-by-side difference between
// two versions of the draft, article by article (§2; diff.h). The report is an official document:
// always in Vietnamese, whatever the reader's language.
#include <chrono>

#include "core/auth/guard.h"
#include "core/calendar/date.h"
#include "core/document/files.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "modules/consultations/diff.h"
#include "modules/consultations/pages.h"
#include "modules/consultations/permissions.h"
#include "modules/consultations/report.h"

namespace tinhso::consultations {

namespace {

using http::Request;
using http::Response;
using web::View;

std::string base_url(std::int64_t id) { return "/consultations/" + std::to_string(id); }

AnswerKind kind_of(const std::string& k) {
  if (k == "accepted") return AnswerKind::accepted;
  if (k == "partly") return AnswerKind::partly_accepted;
  if (k == "explained") return AnswerKind::explained;
  return AnswerKind::none;
}

struct ReportData : CommentsAndAnswers {
  Consultation c;
  std::vector<Question> questions;
};

// The report's input: comments (replies are discussion, not in the report) grouped by the article
// (or other top unit) they are on, in the draft's order, the whole draft first.
ReportInput report_input(const app::Context& ctx, const ReportData& d) {
  const auto& cat = ctx.pages.catalog();
  const std::string lang = "vi";
  auto t = [&](const std::string& id) { return cat.get(lang, "consultations.report." + id); };
  // A View is per request; the labels of units here are Vietnamese whatever the reader's.
  ReportInput in;
  in.agency = d.c.agency_name;
  const auto today = calendar::to_local(ctx.clock.now()).day;
  const std::chrono::year_month_day ymd{today};
  in.place_date = cat.format(lang, "consultations.report.place_date",
                             {{"d", std::to_string(static_cast<unsigned>(ymd.day()))},
                              {"m", std::to_string(static_cast<unsigned>(ymd.month()))},
                              {"y", std::to_string(static_cast<int>(ymd.year()))}});
  in.title = t("title");
  in.subtitle = d.c.title;
  in.intro_paragraphs.push_back(cat.format(
      lang, "consultations.report.intro",
      {{"agency", d.c.agency_name},
       {"title", d.c.title},
       {"opens", text::format_date(calendar::to_local(auth::parse_iso_utc(d.c.opens_at)).day, lang)},
       {"closes", text::format_date(calendar::to_local(auth::parse_iso_utc(d.c.closes_at)).day, lang)}}));
  if (!d.c.report_note.empty()) in.intro_paragraphs.push_back(d.c.report_note);
  in.signer = document::Signer{t("signer_role"), "", d.c.agency_name};
  in.created = ctx.clock.now();
  ReportLabels& l = in.labels;
  l.counts = t("counts");
  l.comments_heading = t("comments_heading");
  l.questions_heading = t("questions_heading");
  l.no_comments = t("no_comments");
  l.col_unit = t("col_unit");
  l.col_author = t("col_author");
  l.col_comment = t("col_comment");
  l.col_answer = t("col_answer");
  l.col_submitted = t("col_submitted");
  l.col_agrees = t("col_agrees");
  l.col_answer_kind = t("col_answer_kind");
  l.col_changed_unit = t("col_changed_unit");
  l.whole_draft = t("whole_draft");
  l.answer_accepted = cat.get(lang, "consultations.answer_kind.accepted");
  l.answer_partly = cat.get(lang, "consultations.answer_kind.partly");
  l.answer_explained = cat.get(lang, "consultations.answer_kind.explained");
  l.answer_none = t("answer_none");
  l.hidden = t("hidden");
  l.hidden_no_reason = t("hidden_no_reason");
  l.same_answer = t("same_answer");
  l.changed_unit = t("changed_unit");
  l.agrees = t("agrees");
  l.continued = t("continued");
  l.q_col_question = t("q_col_question");
  l.q_col_option = t("q_col_option");
  l.q_col_count = t("q_col_count");
  l.q_col_percent = t("q_col_percent");
  l.q_other = t("q_other");
  l.q_respondents = t("q_respondents");
  l.sheet_comments = t("sheet_comments");
  l.sheet_questions = t("sheet_questions");

  // Vietnamese labels of units, from their parents (pages.h unit_name needs a View: a report is
  // built from the catalogue directly).
  std::map<std::string, const Unit*> by_anchor;
  for (const auto& u : d.units) by_anchor[u.anchor] = &u;
  auto label = [&](const std::string& anchor) {
    auto it = by_anchor.find(anchor);
    if (anchor.empty() || it == by_anchor.end()) return std::string();
    return unit_label_vi(*it->second);
  };
  std::map<std::string, std::size_t> group_of;  // page anchor → index in in.groups
  in.groups.push_back({"", {}});
  group_of[""] = 0;
  for (const auto& u : d.units) {
    if (u.kind == UnitKind::clause || u.kind == UnitKind::point) continue;
    group_of[u.anchor] = in.groups.size();
    in.groups.push_back({unit_label_vi(u) + (u.heading.empty() ? "" : ". " + u.heading), {}});
  }
  for (const auto& cm : d.comments) {
    if (cm.parent_id != 0) continue;
    std::string page = cm.anchor.empty() ? std::string() : page_anchor(d.units, cm.anchor);
    auto g = group_of.find(page);
    // A comment on a unit a later version removed: under the whole draft, with its own label.
    const std::size_t gi = g == group_of.end() ? 0 : g->second;
    ReportComment rc;
    rc.id = cm.id;
    rc.unit_label = label(cm.anchor);
    if (rc.unit_label.empty() && !cm.anchor.empty()) rc.unit_label = cm.anchor;
    rc.author = cm.organisation.empty()
                    ? cm.author_name
                    : cat.format(lang, "consultations.report.organisation", {{"org", cm.organisation}, {"name", cm.author_name}});
    rc.organisation = !cm.organisation.empty();
    rc.author_id = cm.account_id;
    rc.submitted = text::format_date(calendar::to_local(auth::parse_iso_utc(cm.created_at)).day, lang);
    rc.text = cm.body;  // cleared by the store when hidden
    rc.agrees = cm.agrees;
    rc.hidden = cm.hidden;
    rc.hidden_reason = cm.hidden_reason;
    auto a = d.answers.find(cm.answer_id);
    if (cm.answer_id != 0 && a != d.answers.end()) {
      rc.answer_kind = kind_of(a->second.kind);
      rc.answer_text = a->second.body;
      rc.changed_unit = label(a->second.changed_anchor);
      rc.answer_group = cm.answer_id;
    }
    in.groups[gi].comments.push_back(std::move(rc));
  }
  std::erase_if(in.groups, [](const ReportGroup& g) { return g.comments.empty(); });
  for (const auto& q : d.questions) {
    ReportQuestion rq{q.text, {}, q.respondents, q.others};
    for (const auto& o : q.options) rq.options.emplace_back(o.text, o.count);
    in.questions.push_back(std::move(rq));
  }
  return in;
}

// The report to `p`: published — anyone; before — its managers only (a preview); else 404.
ReportData load_report(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const auth::Principal* p = req.principal.get();
  const std::string now = now_text(ctx);
  return ctx.db.with_session([&](soci::session& s) {
    ReportData d;
    d.c = visible_consultation(s, p, id);
    const Phase ph = phase_of(d.c.moments(), now);
    if (ph != Phase::reported && p == nullptr)
      throw http::Error(http::ErrorKind::unauthenticated, "sign in to preview a report");
    if (ph != Phase::reported && p->second_factor_required && !p->second_factor_passed)
      throw http::Error(http::ErrorKind::forbidden, "second factor pending", "error.forbidden.second_factor");
    if (ph != Phase::reported && !may_manage(p, d.c.agency_id))
      throw http::Error(http::ErrorKind::not_found, "report not published", "consultations.error.no_report");
    static_cast<CommentsAndAnswers&>(d) = comments_and_answers(s, id);
    d.questions = questions(s, id, true);
    return d;
  });
}

Response report_file(std::string bytes, std::string_view type, const std::string& name, bool published) {
  Response r = Response::text(std::move(bytes), type);
  r.headers.set("Content-Disposition", document::attachment_disposition(name));
  r.headers.set("Cache-Control", published ? "public, max-age=60" : "private, no-store");
  return r;
}

// The report in `format` ("pdf", "xlsx"): once published, the stored rendering (rendered and
// stored by the first download); a preview is rendered for each request of its officers.
Response report(app::Context& ctx, const Request& req, const std::string& format) {
  const std::int64_t id = web::path_id(req);
  const bool pdf = format == "pdf";
  const std::string type = pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const std::string name = "tong-hop-gop-y-" + std::to_string(id) + "." + format;
  // A published report already rendered: one statement after the consultation's.
  auto stored = ctx.db.with_session([&](soci::session& s) -> std::optional<std::string> {
    auto c = load_consultation(s, id);
    if (!c || c->report_published_at.empty()) return std::nullopt;
    long long key = id;
    std::string content;
    s << "SELECT content FROM consultation_report_files WHERE consultation_id = :c AND format = :f", soci::use(key, "c"),
        soci::use(format, "f"), soci::into(content);
    if (!s.got_data()) return std::nullopt;
    return document::from_base64(content);
  });
  if (stored) return report_file(std::move(*stored), type, name, true);
  const ReportData d = load_report(ctx, req);
  const bool published = !d.c.report_published_at.empty();
  const ReportInput in = report_input(ctx, d);
  std::string bytes = pdf ? render_report_pdf(in) : render_report_xlsx(in);
  if (published) {
    const std::string content = document::to_base64(bytes), sha = document::sha256_hex(bytes);
    const std::string now = now_text(ctx);
    ctx.db.transaction([&](soci::session& s) {
      long long key = id;
      s << "INSERT INTO consultation_report_files (consultation_id, format, content, sha256, created_at)"
           " VALUES (:c, :f, :content, :sha, :now) ON CONFLICT (consultation_id, format) DO NOTHING",
          soci::use(key, "c"), soci::use(format, "f"), soci::use(content, "content"), soci::use(sha, "sha"),
          soci::use(now, "now");
    });
  }
  return report_file(std::move(bytes), type, name, published);
}

Response report_pdf(app::Context& ctx, const Request& req) { return report(ctx, req, "pdf"); }
Response report_xlsx(app::Context& ctx, const Request& req) { return report(ctx, req, "xlsx"); }

// ---- the versions' difference ----

Response versions_page(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const auth::Principal* p = req.principal.get();
  auto number = [&](std::string_view name) -> int {
    const std::string v = web::query(req, name);
    if (v.empty()) return 0;
    auto n = web::parse_id(v);
    if (!n || *n > 100000) throw http::Error(http::ErrorKind::bad_request, "bad version", "error.bad_request.id");
    return static_cast<int>(*n);
  };
  int to = number("to"), from = number("from");
  struct Loaded {
    Consultation c;
    std::vector<VersionRow> versions;
    std::vector<Unit> before, after;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = visible_consultation(s, p, id);
    out.versions = versions(s, id);
    const int last = out.versions.empty() ? 0 : out.versions.back().number;
    if (to == 0 || to > last) to = last;
    if (from == 0 || from >= to) from = to > 1 ? to - 1 : to;
    out.after = draft_units(s, id, to);
    out.before = draft_units(s, id, from);
    return out;
  });
  View v{ctx, req};
  const auto diffs = diff_versions(l.before, l.after);
  mstch::array rows;
  int changed = 0;
  for (const auto& d : diffs) {
    if (d.change == Change::same) continue;
    ++changed;
    auto side = [](const std::vector<Segment>& segs) {
      mstch::array out;
      for (const auto& s : segs)
        out.push_back(mstch::map{{"text", s.text},
                                 {"same", s.op == Segment::equal},
                                 {"del", s.op == Segment::deleted},
                                 {"ins", s.op == Segment::inserted}});
      return out;
    };
    const std::string code = d.change == Change::added ? "added" : d.change == Change::removed ? "removed" : "changed";
    rows.push_back(mstch::map{{"anchor", d.anchor},
                              {"label", d.label_new.empty() ? d.label_old : d.label_new},
                              {"change", code},
                              {"change_label", v.t("consultations.versions.change." + code)},
                              {"old", side(d.old_side)},
                              {"new", side(d.new_side)}});
  }
  mstch::array from_options, to_options;
  for (const auto& ver : l.versions) {
    const std::string n = std::to_string(ver.number);
    const std::string lbl = v.f("consultations.versions.option", {{"n", n}, {"when", v.time(ver.created_at)}});
    from_options.push_back(mstch::map{{"value", n}, {"label", lbl}, {"selected", ver.number == from}});
    to_options.push_back(mstch::map{{"value", n}, {"label", lbl}, {"selected", ver.number == to}});
  }
  mstch::map c = consultation_view(v, l.c, now_text(ctx));
  c["title"] = v.f("consultations.versions.title", {{"title", l.c.title}});
  c["name"] = l.c.title;
  c["versions_url"] = base_url(id) + "/versions";
  c["from_options"] = from_options;
  c["to_options"] = to_options;
  c["summary"] = v.f("consultations.versions.summary",
                     {{"from", std::to_string(from)}, {"to", std::to_string(to)}, {"n", std::to_string(changed)}});
  c["rows"] = rows;
  c["no_rows"] = rows.empty();
  Response r = ctx.pages.render(req, "consultations_versions", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_report_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  // Rendering a report takes seconds for a large consultation: at most two at once on a node.
  constexpr http::RouteOptions kRendering{.max_in_flight = 2, .long_running = true};
  on.add("GET", "/consultations/{id}/report.pdf", report_pdf, kRendering);
  on.add("GET", "/consultations/{id}/report.xlsx", report_xlsx, kRendering);
  on.add("GET", "/consultations/{id}/versions", versions_page);
}

}  // namespace tinhso::consultations
