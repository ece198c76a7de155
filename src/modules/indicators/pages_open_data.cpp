// Open data (issue 17 §8): the public indicators and the Decision 766 scorecard as CSV and JSON, a
// stable URL per dataset, and their catalogue in the vocabulary of DCAT (W3C Data Catalog
// Vocabulary) as JSON-LD, each dataset with its licence (Settings::open_data_license_*) and dates:
//   GET /open-data                        the catalogue as a page
//   GET /open-data/catalog.json           the catalogue as DCAT JSON-LD
//   GET /open-data/indicators.csv|.json   every public indicator's figures for the province: the
//                                         last 24 months of a monthly or quarterly one, every year
//                                         of a yearly one
//   GET /open-data/scorecard/{year}.csv|.json   the scorecard per month of that year, the province
//                                         and each agency (one dataset per year)
// Public, no sign-in; read from the kept figures (a handful of statements).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/util/csv.h"
#include "core/web/routes.h"
#include "modules/directory/api.h"
#include "modules/dossiers/api.h"
#include "modules/indicators/api.h"
#include "modules/indicators/figures.h"
#include "modules/indicators/measures.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/scorecard.h"
#include "modules/indicators/store.h"
#include "modules/site/api.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

std::string today(const app::Context& ctx) { return calendar::format_date(calendar::to_local(ctx.clock.now()).day); }

std::string number_text(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// ---- the indicators dataset ----

struct IndicatorRow {
  const Indicator* indicator;
  Period period;
  double value;
  std::optional<double> target;
};

struct IndicatorData {
  std::vector<Indicator> list;
  std::vector<IndicatorRow> rows;
};

IndicatorData indicator_data(app::Context& ctx) {
  IndicatorData d;
  std::vector<Target> targets;
  Figures figures;
  const Period month = current_period(ctx, Frequency::month);
  ctx.db.with_session([&](soci::session& s) {
    Catalogue c = load_catalogue(s);
    d.list = std::move(c.indicators);
    targets = std::move(c.targets);
    figures = Figures(ctx, s, std::to_string(month.year - 11) + "-01", month.last_month(), c.approved,
                      sources_for(d.list));
  });
  d.list.erase(std::remove_if(d.list.begin(), d.list.end(), [](const Indicator& i) { return !i.is_public || !i.active; }),
               d.list.end());
  for (const auto& i : d.list) {
    const int n = i.frequency == Frequency::month ? 24 : i.frequency == Frequency::quarter ? 8 : 12;
    for (const Period& p : last_periods(current_period(ctx, i.frequency), n)) {
      Figure f = figures.of(i, p, {});
      if (!f.value) continue;
      std::optional<double> target;
      if (auto t = next_target(targets, i.id, 0, p.year)) target = t->value;
      d.rows.push_back({&i, p, *f.value, target});
    }
  }
  return d;
}

Response indicators_csv(app::Context& ctx, const Request&) {
  const IndicatorData d = indicator_data(ctx);
  std::string out = "indicator_code,indicator_name,unit,frequency,period,value,target,source,note\r\n";
  for (const auto& r : d.rows) {
    const Indicator& i = *r.indicator;
    out += csv_field(i.code) + "," + csv_field(i.name) + "," + csv_field(i.unit) + "," +
           csv_field(frequency_code(i.frequency)) + "," + csv_field(r.period.code()) + "," +
           number_text(r.value, i.decimals) + "," + (r.target ? number_text(*r.target, i.decimals) : "") + "," +
           csv_field(i.computed ? "computed" : "manual") + "," + csv_field(i.note) + "\r\n";
  }
  Response res = Response::text(std::move(out), "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"indicators.csv\"");
  res.headers.set("Cache-Control", "public, max-age=300");
  return res;
}

Response indicators_json(app::Context& ctx, const Request&) {
  const IndicatorData d = indicator_data(ctx);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : d.list) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& r : d.rows)
      if (r.indicator == &i)
        values.push_back({{"period", r.period.code()},
                          {"value", r.value},
                          {"target", r.target ? nlohmann::json(*r.target) : nlohmann::json(nullptr)}});
    items.push_back({{"code", i.code},
                     {"name", i.name},
                     {"name_en", i.name_en},
                     {"definition", i.definition},
                     {"unit", i.unit},
                     {"direction", direction_code(i.direction)},
                     {"frequency", frequency_code(i.frequency)},
                     {"group", group_code(i.group)},
                     {"legal_basis", i.legal_basis},
                     {"source", i.computed ? "computed" : "manual"},
                     {"note", i.note},
                     {"values", values}});
  }
  nlohmann::json out = {{"modified", today(ctx)}, {"indicators", items}};
  Response res = Response::json(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  res.headers.set("Cache-Control", "public, max-age=300");
  return res;
}

