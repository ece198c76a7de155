// The Decision 766 scorecard (issue 17 §5), public, no sign-in:
//   GET /scorecard?period=YYYY-MM[&span=ytd]          per agency and for the province
//   GET /scorecard/{agency code}?period=…[&span=ytd]  one agency's (or "province") indicators
//   GET /api/v1/scorecard?period=YYYY-MM[&span=ytd]   JSON: per agency its code, total and group
//                                                      scores (the groups add up to the total)
// A month, or the year to date (January to that month). Read from the modules' kept figures
// (measures.h): a handful of statements whatever the number of dossiers.
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "modules/directory/api.h"
#include "modules/indicators/measures.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/scorecard.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

struct Query {
  Period month;
  bool ytd = false;
  std::string from() const { return ytd ? std::to_string(month.year) + "-01" : month.first_month(); }
  std::string to() const { return month.last_month(); }
  std::string suffix() const { return "?period=" + month.code() + (ytd ? "&span=ytd" : ""); }
};

Query query_of(const web::View& v) {
  Query q;
  q.month = period_param(v, Frequency::month);
  const std::string span = web::query(v.req, "span");
  if (span == "ytd") q.ytd = true;
  else if (!span.empty() && span != "month")
    throw http::Error(http::ErrorKind::bad_request, "bad span", "indicators.error.period");
  return q;
}

struct Row {
  std::int64_t agency_id = 0;  // 0: the province
  std::string code, name;
  Scorecard card;
};

struct Board {
  std::vector<Row> rows;  // the province first, then agencies by total, then name
};

Board board_of(app::Context& ctx, const Query& q) {
  const ScorecardDefs& defs = scorecard_defs();
  Board b;
  ctx.db.with_session([&](soci::session& s) {
    MeasureTable t = load_measures(s, q.from(), q.to());
    b.rows.push_back({0, "province", "", score(defs, t.province)});
    std::map<std::int64_t, directory::AgencyRef> names;
    for (const auto& a : directory::all_agencies(s)) names[a.id] = a;
    for (const auto& [id, m] : t.agencies) {
      auto it = names.find(id);
      if (it == names.end()) continue;
      b.rows.push_back({id, it->second.code, it->second.name, score(defs, m)});
    }
  });
  std::stable_sort(b.rows.begin() + 1, b.rows.end(), [](const Row& a, const Row& c) {
    if (a.card.total != c.card.total) return a.card.total > c.card.total;
    return text::compare_vi(a.name, c.name) < 0;
  });
  return b;
}

std::string points(long long hundredths, const std::string& lang) {
  return text::format_decimal(static_cast<double>(hundredths) / 100.0, 2, lang);
}

mstch::map query_view(const web::View& v, const Query& q) {
  return mstch::map{{"period", q.month.code()},
                    {"period_label", period_label(v, q.month)},
                    {"ytd", q.ytd},
                    {"span_label", v.f(q.ytd ? "indicators.scorecard.span_ytd" : "indicators.scorecard.span_month",
                                       {{"period", period_label(v, q.month)}, {"year", std::to_string(q.month.year)}})}};
}

mstch::array group_heads(const web::View& v) {
  mstch::array out;
  for (const auto& g : scorecard_defs().groups)
    out.push_back(mstch::map{{"code", g.code},
                             {"name", v.t("indicators.scorecard.group." + g.code)},
                             {"max", text::format_decimal(g.max, 0, v.req.lang)}});
  return out;
}

