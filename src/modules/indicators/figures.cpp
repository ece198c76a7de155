#include "modules/indicators/figures.h"

#include <algorithm>
#include <set>

#include "modules/dossiers/api.h"
#include "modules/indicators/store.h"
#include "modules/procedures/api.h"

namespace tinhso::indicators {

Figures::Figures(soci::session& s, const std::string& from_month, const std::string& to_month) {
  for (const auto& r : dossiers::agency_months(s, from_month, to_month)) {
    Measures& m = months_[r.month][r.agency_id];
    m["dossiers.received"] = static_cast<double>(r.received);
    m["dossiers.received_online"] = static_cast<double>(r.received_online);
    m["dossiers.returned"] = static_cast<double>(r.returned);
    m["dossiers.on_time"] = static_cast<double>(r.on_time);
    m["dossiers.late"] = static_cast<double>(r.returned - r.on_time);
    m["dossiers.digitised"] = static_cast<double>(r.digitised);
    m["dossiers.days_sum"] = static_cast<double>(r.days_sum);
    m["dossiers.rated"] = static_cast<double>(r.rated);
    m["dossiers.rating_sum"] = static_cast<double>(r.rating_sum);
    m["dossiers.dissatisfied"] = static_cast<double>(r.dissatisfied);
  }
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
  for (const auto& v : approved_values(s)) values_[{v.indicator_id, v.agency_id, v.period}] = v.value;
}

namespace {

constexpr const char* kCountedMeasures[] = {
    "dossiers.received", "dossiers.received_online", "dossiers.returned", "dossiers.on_time", "dossiers.late",
    "dossiers.digitised", "dossiers.days_sum", "dossiers.rated", "dossiers.rating_sum", "dossiers.dissatisfied",
    "procedures.total", "procedures.online", "procedures.fully_online", "procedures.complete"};

bool covers(const std::vector<std::int64_t>& agencies, std::int64_t a) {
  return agencies.empty() || std::find(agencies.begin(), agencies.end(), a) != agencies.end();
}

void add_agencies(Measures& sum, const std::map<std::int64_t, Measures>& by_agency,
                  const std::vector<std::int64_t>& agencies) {
  for (const auto& [agency, ms] : by_agency)
    if (covers(agencies, agency))
      for (const auto& [name, v] : ms) sum[name] += v;
}

std::string month_after(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2));
  if (++mo > 12) mo = 1, ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  return buf;
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
  for (const char* n : kCountedMeasures) sum[n] = 0;
  for (std::string m = p.first_month(); m <= p.last_month(); m = month_after(m))
    if (auto it = months_.find(m); it != months_.end()) add_agencies(sum, it->second, agencies);
  add_agencies(sum, catalogue_, agencies);
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
  for (auto it = months_.lower_bound(from); it != months_.end() && it->first <= to; ++it)
    for (const auto& [agency, ms] : it->second)
      for (const auto& [name, v] : ms) t.agencies[agency][name] += v;
  for (const auto& [agency, ms] : catalogue_) {
    Measures& m = t.agencies[agency];
    for (const auto& [name, v] : ms) m[name] += v;
    double online_used = 0;
    if (auto it = online_procedures_.find(agency); it != online_procedures_.end())
      for (std::int64_t p : it->second) online_used += used.count(p) ? 1 : 0;
    m["procedures.online_used"] = online_used;
  }
  // Every measure present in every agency (0 when nothing was counted), as load_measures does.
  Measures zero;
  for (const auto& [agency, ms] : t.agencies)
    for (const auto& [name, v] : ms) zero[name] = 0;
  for (const char* n : {"dossiers.received", "dossiers.received_online", "dossiers.returned", "dossiers.on_time",
                        "dossiers.late", "dossiers.digitised", "dossiers.days_sum", "dossiers.rated",
                        "dossiers.rating_sum", "dossiers.dissatisfied", "procedures.total", "procedures.online",
                        "procedures.fully_online", "procedures.complete", "procedures.online_used"})
    zero[n] = 0;
  for (auto& [agency, ms] : t.agencies)
    for (const auto& [name, v] : zero) ms.try_emplace(name, 0);
  t.province = zero;
  for (const auto& [agency, ms] : t.agencies)
    for (const auto& [name, v] : ms) t.province[name] += v;
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
