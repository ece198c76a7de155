// The leaders' dashboard (issue 17 §6): the province leader sees every agency, an agency leader
// the agencies in their scope.
//   GET /dashboard                            the indicators that matter first (dashboard_rank):
//                                             value, target, status against the path to the
//                                             target (the rule shown), trend over 12 periods as an
//                                             SVG chart with the same numbers in a table
//   GET /dashboard/{code}?period=P            a figure by agency (computed) or unit (entered); the
//                                             agencies' numerators and denominators add up to the
//                                             figure of the whole
//   GET /dashboard/{code}/{agency}?period=P   one agency's figure and the records behind it: for
//                                             the dossier figures, the dossiers returned late
// No JavaScript; nothing here changes state.
#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "core/auth/guard.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "modules/directory/api.h"
#include "modules/dossiers/api.h"
#include "modules/indicators/api.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/permissions.h"
#include "modules/indicators/store.h"
#include "modules/tasks/api.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

constexpr int kRecordsPerPage = 50;

DashboardScope scope_or_deny(const Request& req) {
  auth::require_login(req);
  auto sc = dashboard_scope(req.principal.get());
  if (!sc.has_value()) {
    auth::require(false, "open the leaders' dashboard");
    throw std::logic_error("auth::require(false) returned");
  }
  return sc.value();
}

// Whether the indicator belongs on this reader's dashboard: computed ones are counted over the
// reader's agencies; an entered one shows when its responsible agency is in the reader's scope.
bool in_view(const DashboardScope& sc, const Indicator& i) {
  return i.active && (i.computed || sc.covers(i.agency_id));
}

// A computed figure's records exist when it counts dossiers returned late.
bool has_late_dossiers(const Indicator& i) {
  auto uses = [](const std::string& e) {
    return e.find("dossiers.on_time") != std::string::npos || e.find("dossiers.late") != std::string::npos;
  };
  return i.computed && (uses(i.numerator) || uses(i.denominator));
}