// ---- the scorecard datasets, one per year ----

struct CardRow {
  std::string month, code, name;
  Scorecard card;
};

int year_of_file(const Request& req, std::string& ext) {
  const std::string file(req.param("file"));
  const auto dot = file.find('.');
  ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  const std::string year = file.substr(0, dot);
  if (year.size() != 4 || !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      (ext != "csv" && ext != "json"))
    throw http::Error(http::ErrorKind::not_found, "no such dataset", "indicators.error.not_found");
  return std::stoi(year);
}

Response scorecard_file(app::Context& ctx, const Request& req) {
  std::string ext;
  const int year = year_of_file(req, ext);
  const Period now = current_period(ctx, Frequency::month);
  if (year < 2000 || year > now.year) throw http::Error(http::ErrorKind::not_found, "no such dataset", "indicators.error.not_found");
  const std::string from = std::to_string(year) + "-01";
  const std::string to = year == now.year ? now.last_month() : std::to_string(year) + "-12";
  const ScorecardDefs& defs = scorecard_defs();
  std::vector<CardRow> rows;
  ctx.db.with_session([&](soci::session& s) {
    std::map<std::int64_t, directory::AgencyRef> names;
    for (const auto& a : directory::all_agencies(s)) names[a.id] = a;
    for (const auto& [month, t] : load_monthly_measures(s, from, to)) {
      rows.push_back({month, "province", "", score(defs, t.province)});
      for (const auto& [id, m] : t.agencies)
        if (auto it = names.find(id); it != names.end()) rows.push_back({month, it->second.code, it->second.name, score(defs, m)});
    }
  });
  auto points = [](long long h) { return number_text(static_cast<double>(h) / 100.0, 2); };
  Response res;
  if (ext == "csv") {
    std::string out = "month,agency_code,agency_name";
    for (const auto& g : defs.groups) out += "," + g.code;
    out += ",total,max_with_data\r\n";
    for (const auto& r : rows) {
      out += csv_field(r.month) + "," + csv_field(r.code) + "," + csv_field(r.name);
      for (const auto& g : defs.groups) out += "," + points(r.card.groups.at(g.code));
      out += "," + points(r.card.total) + "," + points(r.card.max_with_data) + "\r\n";
    }
    res = Response::text(std::move(out), "text/csv; charset=utf-8");
    res.headers.set("Content-Disposition", "attachment; filename=\"scorecard-" + std::to_string(year) + ".csv\"");
  } else {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : rows) {
      nlohmann::json groups = nlohmann::json::object();
      for (const auto& [g, h] : r.card.groups) groups[g] = static_cast<double>(h) / 100.0;
      items.push_back({{"month", r.month}, {"agency_code", r.code}, {"agency_name", r.name}, {"groups", groups},
                       {"total", static_cast<double>(r.card.total) / 100.0},
                       {"max_with_data", static_cast<double>(r.card.max_with_data) / 100.0}});
    }
    nlohmann::json out = {{"year", year}, {"modified", today(ctx)}, {"rows", items}};
    res = Response::json(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  res.headers.set("Cache-Control", "public, max-age=300");
  return res;
}

// ---- the catalogue ----

struct Dataset {
  std::string id, title, description, modified;
  std::vector<std::pair<std::string, std::string>> distributions;  // url, media type
};

std::vector<Dataset> datasets(app::Context& ctx, const web::View& v) {
  const Period now = current_period(ctx, Frequency::month);
  std::optional<std::string> first = ctx.db.with_session([](soci::session& s) { return dossiers::first_figures_month(s); });
  std::vector<Dataset> out;
  out.push_back({"indicators", v.t("indicators.open_data.indicators.title"), v.t("indicators.open_data.indicators.description"),
                 today(ctx), {{"/open-data/indicators.csv", "text/csv"}, {"/open-data/indicators.json", "application/json"}}});
  const int first_year = first ? std::max(2000, std::stoi(first->substr(0, 4))) : now.year;
  for (int y = now.year; y >= first_year && y > now.year - 20; --y) {
    const std::string year = std::to_string(y);
    out.push_back({"scorecard-" + year, v.f("indicators.open_data.scorecard.title", {{"year", year}}),
                   v.f("indicators.open_data.scorecard.description", {{"year", year}}),
                   y == now.year ? today(ctx) : year + "-12-31",
                   {{"/open-data/scorecard/" + year + ".csv", "text/csv"},
                    {"/open-data/scorecard/" + year + ".json", "application/json"}}});
  }
  return out;
}

std::string publisher(app::Context& ctx, const std::string& lang) {
  auto settings = ctx.db.with_session([](soci::session& s) { return site::load_settings(s); });
  if (auto it = settings.find("site.name." + lang); it != settings.end()) return it->second;
  return ctx.pages.catalog().get(lang, "site.default_name");
}

Response catalog_page(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  const Settings& st = settings(ctx);
  mstch::array items;
  for (const auto& d : datasets(ctx, v)) {
    mstch::array dists;
    for (const auto& [url, type] : d.distributions)
      dists.push_back(mstch::map{{"url", url}, {"format", std::string(type == "text/csv" ? "CSV" : "JSON")}});
    items.push_back(mstch::map{{"id", d.id}, {"title", d.title}, {"description", d.description},
                               {"modified", v.date(d.modified)}, {"modified_iso", d.modified}, {"distributions", dists}});
  }
  mstch::map c{{"title", v.t("indicators.open_data.title")},
               {"datasets", items},
               {"license_url", st.open_data_license_url},
               {"license_name", st.open_data_license_name},
               {"publisher", publisher(ctx, req.lang)}};
  Response r = ctx.pages.render(req, "indicators_open_data", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=300");
  return r;
}

Response catalog_json(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  const Settings& st = settings(ctx);
  const std::string base = ctx.settings.public_url;
  nlohmann::json sets = nlohmann::json::array();
  for (const auto& d : datasets(ctx, v)) {
    nlohmann::json dists = nlohmann::json::array();
    for (const auto& [url, type] : d.distributions)
      dists.push_back({{"@type", "dcat:Distribution"},
                       {"dcat:downloadURL", base + url},
                       {"dcat:mediaType", type},
                       {"dct:license", {{"@id", st.open_data_license_url}}}});
    sets.push_back({{"@id", base + "/open-data#" + d.id},
                    {"@type", "dcat:Dataset"},
                    {"dct:identifier", d.id},
                    {"dct:title", d.title},
                    {"dct:description", d.description},
                    {"dct:modified", d.modified},
                    {"dct:language", req.lang},
                    {"dct:license", {{"@id", st.open_data_license_url}}},
                    {"dcat:distribution", dists}});
  }
  nlohmann::json out = {{"@context",
                         {{"dcat", "http://www.w3.org/ns/dcat#"}, {"dct", "http://purl.org/dc/terms/"},
                          {"foaf", "http://xmlns.com/foaf/0.1/"}}},
                        {"@id", base + "/open-data/catalog.json"},
                        {"@type", "dcat:Catalog"},
                        {"dct:title", v.t("indicators.open_data.title")},
                        {"dct:publisher", {{"@type", "foaf:Organization"}, {"foaf:name", publisher(ctx, req.lang)}}},
                        {"dct:license", {{"@id", st.open_data_license_url}, {"dct:title", st.open_data_license_name}}},
                        {"dct:modified", today(ctx)},
                        {"dcat:dataset", sets}};
  Response r = Response::text(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                              "application/ld+json; charset=utf-8");
  r.headers.set("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

void add_open_data_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/open-data", catalog_page);
  on.add("GET", "/open-data/catalog.json", catalog_json);
  on.add("GET", "/open-data/indicators.csv", indicators_csv);
  on.add("GET", "/open-data/indicators.json", indicators_json);
  on.add("GET", "/open-data/scorecard/{file}", scorecard_file);
}

}  // namespace tinhso::indicators
