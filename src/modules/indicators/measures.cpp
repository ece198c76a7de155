#include "modules/indicators/measures.h"

#include <algorithm>
#include <cstdio>

#include "core/calendar/date.h"
#include "modules/dossiers/api.h"
#include "modules/petitions/api.h"
#include "modules/procedures/api.h"
#include "modules/tasks/api.h"

namespace tinhso::indicators {

namespace {

constexpr const char* kCounted[] = {
    "dossiers.received", "dossiers.received_online", "dossiers.returned", "dossiers.on_time", "dossiers.late",
    "dossiers.digitised", "dossiers.days_sum", "dossiers.rated", "dossiers.rating_sum", "dossiers.dissatisfied",
    "procedures.total", "procedures.online", "procedures.fully_online", "procedures.complete",
    "procedures.online_used", "petitions.received", "petitions.settled", "petitions.on_time", "petitions.late",
    "petitions.feedback_received", "petitions.feedback_handled", "petitions.feedback_on_time",
    "petitions.feedback_satisfied", "open311.received", "open311.closed", "open311.closed_on_time",
    "tasks.done_on_time", "tasks.done_late", "tasks.in_progress", "tasks.overdue", "tasks.ongoing", "tasks.done",
    "tasks.not_done", "tasks.counted"};
constexpr const char* kTaskBuckets[] = {"tasks.done_on_time", "tasks.done_late", "tasks.in_progress", "tasks.overdue",
                                        "tasks.ongoing"};
constexpr std::string_view kHours = "open311.hours.";

std::string next_month(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2)) + 1;
  if (mo > 12) mo = 1, ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  return buf;
}

std::vector<std::string> months_of(const std::string& from, const std::string& to) {
  std::vector<std::string> out;
  if (from.size() != 7 || to.size() != 7) return out;
  for (std::string m = from; m <= to && out.size() < 1200; m = next_month(m)) out.push_back(m);
  return out;
}

void add_dossiers(Measures& m, const dossiers::ProcedureMonth& r) {
  m["dossiers.received"] += static_cast<double>(r.received);
  m["dossiers.received_online"] += static_cast<double>(r.received_online);
  m["dossiers.returned"] += static_cast<double>(r.returned);
  m["dossiers.on_time"] += static_cast<double>(r.on_time);
  m["dossiers.late"] += static_cast<double>(r.returned - r.on_time);
  m["dossiers.digitised"] += static_cast<double>(r.digitised);
  m["dossiers.days_sum"] += static_cast<double>(r.days_sum);
  m["dossiers.rated"] += static_cast<double>(r.rated);
  m["dossiers.rating_sum"] += static_cast<double>(r.rating_sum);
  m["dossiers.dissatisfied"] += static_cast<double>(r.dissatisfied);
}

void add_petitions(Measures& m, const petitions::PetitionMonth& r) {
  const auto received = static_cast<double>(r.received), settled = static_cast<double>(r.settled),
             on_time = static_cast<double>(r.on_time);
  m["petitions.received"] += received;
  m["petitions.settled"] += settled;
  m["petitions.on_time"] += on_time;
  m["petitions.late"] += settled - on_time;
  if (r.kind == "recommendation" || r.kind == "feedback") {
    m["petitions.feedback_received"] += received;
    m["petitions.feedback_handled"] += settled;
    m["petitions.feedback_on_time"] += on_time;
    m["petitions.feedback_satisfied"] += on_time;
  }
  if (r.channel == "open311") {
    m["open311.received"] += received;
    m["open311.closed"] += settled;
    m["open311.closed_on_time"] += on_time;
  }
}

// The monthly flows of the dossiers (per agency, summed over procedures, or per procedure when
// `used` is given: the procedures that received an online dossier, by month) and the petitions.
void read_flows(MonthMeasures& out, soci::session& s, const std::string& from, const std::string& to,
                std::map<std::string, std::set<std::int64_t>>* used, Sources sources = {}) {
  if (sources.dossiers && used) {
    for (const auto& r : dossiers::procedure_months(s, from, to)) {
      add_dossiers(out[r.month][r.agency_id], r);
      if (r.received_online > 0) (*used)[r.month].insert(r.procedure_id);
    }
  } else if (sources.dossiers) {
    for (const auto& r : dossiers::agency_months(s, from, to)) add_dossiers(out[r.month][r.agency_id], r);
  }
  if (!sources.petitions) return;
  const auto p = petitions::petition_figures(s, from, to);
  for (const auto& r : p.months) add_petitions(out[r.month][r.agency_id], r);
  for (const auto& h : p.hours)
    if (h.channel == "open311")
      out[h.month][h.agency_id][std::string(kHours) + std::to_string(h.hours)] += static_cast<double>(h.settled);
}

// The tasks' stocks as of each month's last day; a month after today holds today's (a span ending
// in it is "as of today").
void read_stocks(MonthMeasures& out, const app::Context& ctx, soci::session& s, const std::string& from,
                 const std::string& to) {
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  std::map<calendar::Date, std::vector<std::string>> months_of_day;
  const std::vector<std::string> months = months_of(from, to);
  for (std::size_t i = 0; i < months.size(); ++i) {
    const std::string& m = months[i];
    // Beyond three years before `to`, only the years' ends: no period shown reaches further
    // back at a finer grain (twelve months, twelve quarters).
    if (i + 36 < months.size() && m.substr(5) != "12") continue;
    const auto first = calendar::parse_date(m + "-01");
    if (!first) continue;
    const calendar::Date last =
        calendar::Date(std::chrono::sys_days(std::chrono::year_month_day(*first) + std::chrono::months(1)) -
                       std::chrono::days(1));
    months_of_day[std::min(last, today)].push_back(m);
  }
  if (months_of_day.empty()) return;
  std::vector<calendar::Date> days;
  for (const auto& [day, ms] : months_of_day) days.push_back(day);
  const auto counts = tasks::lead_counts(s, tasks::settings(ctx).on_time, days);
  if (!counts.has_value()) return;  // the board is not built: no task figures rather than wrong ones
  for (const auto& c : *counts)
    for (const std::string& month : months_of_day[c.day]) {
      Measures& m = out[month][c.lead];
      double all = 0;
      for (std::size_t i = 0; i < c.counts.size(); ++i) {
        m[kTaskBuckets[i]] += static_cast<double>(c.counts[i]);
        all += static_cast<double>(c.counts[i]);
      }
      m["tasks.done"] += static_cast<double>(c.counts[0] + c.counts[1]);
      m["tasks.not_done"] += static_cast<double>(c.counts[2] + c.counts[3]);
      m["tasks.counted"] += all;
    }
}

