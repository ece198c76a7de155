#include "modules/indicators/pages_common.h"

#include <algorithm>

#include "core/document/chart.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "modules/indicators/api.h"

namespace tinhso::indicators {

double at_risk_share(const app::Context& ctx) { return settings(ctx).at_risk_percent / 100.0; }

Period current_period(const app::Context& ctx, Frequency f) {
  return period_containing(f, calendar::format_date(calendar::to_local(ctx.clock.now()).day));
}

Period period_param(const web::View& v, Frequency f) {
  const std::string text = web::query(v.req, "period");
  if (text.empty()) return current_period(v.ctx, f);
  auto p = parse_period(text);
  if (!p || p->frequency != f) throw http::Error(http::ErrorKind::bad_request, "bad period", "indicators.error.period");
  return *p;
}

std::string period_label(const web::View& v, const Period& p) {
  const std::string year = std::to_string(p.year), index = std::to_string(p.index);
  switch (p.frequency) {
    case Frequency::month: return v.f("indicators.period.month", {{"month", index}, {"year", year}});
    case Frequency::quarter: return v.f("indicators.period.quarter", {{"quarter", index}, {"year", year}});
    case Frequency::year: return v.f("indicators.period.year", {{"year", year}});
  }
  return p.code();
}

std::string name_of(const web::View& v, const Indicator& i) {
  return v.english() && !i.name_en.empty() ? i.name_en : i.name;
}

std::string unit_of(const web::View& v, const Indicator& i) {
  return v.english() && !i.unit_en.empty() ? i.unit_en : i.unit;
}

std::string value_label(const web::View& v, const Indicator& i, std::optional<double> value) {
  if (!value) return "";
  std::string out = text::format_decimal(*value, i.decimals, v.req.lang);
  const std::string unit = unit_of(v, i);
  if (!unit.empty()) out += (unit == "%" ? "\u00a0" : " ") + unit;
  return out;
}

std::vector<PathPoint> target_path(const std::vector<Target>& targets, std::int64_t indicator, std::int64_t agency) {
  std::vector<Target> mine;
  for (const auto& t : targets)
    if (t.indicator_id == indicator && t.agency_id == agency) mine.push_back(t);
  std::sort(mine.begin(), mine.end(), [](const Target& a, const Target& b) { return a.year < b.year; });
  std::vector<PathPoint> path;
  for (const auto& t : mine)
    if (t.baseline_year && t.baseline_value) {
      path.push_back({*t.baseline_year + 1.0, *t.baseline_value});
      break;
    }
  for (const auto& t : mine)
    if (path.empty() || t.year + 1.0 > path.back().position) path.push_back({t.year + 1.0, t.value});
  return path;
}

std::optional<Target> next_target(const std::vector<Target>& targets, std::int64_t indicator, std::int64_t agency,
                                  int year) {
  std::optional<Target> best, last;
  for (const auto& t : targets) {
    if (t.indicator_id != indicator || t.agency_id != agency || t.milestone) continue;
    if (!last || t.year > last->year) last = t;
    if (t.year >= year && (!best || t.year < best->year)) best = t;
  }
  return best ? best : last;
}

Trend trend(const Figures& f, const Indicator& i, const Period& last, int n, const std::vector<std::int64_t>& agencies) {
  Trend t;
  t.periods = last_periods(last, n);
  for (std::size_t k = 0; k < t.periods.size(); ++k) {
    t.figures.push_back(f.of(i, t.periods[k], agencies));
    if (t.figures.back().value) t.latest = k;
  }
  return t;
}

std::string trend_chart(const web::View& v, const Indicator& i, const Trend& t, const std::string& id) {
  document::BarChart chart;
  chart.id = id;
  chart.title = name_of(v, i) + (unit_of(v, i).empty() ? "" : " (" + unit_of(v, i) + ")");
  chart.description = v.t("indicators.chart.description");
  chart.lang = v.req.lang;
  chart.fraction_digits = i.decimals;
  chart.width = 480;
  chart.height = 220;
  document::ChartSeries s{name_of(v, i), {}};
  for (std::size_t k = 0; k < t.periods.size(); ++k) {
    const Period& p = t.periods[k];
    chart.categories.push_back(p.frequency == Frequency::year ? std::to_string(p.year)
                               : p.frequency == Frequency::quarter
                                   ? "Q" + std::to_string(p.index) + "/" + std::to_string(p.year % 100)
                                   : std::to_string(p.index) + "/" + std::to_string(p.year % 100));
    s.values.push_back(std::max(0.0, t.figures[k].value.value_or(0)));
  }
  chart.series = {s};
  return document::render_svg(chart);
}

mstch::array trend_rows(const web::View& v, const Indicator& i, const Trend& t) {
  mstch::array rows;
  for (std::size_t k = t.periods.size(); k-- > 0;) {
    const Figure& f = t.figures[k];
    rows.push_back(mstch::map{
        {"period", period_label(v, t.periods[k])},
        {"period_code", t.periods[k].code()},
        {"value", f.value ? value_label(v, i, f.value) : v.t("indicators.no_data")},
        {"has_value", f.value.has_value()},
        {"numerator", f.numerator ? text::format_decimal(*f.numerator, 0, v.req.lang) : std::string()},
        {"denominator", f.denominator ? text::format_decimal(*f.denominator, 0, v.req.lang) : std::string()}});
  }
  return rows;
}

mstch::map status_view(const web::View& v, Status s) {
  const std::string code(status_code(s));
  const char* css = s == Status::on_track ? "tag tag-done" : s == Status::at_risk ? "tag tag-waiting"
                    : s == Status::off_track                 ? "tag tag-late"
                                                             : "tag";
  return mstch::map{{"code", code}, {"label", v.t("indicators.status." + code)}, {"css", std::string(css)}};
}

std::string formula_text(const Indicator& i) {
  if (!i.computed) return "";
  return i.denominator.empty() ? i.numerator : i.numerator + " ÷ " + i.denominator;
}

}  // namespace tinhso::indicators
