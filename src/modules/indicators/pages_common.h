#pragma once
// What the indicators module's pages share: the period in view from the query, labels of periods,
// values and statuses in the reader's language, the status of a figure against its targets, and the
// 12-period chart with its table.
#include <optional>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/web/view.h"
#include "modules/indicators/figures.h"
#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

// Settings of the module (api.h Settings) that pages read.
double at_risk_share(const app::Context& ctx);

// A computed indicator's formula as shown: "numerator ÷ denominator", or the numerator alone (a
// count, a median); "" for an entered one.
std::string formula_text(const Indicator& i);
// The period containing today (Viet Nam's day, the injected clock) at frequency `f`.
Period current_period(const app::Context& ctx, Frequency f);
// The query parameter `period` at frequency `f` (absent: current_period); 400 when it is not a
// period of that frequency.
Period period_param(const web::View& v, Frequency f);
// "tháng 3/2025", "quý 1/2025", "năm 2025" / "March 2025", "Q1 2025", "2025".
std::string period_label(const web::View& v, const Period& p);
// The value with the indicator's decimals and unit ("95,2 %"); "" for none.
std::string value_label(const web::View& v, const Indicator& i, std::optional<double> value);
std::string name_of(const web::View& v, const Indicator& i);
std::string unit_of(const web::View& v, const Indicator& i);

// The path to the targets of unit `agency` (0: the province): the baseline of its earliest target
// that has one, then every target and milestone at the end of its year.
std::vector<PathPoint> target_path(const std::vector<Target>& targets, std::int64_t indicator, std::int64_t agency);
// The first target (not milestone) of the unit in `year` or later; else the last one.
std::optional<Target> next_target(const std::vector<Target>& targets, std::int64_t indicator, std::int64_t agency,
                                   int year);

// The last `n` periods ending with `last`, each with its figure, and the latest with a value.
struct Trend {
  std::vector<Period> periods;
  std::vector<Figure> figures;
  std::optional<std::size_t> latest;  // index of the latest period with a value
};
Trend trend(const Figures& f, const Indicator& i, const Period& last, int n, const std::vector<std::int64_t>& agencies);
// The trend's chart (inline SVG, role img with every value in its description) and its rows for a
// table: {period, period_code, value, numerator, denominator}.
std::string trend_chart(const web::View& v, const Indicator& i, const Trend& t, const std::string& id);
mstch::array trend_rows(const web::View& v, const Indicator& i, const Trend& t);
// {code, label, css} of a status.
mstch::map status_view(const web::View& v, Status s);

}  // namespace tinhso::indicators
