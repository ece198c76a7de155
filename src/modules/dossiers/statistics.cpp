#include "modules/dossiers/statistics.h"

#include <charconv>
#include <cstdlib>
#include <map>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include "core/document/chart.h"
#include "core/document/xlsx.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/util/csv.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/dossiers/store_stats.h"

namespace tinhso::dossiers {

namespace {

using http::Request;
using http::Response;

const std::string kS = "dossier_processing.stats.";

struct Query {
  int year = 0;
  std::int64_t agency = 0;  // 0: all
};

int parse_int(std::string_view text, int lo, int hi, const char* what) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < lo || v > hi)
    throw http::Error(http::ErrorKind::bad_request, std::string("bad ") + what, kS + "error.filter");
  return v;
}

Query query_of(app::Context& ctx, const Request& req) {
  Query q;
  q.year = calendar::year_of(calendar::to_local(ctx.clock.now()).day);
  if (auto y = req.query_params.get("year"); y && !y->empty()) q.year = parse_int(*y, 2000, 2199, "year");
  q.agency = web::query_id(req, "agency").value_or(0);
  return q;
}

// "2026-12" as the reader reads a month: "tháng 12/2026", "December 2026"; anything else as given.
std::string month_label(app::Context& ctx, const std::string& lang, const std::string& ym) {
  if (ym.size() != 7 || ym[4] != '-') return ym;
  int m = std::atoi(ym.c_str() + 5);
  if (m < 1 || m > 12) return ym;
  return ctx.pages.catalog().format(lang, kS + "month." + std::to_string(m), {{"year", ym.substr(0, 4)}});
}

std::string month_key(int year, int m) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, m);
  return buf;
}

std::vector<StatsRow> rows_of(app::Context& ctx, const Query& q) {
  return ctx.db.with_session(
      [&](soci::session& s) { return load_stats(s, month_key(q.year, 1), month_key(q.year, 12), q.agency); });
}

// "in progress" is the month's received dossiers not yet returned; the online share is of the
// month's received dossiers.
double online_share(const StatsRow& r) {
  return r.received ? static_cast<double>(r.received_online) / static_cast<double>(r.received) : 0.0;
}

StatsRow totals(const std::vector<StatsRow>& rows) {
  StatsRow t;
  for (const auto& r : rows) {
    t.received += r.received;
    t.received_online += r.received_online;
    t.open_count += r.open_count;
    t.on_time += r.on_time;
    t.late += r.late;
  }
  return t;
}

std::string percent(double share, std::string_view lang) { return text::format_decimal(share * 100, 1, lang) + " %"; }

const std::string& t(app::Context& ctx, const Request& req, const std::string& id) {
  return ctx.pages.catalog().get(req.lang, kS + id);
}

// ---- HTML ----

Response page(app::Context& ctx, Request& req) {
  Query q = query_of(ctx, req);
  auto rows = rows_of(ctx, q);
  auto agencies = ctx.db.with_session([](soci::session& s) { return stats_agencies(s); });
  const std::string& lang = req.lang;
  // Per month over the selected agencies, for the chart.
  std::map<int, StatsRow> by_month;
  for (const auto& r : rows) {
    StatsRow& m = by_month[std::stoi(r.month.substr(5, 2))];
    m.received += r.received;
    m.on_time += r.on_time;
    m.late += r.late;
    m.open_count += r.open_count;
  }
  document::BarChart chart;
  chart.id = "dossier-stats";
  chart.title = ctx.pages.catalog().format(lang, kS + "chart.title", {{"year", std::to_string(q.year)}});
  chart.description = t(ctx, req, "chart.description");
  chart.lang = lang;
  document::ChartSeries received{t(ctx, req, "col.received"), {}}, on_time{t(ctx, req, "col.on_time"), {}},
      late{t(ctx, req, "col.late"), {}}, open{t(ctx, req, "col.open"), {}};
  for (int m = 1; m <= 12; ++m) {
    chart.categories.push_back(ctx.pages.catalog().format(lang, kS + "month_short", {{"month", std::to_string(m)}}));
    const StatsRow& r = by_month[m];
    received.values.push_back(static_cast<double>(r.received));
    on_time.values.push_back(static_cast<double>(r.on_time));
    late.values.push_back(static_cast<double>(r.late));
    open.values.push_back(static_cast<double>(r.open_count));
  }
  chart.series = {received, on_time, late, open};
  mstch::array table;
  for (const auto& r : rows)
    table.push_back(mstch::map{{"agency", r.agency_name},
                               {"month", month_label(ctx, lang, r.month)},
                               {"month_iso", r.month},
                               {"received", text::format_integer(r.received, lang)},
                               {"on_time", text::format_integer(r.on_time, lang)},
                               {"late", text::format_integer(r.late, lang)},
                               {"open", text::format_integer(r.open_count, lang)},
                               {"online", percent(online_share(r), lang)}});
  StatsRow tot = totals(rows);
  mstch::array agency_options;
  for (const auto& a : agencies)
    agency_options.push_back(
        mstch::map{{"id", std::to_string(a.id)}, {"name", a.name}, {"selected", a.id == q.agency}});
  std::string suffix = "?year=" + std::to_string(q.year) + (q.agency ? "&agency=" + std::to_string(q.agency) : "");
  mstch::map c{{"title", t(ctx, req, "title")},
               {"year", std::to_string(q.year)},
               {"agencies", agency_options},
               {"all_agencies", q.agency == 0},
               {"chart", document::render_svg(chart)},
               {"rows", table},
               {"empty", rows.empty()},
               {"total_received", text::format_integer(tot.received, lang)},
               {"total_on_time", text::format_integer(tot.on_time, lang)},
               {"total_late", text::format_integer(tot.late, lang)},
               {"total_open", text::format_integer(tot.open_count, lang)},
               {"total_online", percent(online_share(tot), lang)},
               {"csv_url", "/statistics/dossiers.csv" + suffix},
               {"xlsx_url", "/statistics/dossiers.xlsx" + suffix},
               {"json_url", "/api/v1/statistics/dossiers" + suffix}};
  Response r = ctx.pages.render(req, "stats_dossiers", std::move(c));
  r.headers.set("Cache-Control", "public, max-age=60");
  return r;
}

