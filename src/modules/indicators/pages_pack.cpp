// The leaders' meeting pack (issue 17 §7): one click makes the report of a month, in Vietnamese,
// ready to print — the indicators in the leader's view against their targets, the Decision 766
// scorecard of the year to date, and the tasks overdue at the month's end:
//   GET /dashboard/pack.pdf?period=YYYY-MM    A4, Decree 30/2020/NĐ-CP layout
//   GET /dashboard/pack.xlsx?period=YYYY-MM   the same tables, numbers as numbers
// The leaders' only (the dashboard's scope); rendering is blocking work on the worker pool.
#include <algorithm>
#include <stdexcept>

#include "core/auth/guard.h"
#include "core/document/files.h"
#include "core/document/pdf.h"
#include "core/document/xlsx.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/web/routes.h"
#include "modules/directory/api.h"
#include "modules/dossiers/api.h"
#include "modules/indicators/measures.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/permissions.h"
#include "modules/indicators/scorecard.h"
#include "modules/indicators/store.h"
#include "modules/tasks/api.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

constexpr int kOverdueRows = 50;

struct IndicatorLine {
  std::string name, period, value, target, expected, status;
  std::optional<double> raw_value, raw_target;
  int decimals = 1;
};
struct CardLine {
  std::string name;
  std::vector<double> groups;  // points, in the defs' group order
  double total = 0;
};
struct Pack {
  Period month;
  std::string scope_name, issuer;
  std::vector<IndicatorLine> indicators;
  std::vector<CardLine> cards;
  std::vector<tasks::OverdueTask> overdue;
};

// The pack is Vietnamese whatever the reader's language (an official report).
Request vietnamese(const Request& req) {
  Request r = req;
  r.lang = "vi";
  return r;
}

Pack build(app::Context& ctx, const Request& req, const DashboardScope& sc) {
  web::View v{ctx, req};
  Pack p;
  p.month = period_param(v, Frequency::month);
  std::vector<Indicator> list;
  std::vector<Target> targets;
  Figures figures;
  MeasureTable measures;
  std::map<std::int64_t, std::string> names;
  const auto cal = ctx.calendar.current();
  ctx.db.with_session([&](soci::session& s) {
    Catalogue c = load_catalogue(s);
    list = std::move(c.indicators);
    targets = std::move(c.targets);
    figures = Figures(ctx, s, std::to_string(p.month.year - 11) + "-01", p.month.last_month(), c.approved,
                      sources_for(list) | kScorecardSources);
    std::set<std::int64_t> used;
    for (const auto& r : dossiers::procedure_totals(s, 0, std::to_string(p.month.year) + "-01", p.month.last_month()))
      if (r.received_online > 0) used.insert(r.procedure_id);
    measures = figures.measures(std::to_string(p.month.year) + "-01", p.month.last_month(), used);
    for (const auto& a : directory::all_agencies(s)) names[a.id] = a.name;
    p.overdue = tasks::overdue_tasks(s, *cal, ctx.settings.modules.get<tasks::Settings>().on_time, p.month.last_day(),
                                     sc.province_wide ? std::vector<std::int64_t>{} : sc.agencies, kOverdueRows);
  });
  if (const std::int64_t own = req.principal ? req.principal->agency_id.value_or(0) : 0; own != 0) p.issuer = names[own];
  p.scope_name = sc.province_wide ? v.t("indicators.scorecard.province") : v.t("indicators.dashboard.your_agencies");
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Indicator& i) { return !i.active || !(i.computed || sc.covers(i.agency_id)); }),
             list.end());
  std::stable_sort(list.begin(), list.end(), [](const Indicator& a, const Indicator& b) {
    const int ra = a.dashboard_rank > 0 ? a.dashboard_rank : 10000, rb = b.dashboard_rank > 0 ? b.dashboard_rank : 10000;
    return ra != rb ? ra < rb : a.code < b.code;
  });
  const std::vector<std::int64_t> view = sc.province_wide ? std::vector<std::int64_t>{} : sc.agencies;
  for (const auto& i : list) {
    Period at = period_containing(i.frequency, p.month.last_day());
    Figure f = figures.of(i, at, view);
    for (int back = 0; !f.value && back < 11 && i.frequency != Frequency::month; ++back) {
      at = at.previous();  // the latest value up to the month
      f = figures.of(i, at, view);
    }
    IndicatorLine line;
    line.name = name_of(v, i);
    line.period = period_label(v, at);
    line.decimals = i.decimals;
    line.raw_value = f.value;
    line.value = f.value ? value_label(v, i, f.value) : v.t("indicators.no_data");
    auto path = target_path(targets, i.id, 0);
    if (auto t = next_target(targets, i.id, 0, at.year)) {
      line.target = value_label(v, i, t->value) + " (" + std::to_string(t->year) + ")";
      line.raw_target = t->value;
    }
    if (auto e = expected_on_path(path, at.end_position()); e && f.value) line.expected = value_label(v, i, e);
    line.status = f.value && !path.empty()
                      ? v.t("indicators.status." + std::string(status_code(status_of(
                                                         path, i.direction, at.end_position(), *f.value, at_risk_share(ctx)))))
                      : v.t(path.empty() ? "indicators.status.no_target" : "indicators.no_data");
    p.indicators.push_back(std::move(line));
  }
  const ScorecardDefs& defs = scorecard_defs();
  auto card_line = [&](const std::string& name, const Measures& m) {
    Scorecard c = score(defs, m);
    CardLine l{name, {}, static_cast<double>(c.total) / 100.0};
    for (const auto& g : defs.groups) l.groups.push_back(static_cast<double>(c.groups.at(g.code)) / 100.0);
    return l;
  };
  if (sc.province_wide) p.cards.push_back(card_line(v.t("indicators.scorecard.province"), measures.province));
  std::vector<CardLine> agencies;
  for (const auto& [id, m] : measures.agencies)
    if (sc.covers(id) && names.count(id)) agencies.push_back(card_line(names[id], m));
  std::stable_sort(agencies.begin(), agencies.end(), [](const CardLine& a, const CardLine& b) {
    return a.total != b.total ? a.total > b.total : text::compare_vi(a.name, b.name) < 0;
  });
  p.cards.insert(p.cards.end(), agencies.begin(), agencies.end());
  return p;
}

