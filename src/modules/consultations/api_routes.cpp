// The consultations module's JSON API (issue 18 §9; api/openapi.json): published consultations,
// one with its draft by unit and the number of comments on each, its questions (the results once
// closed), and its comments page by page — hidden ones with their reason and without their text.
// What anyone may read on the public pages, no more.
#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/text/vietnamese.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/consultations/pages.h"

namespace tinhso::consultations {

namespace {

using http::Request;

// The published consultation `id`; 404 for a draft or none (the API is public, whoever asks).
Consultation published_consultation(soci::session& s, std::int64_t id) {
  auto c = load_consultation(s, id);
  if (!c || !c->published)
    throw http::Error(http::ErrorKind::not_found, "no such consultation", "consultations.error.not_found");
  return *c;
}
using http::Response;
using nlohmann::json;

constexpr int kApiPage = 50;

json consultation_json(const Consultation& c, const std::string& now) {
  return json{{"id", c.id},
              {"title", c.title},
              {"summary", c.summary},
              {"agency", {{"id", c.agency_id}, {"name", c.agency_name}}},
              {"kind", c.kind},
              {"legal_basis", c.legal_basis},
              {"field", c.field},
              {"province_wide", c.province_wide},
              {"units", c.units},
              {"opens_at", c.opens_at},
              {"closes_at", c.closes_at},
              {"short_reason", c.short_reason},
              {"phase", std::string(phase_code(phase_of(c.moments(), now)))},
              {"draft_version", c.draft_version},
              {"report_published_at", c.report_published_at},
              {"url", "/consultations/" + std::to_string(c.id)}};
}

Response json_response(const json& j) {
  Response r = Response::json(j.dump());
  r.headers.set("Cache-Control", "public, max-age=30");
  return r;
}

Response list(app::Context& ctx, const Request& req) {
  const std::string phase = web::query(req, "phase");
  if (!phase.empty() && phase != "open" && phase != "upcoming" && phase != "closed")
    throw http::Error(http::ErrorKind::bad_request, "unknown phase", "consultations.error.bad_phase");
  const std::string q_raw = web::query(req, "q");
  if (q_raw.size() > 200)
    throw http::Error(http::ErrorKind::bad_request, "query too long", "consultations.error.query_too_long");
  const web::Paging pg = web::paging(req, kApiPage);
  const std::string now = now_text(ctx);
  auto rows = ctx.db.with_session(
      [&](soci::session& s) { return public_list(s, now, phase, text::fold(q_raw), pg.offset(), pg.limit_probe()); });
  const bool has_next = static_cast<int>(rows.size()) > pg.size;
  if (has_next) rows.pop_back();
  json items = json::array();
  for (const auto& r : rows) {
    json j = consultation_json(r.c, now);
    j["comments"] = r.comments;
    items.push_back(std::move(j));
  }
  return json_response({{"items", items}, {"page", pg.page}, {"has_next", has_next}});
}

Response one(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const std::string now = now_text(ctx);
  struct Loaded {
    Consultation c;
    std::vector<Unit> units;
    std::map<std::string, long long> counts;
    std::vector<Question> questions;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    out.c = published_consultation(s, id);
    out.units = draft_units(s, id, 0);
    out.counts = comment_counts(s, id);
    const Phase ph = phase_of(out.c.moments(), now);
    out.questions = questions(s, id, ph == Phase::closed || ph == Phase::reported);
    return out;
  });
  const Phase ph = phase_of(l.c.moments(), now);
  const bool results = ph == Phase::closed || ph == Phase::reported;
  json j = consultation_json(l.c, now);
  json units = json::array();
  for (const auto& u : l.units)
    units.push_back({{"anchor", u.anchor},
                     {"kind", std::string(unit_kind_code(u.kind))},
                     {"number", u.number},
                     {"heading", u.heading},
                     {"text", u.text},
                     {"parent", u.parent},
                     {"comments", l.counts.count(u.anchor) ? l.counts.at(u.anchor) : 0}});
  j["draft"] = units;
  j["general_comments"] = l.counts.count("") ? l.counts.at("") : 0;
  json qs = json::array();
  for (const auto& q : l.questions) {
    json opts = json::array();
    for (const auto& o : q.options) {
      json oj{{"id", o.id}, {"text", o.text}};
      if (results) oj["count"] = o.count;
      opts.push_back(std::move(oj));
    }
    json qj{{"id", q.id}, {"text", q.text}, {"multiple", q.multiple}, {"allow_other", q.allow_other},
            {"options", opts}};
    if (results) {
      qj["respondents"] = q.respondents;
      qj["other_answers"] = q.others;
    }
    qs.push_back(std::move(qj));
  }
  j["questions"] = qs;
  const std::string base = "/consultations/" + std::to_string(id);
  j["comments_csv"] = base + "/comments.csv";
  if (ph == Phase::reported) j["report"] = {{"pdf", base + "/report.pdf"}, {"xlsx", base + "/report.xlsx"}};
  return json_response(j);
}

Response comments(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const std::string unit = web::query(req, "unit");
  if (unit.size() > 200) throw http::Error(http::ErrorKind::bad_request, "unit too long", "consultations.error.not_found");
  const web::Paging pg = web::paging(req, kApiPage);
  struct Loaded {
    std::vector<Comment> comments, replies;
    std::map<std::int64_t, Answer> answers;
  };
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    published_consultation(s, id);
    // A page (an article, another top unit, the whole draft) is read along its index; a clause
    // or a point by its anchor's range.
    const bool page = unit.empty() || page_anchor(draft_units(s, id, 0), unit) == unit;
    out.comments = page ? comments_on_page(s, id, unit, pg.offset(), pg.limit_probe())
                        : comments_on(s, id, unit, pg.offset(), pg.limit_probe());
    std::vector<std::int64_t> ids;
    for (const auto& c : out.comments) ids.push_back(c.id);
    out.replies = replies_to(s, ids);
    std::vector<Comment> shown = out.comments;
    shown.insert(shown.end(), out.replies.begin(), out.replies.end());
    out.answers = answers_of(s, shown);
    return out;
  });
  const bool has_next = static_cast<int>(l.comments.size()) > pg.size;
  if (has_next) l.comments.pop_back();
  auto to_json = [&](const Comment& c) {
    json j{{"id", c.id},
           {"anchor", c.anchor},
           {"parent_id", c.parent_id == 0 ? json(nullptr) : json(c.parent_id)},
           {"author", c.author_name},
           {"organisation", c.organisation},
           {"created_at", c.created_at},
           {"agrees", c.agrees},
           {"hidden", c.hidden}};
    if (c.hidden)
      j["hidden_reason"] = c.hidden_reason;
    else
      j["body"] = c.body;
    auto a = l.answers.find(c.answer_id);
    if (c.answer_id != 0 && a != l.answers.end())
      j["answer"] = {{"kind", a->second.kind}, {"body", a->second.body}, {"changed_anchor", a->second.changed_anchor}};
    return j;
  };
  json items = json::array();
  for (const auto& c : l.comments) {
    json j = to_json(c);
    json replies = json::array();
    for (const auto& r : l.replies)
      if (r.parent_id == c.id) replies.push_back(to_json(r));
    j["replies"] = replies;
    items.push_back(std::move(j));
  }
  return json_response({{"items", items}, {"page", pg.page}, {"has_next", has_next}});
}

}  // namespace

void add_api_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/api/v1/consultations", list);
  on.add("GET", "/api/v1/consultations/{id}", one);
  on.add("GET", "/api/v1/consultations/{id}/comments", comments);
}

}  // namespace tinhso::consultations