// ---- exports: the same rows, numbers unformatted ----

Response csv(app::Context& ctx, Request& req) {
  auto rows = rows_of(ctx, query_of(ctx, req));
  std::string out = "agency_code,agency_name,month,received,received_online,on_time,late,in_progress\r\n";
  for (const auto& r : rows) {
    out += csv_field(r.agency_code) + "," + csv_field(r.agency_name) + "," + csv_field(r.month);
    for (long long n : {r.received, r.received_online, r.on_time, r.late, r.open_count}) out += "," + std::to_string(n);
    out += "\r\n";
  }
  Response res = Response::text(std::move(out), "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"dossier-statistics.csv\"");
  return res;
}

Response xlsx(app::Context& ctx, Request& req) {
  Query q = query_of(ctx, req);
  auto rows = rows_of(ctx, q);
  document::Sheet sheet;
  sheet.name = std::to_string(q.year);
  for (const char* id : {"agency", "month", "received", "received_online", "on_time", "late", "open", "online"})
    sheet.columns.push_back({t(ctx, req, std::string("col.") + id), 0, 1});
  sheet.columns[0].width = 40;
  for (const auto& r : rows)
    sheet.rows.push_back({r.agency_name, r.month, static_cast<std::int64_t>(r.received),
                          static_cast<std::int64_t>(r.received_online), static_cast<std::int64_t>(r.on_time),
                          static_cast<std::int64_t>(r.late), static_cast<std::int64_t>(r.open_count),
                          document::Percent{online_share(r)}});
  document::Workbook book{t(ctx, req, "title"), {sheet}, ctx.clock.now()};
  Response res = Response::text(document::write_xlsx(book),
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.headers.set("Content-Disposition", "attachment; filename=\"dossier-statistics.xlsx\"");
  return res;
}

Response api(app::Context& ctx, Request& req) {
  Query q = query_of(ctx, req);
  auto rows = rows_of(ctx, q);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows)
    items.push_back({{"agency_id", r.agency_id}, {"agency_code", r.agency_code}, {"agency_name", r.agency_name},
                     {"month", r.month}, {"received", r.received}, {"received_online", r.received_online},
                     {"on_time", r.on_time}, {"late", r.late}, {"in_progress", r.open_count},
                     {"online_share", online_share(r)}});
  StatsRow tot = totals(rows);
  nlohmann::json out = {{"year", q.year},
                        {"agency_id", q.agency ? nlohmann::json(q.agency) : nlohmann::json(nullptr)},
                        {"rows", items},
                        {"totals",
                         {{"received", tot.received}, {"received_online", tot.received_online}, {"on_time", tot.on_time},
                          {"late", tot.late}, {"in_progress", tot.open_count}, {"online_share", online_share(tot)}}}};
  Response res = Response::json(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  res.headers.set("Cache-Control", "public, max-age=60");
  return res;
}

}  // namespace

void add_statistics_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/statistics/dossiers", page);
  on.add("GET", "/statistics/dossiers.csv", csv, {.long_running = true});
  on.add("GET", "/statistics/dossiers.xlsx", xlsx, {.long_running = true});
  on.add("GET", "/api/v1/statistics/dossiers", api);
}

}  // namespace tinhso::dossiers