Response page(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  Query q = query_of(v);
  Board b = board_of(ctx, q);
  mstch::array rows;
  for (const Row& r : b.rows) {
    mstch::array groups;
    for (const auto& g : scorecard_defs().groups)
      groups.push_back(mstch::map{{"points", points(r.card.groups.at(g.code), req.lang)},
                                  {"name", v.t("indicators.scorecard.group." + g.code)}});
    rows.push_back(mstch::map{{"province", r.agency_id == 0},
                              {"name", r.agency_id == 0 ? v.t("indicators.scorecard.province") : r.name},
                              {"href", "/scorecard/" + r.code + q.suffix()},
                              {"groups", groups},
                              {"total", points(r.card.total, req.lang)},
                              {"with_data", points(r.card.max_with_data, req.lang)}});
  }
  mstch::map c{{"title", v.t("indicators.scorecard.title")},
               {"q", query_view(v, q)},
               {"groups", group_heads(v)},
               {"rows", rows},
               {"json_url", "/api/v1/scorecard" + q.suffix()}};
  Response r = ctx.pages.render(req, "indicators_scorecard", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

Response agency_page(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  Query q = query_of(v);
  const std::string code(req.param("code"));
  Board b = board_of(ctx, q);
  auto it = std::find_if(b.rows.begin(), b.rows.end(), [&](const Row& r) { return r.code == code; });
  if (it == b.rows.end()) throw http::Error(http::ErrorKind::not_found, "no such agency on the scorecard", "indicators.error.not_found");
  const ScorecardDefs& defs = scorecard_defs();
  mstch::array groups;
  for (const auto& g : defs.groups) {
    mstch::array items;
    for (std::size_t k = 0; k < defs.items.size(); ++k) {
      const ScoreDef& d = defs.items[k];
      if (d.group != g.code) continue;
      const ItemScore& s = it->card.items[k];
      items.push_back(mstch::map{
          {"code", d.code},
          {"name", v.english() ? d.name_en : d.name},
          {"rate", s.rate ? text::format_decimal(*s.rate * 100, 1, req.lang) + "\u00a0%" : v.t("indicators.no_data")},
          {"has_data", s.rate.has_value()},
          {"threshold", d.threshold < 1 ? text::format_decimal(d.threshold * 100, 0, req.lang) + "\u00a0%"
                                        : v.t("indicators.scorecard.proportional")},
          {"max", text::format_decimal(d.max, 0, req.lang)},
          {"points", s.rate ? points(s.hundredths, req.lang) : std::string("—")},
          {"formula", d.numerator.empty() ? std::string() : d.numerator.text() + " ÷ " + d.denominator.text()},
          {"source", d.source},
          {"confidence", v.t("indicators.confidence." + d.confidence)},
          {"note", v.english() ? d.note_en : d.note}});
    }
    groups.push_back(mstch::map{{"name", v.t("indicators.scorecard.group." + g.code)},
                                {"max", text::format_decimal(g.max, 0, req.lang)},
                                {"points", points(it->card.groups.at(g.code), req.lang)},
                                {"items", items}});
  }
  const std::string name = it->agency_id == 0 ? v.t("indicators.scorecard.province") : it->name;
  mstch::map c{{"title", v.f("indicators.scorecard.agency_title", {{"agency", name}})},
               {"agency", name},
               {"q", query_view(v, q)},
               {"code", it->code},
               {"groups", groups},
               {"total", points(it->card.total, req.lang)},
               {"with_data", points(it->card.max_with_data, req.lang)},
               {"back", "/scorecard" + q.suffix()}};
  Response r = ctx.pages.render(req, "indicators_scorecard_agency", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

nlohmann::json card_json(const Scorecard& c) {
  nlohmann::json groups = nlohmann::json::object();
  for (const auto& [g, h] : c.groups) groups[g] = static_cast<double>(h) / 100.0;
  return {{"total", static_cast<double>(c.total) / 100.0},
          {"groups", groups},
          {"max_with_data", static_cast<double>(c.max_with_data) / 100.0}};
}

Response api(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  Query q = query_of(v);
  Board b = board_of(ctx, q);
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : scorecard_defs().groups) groups.push_back({{"code", g.code}, {"max", g.max}});
  nlohmann::json agencies = nlohmann::json::array();
  for (std::size_t k = 1; k < b.rows.size(); ++k) {
    nlohmann::json a = card_json(b.rows[k].card);
    a["code"] = b.rows[k].code;
    a["name"] = b.rows[k].name;
    agencies.push_back(std::move(a));
  }
  nlohmann::json out = {{"period", q.month.code()},
                        {"span", q.ytd ? "ytd" : "month"},
                        {"from", q.from()},
                        {"to", q.to()},
                        {"groups", groups},
                        {"province", card_json(b.rows.front().card)},
                        {"agencies", agencies}};
  Response r = Response::json(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

}  // namespace

void add_scorecard_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/scorecard", page);
  on.add("GET", "/scorecard/{code}", agency_page);
  on.add("GET", "/api/v1/scorecard", api);
}

}  // namespace tinhso::indicators