Response dashboard(app::Context& ctx, const Request& req) {
  DashboardScope sc = scope_or_deny(req);
  web::View v{ctx, req};
  const Period year = current_period(ctx, Frequency::year);
  const auto cal = ctx.calendar.current();
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  std::vector<Indicator> list;
  std::vector<Target> targets;
  Figures figures;
  ctx.db.with_session([&](soci::session& s) {
    Catalogue c = load_catalogue(s);
    list = std::move(c.indicators);
    std::vector<Indicator> ranked;
    std::copy_if(list.begin(), list.end(), std::back_inserter(ranked),
                 [](const Indicator& i) { return i.dashboard_rank > 0; });
    targets = std::move(c.targets);
    // Twelve years of months covers every frequency's twelve periods.
    figures = Figures(ctx, s, std::to_string(year.year - 11) + "-01", current_period(ctx, Frequency::month).last_month(),
                      c.approved, sources_for(ranked));
  });
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Indicator& i) { return i.dashboard_rank <= 0 || !in_view(sc, i); }),
             list.end());
  std::stable_sort(list.begin(), list.end(),
                   [](const Indicator& a, const Indicator& b) { return a.dashboard_rank < b.dashboard_rank; });
  // A task's text is an official document's: Vietnamese whatever the reader's language.
  Request vi_req = req;
  vi_req.lang = "vi";
  const web::View vi{ctx, vi_req};
  mstch::array cards;
  int n = 0;
  for (const auto& i : list) {
    const Period last = current_period(ctx, i.frequency);
    Trend t = trend(figures, i, last, 12, sc.province_wide ? std::vector<std::int64_t>{} : sc.agencies);
    // An agency leader's figures are their agencies': measured against their own agency's target
    // when one is set, else the province's.
    std::int64_t target_unit = 0;
    const std::int64_t own = req.principal ? req.principal->agency_id.value_or(0) : 0;
    if (!sc.province_wide && own != 0 && !target_path(targets, i.id, own).empty()) target_unit = own;
    auto path = target_path(targets, i.id, target_unit);
    const std::size_t latest = t.latest.value_or(t.periods.size());
    const Period* period = latest < t.periods.size() ? &t.periods[latest] : nullptr;
    const std::optional<double> value = period ? t.figures[latest].value : std::nullopt;
    Status status = Status::no_target;
    if (period && value.has_value() && !path.empty())
      status = status_of(path, i.direction, period->end_position(), value.value(), at_risk_share(ctx));
    auto target = next_target(targets, i.id, target_unit, period ? period->year : last.year);
    auto expected = period ? expected_on_path(path, period->end_position()) : std::nullopt;
    // An entered indicator whose last finished period is past its due day without an approved
    // value (issue 17 §3: late entries flagged).
    std::string missing, task_url;
    if (!i.computed) {
      const Period done = last.previous();
      const auto last_day = calendar::parse_date(done.last_day());
      const auto due = last_day ? cal->add_working_days(*last_day, settings(ctx).entry_working_days) : std::nullopt;
      if (due && calendar::format_date(today) > calendar::format_date(*due) &&
          !figures.of(i, done, sc.province_wide ? std::vector<std::int64_t>{} : sc.agencies).value)
      {
        missing = v.f("indicators.dashboard.missing",
                      {{"period", period_label(v, done)}, {"due", v.date(calendar::format_date(*due))}});
        // Entering it can be a task (issue 17 §3): the tasks module's form to record the
        // assigning document, its subject and item filled in; the document and the assignment
        // are then the leader's, through the tasks module's own pages and rules.
        if (tasks::may_record_documents(req.principal.get())) {
          const std::string item = vi.f("indicators.dashboard.task_item",
                                        {{"name", i.name}, {"period", period_label(vi, done)},
                                         {"due", vi.date(calendar::format_date(*due))}});
          task_url = "/tasks/documents/new?subject=" +
                     http::percent_encode(vi.f("indicators.dashboard.task_subject", {{"name", i.name}})) +
                     "&item=" + http::percent_encode(item);
        }
      }
    }
    cards.push_back(mstch::map{
        {"missing", missing},
        {"task_url", task_url},
        {"n", std::to_string(++n)},
        {"code", i.code},
        {"name", name_of(v, i)},
        {"value", value ? value_label(v, i, value) : v.t("indicators.no_data")},
        {"period", period ? period_label(v, *period) : std::string()},
        {"target", target ? value_label(v, i, target->value) : std::string()},
        {"target_year", target ? std::to_string(target->year) : std::string()},
        {"target_document", target ? target->document : std::string()},
        {"expected", expected ? value_label(v, i, expected) : std::string()},
        {"status", status_view(v, status)},
        {"chart", trend_chart(v, i, t, "dash-" + std::to_string(i.id))},
        {"rows", trend_rows(v, i, t)},
        {"note", i.note},
        {"computed", i.computed},
        {"drill", "/dashboard/" + i.code + (period ? "?period=" + period->code() : std::string())}});
  }
  mstch::map c{{"title", v.t("indicators.dashboard.title")},
               {"cards", cards},
               {"empty", cards.empty()},
               {"province_wide", sc.province_wide},
               {"rule", v.f("indicators.status.rule", {{"percent", text::format_decimal(at_risk_share(ctx) * 100, 0, req.lang)}})},
               {"month", current_period(ctx, Frequency::month).code()},
               {"scorecard", "/scorecard?period=" + current_period(ctx, Frequency::month).code() + "&span=ytd"}};
  Response r = ctx.pages.render(req, "indicators_dashboard", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

struct DrillLoaded {
  bool found = false;
  Indicator indicator;
  Figures figures;
  std::vector<directory::AgencyRef> agencies;
};

DrillLoaded load_drill(app::Context& ctx, const Request& req, const DashboardScope& sc, Period& period) {
  DrillLoaded l;
  const std::string code(req.param("code"));
  ctx.db.with_session([&](soci::session& s) {
    auto found = find_indicator(s, code);
    if (!found.has_value() || !in_view(sc, found.value())) return;
    l.found = true;
    l.indicator = found.value();
    web::View v{ctx, req};
    period = period_param(v, l.indicator.frequency);
    l.figures = Figures(ctx, s, period.first_month(), period.last_month(),
                        l.indicator.computed ? std::vector<Value>{} : approved_values(s, l.indicator.id), sources_for({l.indicator}));
    l.agencies = directory::all_agencies(s);
  });
  if (!l.found) throw http::Error(http::ErrorKind::not_found, "no such indicator", "indicators.error.not_found");
  return l;
}

std::string count_label(const web::View& v, std::optional<double> x) {
  return x ? text::format_decimal(*x, 0, v.req.lang) : std::string();
}

Response drill(app::Context& ctx, const Request& req) {
  DashboardScope sc = scope_or_deny(req);
  web::View v{ctx, req};
  Period period;
  DrillLoaded l = load_drill(ctx, req, sc, period);
  const Indicator& i = l.indicator;
  std::map<std::int64_t, std::string> names;
  for (const auto& a : l.agencies) names[a.id] = a.name;
  const std::vector<std::int64_t> view = sc.province_wide ? std::vector<std::int64_t>{} : sc.agencies;
  Figure whole = l.figures.of(i, period, view);
  struct Line {
    std::int64_t agency = 0;
    std::string name;
    Figure f;
  };
  std::vector<Line> lines;
  if (i.computed) {
    for (std::int64_t a : l.figures.measured_agencies()) {
      if (!sc.covers(a) || !names.count(a)) continue;
      Figure f = l.figures.of(i, period, {a});
      if (f.denominator.value_or(0) == 0 && f.numerator.value_or(0) == 0) continue;
      lines.push_back({a, names[a], f});
    }
  } else {
    for (const auto& [unit, value] : l.figures.entered_by_unit(i, period.code())) {
      if (unit == 0 || !sc.covers(unit)) continue;
      Figure f;
      f.value = value;
      lines.push_back({unit, names[unit], f});
    }
  }
  // The worst first: the reader looks for who pulls the figure down.
  std::stable_sort(lines.begin(), lines.end(), [&](const Line& a, const Line& b) {
    if (a.f.value && b.f.value && *a.f.value != *b.f.value)
      return i.direction == Direction::higher ? *a.f.value < *b.f.value : *a.f.value > *b.f.value;
    if (a.f.value.has_value() != b.f.value.has_value()) return a.f.value.has_value();
    return text::compare_vi(a.name, b.name) < 0;
  });
  mstch::array rows;
  for (const auto& x : lines)
    rows.push_back(mstch::map{{"name", x.name},
                              {"value", x.f.value ? value_label(v, i, x.f.value) : v.t("indicators.no_data")},
                              {"numerator", count_label(v, x.f.numerator)},
                              {"denominator", count_label(v, x.f.denominator)},
                              {"href", "/dashboard/" + i.code + "/" + std::to_string(x.agency) + "?period=" + period.code()}});
  mstch::array periods;
  for (const auto& p : last_periods(current_period(ctx, i.frequency), 12))
    periods.push_back(mstch::map{{"code", p.code()}, {"label", period_label(v, p)}, {"selected", p == period}});
  mstch::map c{{"title", name_of(v, i)},
               {"name", name_of(v, i)},
               {"code", i.code},
               {"period", period.code()},
               {"period_label", period_label(v, period)},
               {"periods", periods},
               {"computed", i.computed},
               {"formula", formula_text(i)},
               {"value", whole.value ? value_label(v, i, whole.value) : v.t("indicators.no_data")},
               {"numerator", count_label(v, whole.numerator)},
               {"denominator", count_label(v, whole.denominator)},
               {"whole", v.t(sc.province_wide ? "indicators.scorecard.province" : "indicators.dashboard.your_agencies")},
               {"rows", rows},
               {"empty", rows.empty()}};
  Response r = ctx.pages.render(req, "indicators_drill", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response drill_agency(app::Context& ctx, const Request& req) {
  DashboardScope sc = scope_or_deny(req);
  web::View v{ctx, req};
  Period period;
  DrillLoaded l = load_drill(ctx, req, sc, period);
  const Indicator& i = l.indicator;
  const std::int64_t agency = web::path_id(req, "agency");
  auth::require(sc.covers(agency), "drill into an agency outside the leader's scope");
  std::string name;
  for (const auto& a : l.agencies)
    if (a.id == agency) name = a.name;
  if (name.empty()) throw http::Error(http::ErrorKind::not_found, "no such agency", "indicators.error.not_found");
  Figure f = i.computed ? l.figures.of(i, period, {agency}) : Figure{l.figures.entered(i, agency, period.code()), {}, {}};
  const web::Paging pg = web::paging(req, kRecordsPerPage);
  dossiers::ReturnedPage late;
  const bool records = has_late_dossiers(i);
  if (records)
    late = ctx.db.with_session([&](soci::session& s) {
      return dossiers::returned_late(s, agency, period.first_month(), period.last_month(), pg.size,
                                     static_cast<int>(pg.offset()));
    });
  mstch::array rows;
  for (const auto& d : late.rows)
    rows.push_back(mstch::map{{"code", d.code},
                              {"procedure", d.procedure_name},
                              {"received", v.time(d.received_at)},
                              {"due", v.date(d.due_date)},
                              {"returned", v.time(d.returned_at)}});
  const std::string path = "/dashboard/" + i.code + "/" + std::to_string(agency);
  mstch::map c{{"title", name_of(v, i) + " — " + name},
               {"name", name_of(v, i)},
               {"agency", name},
               {"period_label", period_label(v, period)},
               {"value", f.value ? value_label(v, i, f.value) : v.t("indicators.no_data")},
               {"numerator", count_label(v, f.numerator)},
               {"denominator", count_label(v, f.denominator)},
               {"formula", formula_text(i)},
               {"records", records},
               {"late_total", text::format_integer(late.total, req.lang)},
               {"rows", rows},
               {"empty", rows.empty()},
               {"pager", web::pager_of_total(req, path, pg, late.total)},
               {"back", "/dashboard/" + i.code + "?period=" + period.code()}};
  Response r = ctx.pages.render(req, "indicators_drill_agency", std::move(c));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_dashboard_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/dashboard", dashboard);
  on.add("GET", "/dashboard/{code}", drill);
  on.add("GET", "/dashboard/{code}/{agency}", drill_agency);
}

}  // namespace tinhso::indicators