DashboardScope scope_or_deny(const Request& req) {
  auth::require_login(req);
  auto sc = dashboard_scope(req.principal.get());
  if (!sc.has_value()) {
    auth::require(false, "make the leaders' meeting pack");
    throw std::logic_error("auth::require(false) returned");
  }
  return sc.value();
}

std::string file_name(const Pack& p, const char* ext) { return "bao-cao-dieu-hanh-" + p.month.code() + ext; }

Response pack_pdf(app::Context& ctx, const Request& original) {
  const DashboardScope sc = scope_or_deny(original);
  const Request req = vietnamese(original);
  web::View v{ctx, req};
  const Pack p = build(ctx, req, sc);
  const std::string month = period_label(v, p.month);
  document::Document doc;
  doc.title = v.f("indicators.pack.title_of", {{"period", month}});
  doc.created = ctx.clock.now();
  const std::string day = v.date(calendar::format_date(calendar::to_local(ctx.clock.now()).day));
  doc.blocks.push_back(document::Header{{{p.issuer, {.bold = true}}},
                                        {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true}},
                                         {"Độc lập - Tự do - Hạnh phúc", {.bold = true}},
                                         {v.f("indicators.pack.made_on", {{"day", day}}), {.italic = true}}}});
  doc.blocks.push_back(document::Title{v.t("indicators.pack.title"), v.f("indicators.pack.subtitle", {{"period", month}, {"scope", p.scope_name}})});
  doc.blocks.push_back(document::Paragraph{"I. " + v.t("indicators.pack.section.indicators"), {.bold = true}});
  document::Table ind{{v.t("indicators.col.indicator"), v.t("indicators.col.period"), v.t("indicators.col.value"),
                       v.t("indicators.col.target"), v.t("indicators.dashboard.expected"), v.t("indicators.col.status")},
                      {},
                      {0.34, 0.13, 0.13, 0.14, 0.12, 0.14},
                      {document::Align::left, document::Align::left, document::Align::right, document::Align::right,
                       document::Align::right, document::Align::left}};
  for (const auto& l : p.indicators) ind.rows.push_back({l.name, l.period, l.value, l.target, l.expected, l.status});
  doc.blocks.push_back(std::move(ind));
  doc.blocks.push_back(document::Paragraph{v.f("indicators.status.rule", {{"percent", text::format_decimal(at_risk_share(ctx) * 100, 0, "vi")}}), {.italic = true, .size_pt = 10}});
  doc.blocks.push_back(document::Paragraph{"II. " + v.f("indicators.pack.section.scorecard", {{"year", std::to_string(p.month.year)}, {"period", month}}), {.bold = true}});
  document::Table card{{v.t("indicators.scorecard.agency")}, {}, {0.28}, {document::Align::left}};
  for (const auto& g : scorecard_defs().groups) {
    card.header.push_back(v.t("indicators.scorecard.group." + g.code) + " (" + text::format_decimal(g.max, 0, "vi") + ")");
    card.widths.push_back(0.1);
    card.align.push_back(document::Align::right);
  }
  card.header.push_back(v.t("indicators.scorecard.total"));
  card.widths.push_back(0.12);
  card.align.push_back(document::Align::right);
  for (const auto& c : p.cards) {
    std::vector<std::string> row{c.name};
    for (double g : c.groups) row.push_back(text::format_decimal(g, 2, "vi"));
    row.push_back(text::format_decimal(c.total, 2, "vi"));
    card.rows.push_back(std::move(row));
  }
  doc.blocks.push_back(std::move(card));
  doc.blocks.push_back(document::Paragraph{v.t("indicators.scorecard.no_data_rule"), {.italic = true, .size_pt = 10}});
  doc.blocks.push_back(document::Paragraph{"III. " + v.f("indicators.pack.section.tasks", {{"day", v.date(p.month.last_day())}}), {.bold = true}});
  if (p.overdue.empty()) {
    doc.blocks.push_back(document::Paragraph{v.t("indicators.pack.no_overdue")});
  } else {
    document::Table t{{v.t("indicators.pack.col.task"), v.t("indicators.pack.col.lead"), v.t("indicators.pack.col.document"),
                       v.t("indicators.pack.col.due")},
                      {},
                      {0.44, 0.22, 0.18, 0.16},
                      {}};
    for (const auto& o : p.overdue) t.rows.push_back({o.content, o.lead_name, o.document, v.date(o.due)});
    doc.blocks.push_back(std::move(t));
  }
  Response r = Response::text(document::render_pdf(doc), "application/pdf");
  r.headers.set("Content-Disposition", document::attachment_disposition(file_name(p, ".pdf")));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response pack_xlsx(app::Context& ctx, const Request& original) {
  const DashboardScope sc = scope_or_deny(original);
  const Request req = vietnamese(original);
  web::View v{ctx, req};
  const Pack p = build(ctx, req, sc);
  document::Sheet ind{"Chỉ số", {{v.t("indicators.col.indicator"), 50, 1}, {v.t("indicators.col.period"), 16, 1},
                                 {v.t("indicators.col.value"), 14, 2}, {v.t("indicators.col.target"), 14, 2},
                                 {v.t("indicators.col.status"), 20, 1}},
                      {}};
  for (const auto& l : p.indicators) {
    std::vector<document::Cell> row{l.name, l.period};
    row.push_back(l.raw_value ? document::Cell(*l.raw_value) : document::Cell(v.t("indicators.no_data")));
    row.push_back(l.raw_target ? document::Cell(*l.raw_target) : document::Cell());
    row.push_back(l.status);
    ind.rows.push_back(std::move(row));
  }
  document::Sheet card{"Chỉ số 766", {{v.t("indicators.scorecard.agency"), 40, 1}}, {}};
  for (const auto& g : scorecard_defs().groups) card.columns.push_back({v.t("indicators.scorecard.group." + g.code), 14, 2});
  card.columns.push_back({v.t("indicators.scorecard.total"), 12, 2});
  for (const auto& c : p.cards) {
    std::vector<document::Cell> row{c.name};
    for (double g : c.groups) row.emplace_back(g);
    row.emplace_back(c.total);
    card.rows.push_back(std::move(row));
  }
  document::Sheet tasks{"Nhiệm vụ quá hạn", {{v.t("indicators.pack.col.task"), 60, 1}, {v.t("indicators.pack.col.lead"), 30, 1},
                                             {v.t("indicators.pack.col.document"), 20, 1}, {v.t("indicators.pack.col.due"), 14, 1}},
                        {}};
  for (const auto& o : p.overdue) tasks.rows.push_back({o.content, o.lead_name, o.document, o.due});
  document::Workbook book{v.f("indicators.pack.title_of", {{"period", period_label(v, p.month)}}), {ind, card, tasks},
                          ctx.clock.now()};
  Response r = Response::text(document::write_xlsx(book),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.headers.set("Content-Disposition", document::attachment_disposition(file_name(p, ".xlsx")));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_pack_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/dashboard/pack.pdf", pack_pdf, {.long_running = true});
  on.add("GET", "/dashboard/pack.xlsx", pack_xlsx, {.long_running = true});
}

}  // namespace tinhso::indicators
