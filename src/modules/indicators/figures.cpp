#include "modules/indicators/figures.h"

#include <algorithm>
#include <set>

#include "modules/indicators/store.h"
#include "modules/procedures/api.h"

namespace tinhso::indicators {

Figures::Figures(const app::Context& ctx, soci::session& s, const std::string& from_month,
                 const std::string& to_month, const std::vector<Value>& approved, Sources sources)
    : months_(read_month_measures(ctx, s, from_month, to_month, sources)) {
  if (sources.procedures) {
    for (const auto& p : procedures::catalogue_flags(s)) {
      Measures& m = catalogue_[p.agency_id];
      m["procedures.total"] += 1;
      if (p.online_submission) {
        m["procedures.online"] += 1;
        online_procedures_[p.agency_id].push_back(p.id);
      }
      if (p.fully_online) m["procedures.fully_online"] += 1;
      if (p.complete) m["procedures.complete"] += 1;
    }
  }
  for (const auto& v : approved) values_[{v.indicator_id, v.agency_id, v.period}] = v.value;
}

Sources sources_for(const std::vector<Indicator>& list) {
  std::vector<std::string> expressions;
  for (const auto& i : list)
    if (i.computed) {
      expressions.push_back(i.numerator);
      expressions.push_back(i.denominator);
    }
  return sources_of(expressions);
}

namespace {

bool covers(const std::vector<std::int64_t>& agencies, std::int64_t a) {
  return agencies.empty() || std::find(agencies.begin(), agencies.end(), a) != agencies.end();
}

void add_agencies(Measures& sum, const std::map<std::int64_t, Measures>& by_agency,
                  const std::vector<std::int64_t>& agencies) {
  for (const auto& [agency, ms] : by_agency)
    if (covers(agencies, agency))
      for (const auto& [name, v] : ms) sum[name] += v;
}

}  // namespace

Figure Figures::computed(const Indicator& i, const Period& p, const std::vector<std::int64_t>& agencies) const {
  Figure f;
  const auto num = parse_expression(i.numerator);
  const auto den = parse_expression(i.denominator);
  if (!num.has_value() || !den.has_value()) return f;
  // Every measure a module counts is present (0) in a period with no activity, so "no data"
  // means a zero denominator or a measure nobody counts.
  Measures sum;
  for (const auto& n : counted_measures()) sum[n] = 0;
  sum.erase("procedures.online_used");  // needs the span's procedures: Figures::measures
  add_span(sum, months_, p.first_month(), p.last_month(), agencies);
  add_agencies(sum, catalogue_, agencies);
  derive(sum);
  f.numerator = evaluate(*num, sum);
  f.denominator = evaluate(*den, sum);
  const std::optional<double> r = ratio(*num, *den, sum);
  if (r.has_value()) f.value = *r * i.scale;
  return f;
}

Figure Figures::of(const Indicator& i, const Period& p, const std::vector<std::int64_t>& agencies) const {
  if (i.computed) return computed(i, p, agencies);
  Figure f;
  const std::optional<double> province = entered(i, 0, p.code());
  if (province.has_value() && covers(agencies, i.agency_id)) {
    f.value = province;
    return f;
  }
  double sum = 0;
  int n = 0;
  for (const auto& [unit, v] : entered_by_unit(i, p.code()))
    if (unit != 0 && covers(agencies, unit)) {
      sum += v;
      ++n;
    }
  if (n > 0) f.value = i.aggregation == Aggregation::sum ? sum : sum / n;
  return f;
}

std::optional<double> Figures::entered(const Indicator& i, std::int64_t agency, const std::string& period) const {
  auto it = values_.find({i.id, agency, period});
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::map<std::int64_t, double> Figures::entered_by_unit(const Indicator& i, const std::string& period) const {
  std::map<std::int64_t, double> out;
  for (auto it = values_.lower_bound({i.id, 0, ""}); it != values_.end() && std::get<0>(it->first) == i.id; ++it)
    if (std::get<2>(it->first) == period) out[std::get<1>(it->first)] = it->second;
  return out;
}

MeasureTable Figures::measures(const std::string& from, const std::string& to, const std::set<std::int64_t>& used) const {
  MeasureTable t;
  std::set<std::int64_t> ids;
  for (auto it = months_.lower_bound(from); it != months_.end() && it->first <= to; ++it)
    for (const auto& [agency, ms] : it->second) ids.insert(agency);
  for (const auto& [agency, ms] : catalogue_) ids.insert(agency);
  // Every measure present in every agency (0 when nothing was counted), as load_measures does.
  for (std::int64_t agency : ids) {
    Measures& m = t.agencies[agency];
    for (const auto& n : counted_measures()) m[n] = 0;
    add_span(m, months_, from, to, {agency});
    if (auto it = catalogue_.find(agency); it != catalogue_.end())
      for (const auto& [name, v] : it->second) m[name] += v;
    double online_used = 0;
    if (auto it = online_procedures_.find(agency); it != online_procedures_.end())
      for (std::int64_t p : it->second) online_used += used.count(p) ? 1 : 0;
    m["procedures.online_used"] = online_used;
  }
  for (const auto& n : counted_measures()) t.province[n] = 0;
  for (const auto& [agency, ms] : t.agencies)
    for (const auto& [name, v] : ms) t.province[name] += v;
  for (auto& [agency, ms] : t.agencies) derive(ms);
  derive(t.province);
  return t;
}

std::vector<std::int64_t> Figures::measured_agencies() const {
  std::set<std::int64_t> ids;
  for (const auto& [m, agencies] : months_)
    for (const auto& [a, ms] : agencies) ids.insert(a);
  for (const auto& [a, ms] : catalogue_) ids.insert(a);
  return {ids.begin(), ids.end()};
}

}  // namespace tinhso::indicators