bool covers(const std::vector<std::int64_t>& agencies, std::int64_t a) {
  return agencies.empty() || std::find(agencies.begin(), agencies.end(), a) != agencies.end();
}

Measures& agency(MeasureTable& t, std::int64_t id) {
  auto [it, fresh] = t.agencies.try_emplace(id);
  if (fresh)
    for (const auto& n : counted_measures()) it->second[n] = 0;
  return it->second;
}

// The catalogue's counts (as it is now) and the procedures open online that received an online
// dossier in the span (`used`), then the province's sums and every derived measure.
void finish(MeasureTable& t, const std::vector<procedures::CatalogueFlags>& flags, const std::set<std::int64_t>& used) {
  for (const auto& p : flags) {
    Measures& m = agency(t, p.agency_id);
    m["procedures.total"] += 1;
    if (p.online_submission) m["procedures.online"] += 1;
    if (p.fully_online) m["procedures.fully_online"] += 1;
    if (p.complete) m["procedures.complete"] += 1;
    if (p.online_submission && used.count(p.id)) m["procedures.online_used"] += 1;
  }
  for (const auto& n : counted_measures()) t.province[n] = 0;
  for (const auto& [id, m] : t.agencies)
    for (const auto& [name, v] : m) t.province[name] += v;
  for (auto& [id, m] : t.agencies) derive(m);
  derive(t.province);
}

MeasureTable table_of(const MonthMeasures& months, const std::string& from, const std::string& to) {
  MeasureTable t;
  std::set<std::int64_t> ids;
  for (auto it = months.lower_bound(from); it != months.end() && it->first <= to; ++it)
    for (const auto& [a, ms] : it->second) ids.insert(a);
  for (std::int64_t a : ids) add_span(agency(t, a), months, from, to, {a});
  return t;
}

}  // namespace

const std::vector<std::string>& counted_measures() {
  static const std::vector<std::string> names(std::begin(kCounted), std::end(kCounted));
  return names;
}

bool is_stock(std::string_view measure) { return measure.starts_with("tasks."); }

void derive(Measures& m) {
  m.erase("open311.median_hours");
  if (const auto median = histogram_median(m, kHours); median.has_value()) m["open311.median_hours"] = *median;
}

Sources sources_of(const std::vector<std::string>& expressions) {
  Sources out = kNoSources;
  for (const std::string& text : expressions) {
    const auto e = parse_expression(text);
    if (!e.has_value()) continue;
    for (const auto& [sign, name] : e->terms) {
      const std::string_view n = name;
      out.dossiers = out.dossiers || n.starts_with("dossiers.");
      out.petitions = out.petitions || n.starts_with("petitions.") || n.starts_with("open311.");
      out.tasks = out.tasks || n.starts_with("tasks.");
      out.procedures = out.procedures || n.starts_with("procedures.");
    }
  }
  return out;
}

MonthMeasures read_month_measures(const app::Context& ctx, soci::session& s, const std::string& from,
                                  const std::string& to, Sources sources) {
  MonthMeasures out;
  read_flows(out, s, from, to, nullptr, sources);
  if (sources.tasks) read_stocks(out, ctx, s, from, to);
  return out;
}

void add_span(Measures& sum, const MonthMeasures& months, const std::string& from, const std::string& to,
              const std::vector<std::int64_t>& agencies) {
  for (auto it = months.lower_bound(from); it != months.end() && it->first <= to; ++it) {
    for (const auto& [agency, ms] : it->second)
      if (covers(agencies, agency))
        for (const auto& [name, v] : ms)
          if (!is_stock(name) || it->first == to) sum[name] += v;
  }
}

MeasureTable load_measures(soci::session& s, const std::string& from, const std::string& to) {
  MonthMeasures months;
  std::map<std::string, std::set<std::int64_t>> used_by_month;
  read_flows(months, s, from, to, &used_by_month, kScorecardSources);
  MeasureTable t = table_of(months, from, to);
  std::set<std::int64_t> used;
  for (const auto& [m, ids] : used_by_month) used.insert(ids.begin(), ids.end());
  finish(t, procedures::catalogue_flags(s), used);
  return t;
}

std::map<std::string, MeasureTable> load_monthly_measures(soci::session& s,
                                                          const std::string& from, const std::string& to) {
  MonthMeasures months;
  std::map<std::string, std::set<std::int64_t>> used;
  read_flows(months, s, from, to, &used, kScorecardSources);
  std::map<std::string, MeasureTable> out;
  const auto flags = procedures::catalogue_flags(s);
  for (const std::string& m : months_of(from, to)) {
    MeasureTable t = table_of(months, m, m);
    finish(t, flags, used[m]);
    out[m] = std::move(t);
  }
  return out;
}

}  // namespace tinhso::indicators
