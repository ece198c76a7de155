#include "modules/indicators/measures.h"

#include <cstdio>
#include <set>

#include "modules/dossiers/api.h"
#include "modules/procedures/api.h"

namespace tinhso::indicators {

namespace {

constexpr const char* kDossierMeasures[] = {"dossiers.received", "dossiers.received_online", "dossiers.returned",
                                            "dossiers.on_time",  "dossiers.late",            "dossiers.digitised",
                                            "dossiers.days_sum", "dossiers.rated",           "dossiers.rating_sum",
                                            "dossiers.dissatisfied"};
constexpr const char* kProcedureMeasures[] = {"procedures.total", "procedures.online", "procedures.fully_online",
                                              "procedures.complete", "procedures.online_used"};

Measures& agency(MeasureTable& t, std::int64_t id) {
  auto [it, fresh] = t.agencies.try_emplace(id);
  if (fresh) {
    for (const char* n : kDossierMeasures) it->second[n] = 0;
    for (const char* n : kProcedureMeasures) it->second[n] = 0;
  }
  return it->second;
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

// The catalogue's counts (as it is now) and the procedures open online that received an online
// dossier in the span (`used`), then the province's sums.
void finish(MeasureTable& t, const std::vector<procedures::CatalogueFlags>& flags, const std::set<std::int64_t>& used) {
  for (const auto& p : flags) {
    Measures& m = agency(t, p.agency_id);
    m["procedures.total"] += 1;
    if (p.online_submission) m["procedures.online"] += 1;
    if (p.fully_online) m["procedures.fully_online"] += 1;
    if (p.complete) m["procedures.complete"] += 1;
    if (p.online_submission && used.count(p.id)) m["procedures.online_used"] += 1;
  }
  for (const char* n : kDossierMeasures) t.province[n] = 0;
  for (const char* n : kProcedureMeasures) t.province[n] = 0;
  for (const auto& [id, m] : t.agencies)
    for (const auto& [name, v] : m) t.province[name] += v;
}

std::string next_month(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2)) + 1;
  if (mo > 12) mo = 1, ++y;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  return buf;
}

}  // namespace

MeasureTable load_measures(soci::session& s, const std::string& from, const std::string& to) {
  MeasureTable t;
  for (const auto& r : dossiers::agency_months(s, from, to)) add_dossiers(agency(t, r.agency_id), r);
  std::set<std::int64_t> used;
  for (const auto& r : dossiers::procedure_totals(s, 0, from, to))
    if (r.received_online > 0) used.insert(r.procedure_id);
  finish(t, procedures::catalogue_flags(s), used);
  return t;
}

std::map<std::string, MeasureTable> load_monthly_measures(soci::session& s, const std::string& from,
                                                          const std::string& to) {
  std::map<std::string, MeasureTable> out;
  std::map<std::string, std::set<std::int64_t>> used;
  for (const auto& r : dossiers::procedure_months(s, from, to)) {
    add_dossiers(agency(out[r.month], r.agency_id), r);
    if (r.received_online > 0) used[r.month].insert(r.procedure_id);
  }
  const auto flags = procedures::catalogue_flags(s);
  for (std::string m = from; m <= to && m.size() == 7; m = next_month(m)) finish(out[m], flags, used[m]);
  return out;
}

}  // namespace tinhso::indicators
