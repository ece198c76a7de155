#pragma once
// The figures of indicators over periods (issue 17 §6): a computed indicator's value is
// numerator ÷ denominator × scale over the measures of the period's months summed over the
// agencies in view (rules.h ratio; nullopt: no data); a manual one's is the approved value in force
// for the province (unit 0) or, without one, the values of the agencies in view combined by its
// aggregation (sum; mean for mean, last and ratio).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <soci/soci.h>

#include "modules/indicators/indicator.h"
#include "modules/indicators/measures.h"

namespace tinhso::indicators {

struct Figure {
  std::optional<double> value;
  std::optional<double> numerator, denominator;  // computed only
};

// The modules the computed indicators of `list` read from.
Sources sources_for(const std::vector<Indicator>& list);

class Figures {
 public:
  // Reads the modules' kept figures `sources` names for months from..to (measures.h
  // read_month_measures, a statement each) and, with sources.procedures, the catalogue's counts
  // (one more); `approved` are the approved values in force (store.h Catalogue::approved).
  Figures(const app::Context& ctx, soci::session& s, const std::string& from_month, const std::string& to_month,
          const std::vector<Value>& approved, Sources sources = {});
  Figures() = default;  // none read: every figure is no data
  // `agencies` empty: the whole province.
  Figure of(const Indicator& i, const Period& p, const std::vector<std::int64_t>& agencies) const;
  // The approved value of one unit (0: the province) for a manual indicator.
  std::optional<double> entered(const Indicator& i, std::int64_t agency, const std::string& period) const;
  // The units with an approved value of manual indicator `i` for `period`, by unit.
  std::map<std::int64_t, double> entered_by_unit(const Indicator& i, const std::string& period) const;
  // The agencies with computed measures in the months read.
  std::vector<std::int64_t> measured_agencies() const;
  // The measures of months from..to (within those read) per agency and for the province, as
  // measures.h load_measures gives them; procedures.online_used counts the procedures in `used`
  // (those that received an online dossier in the span).
  MeasureTable measures(const std::string& from, const std::string& to, const std::set<std::int64_t>& used) const;

 private:
  Figure computed(const Indicator& i, const Period& p, const std::vector<std::int64_t>& agencies) const;
  MonthMeasures months_;                                             // month → agency → measures
  std::map<std::int64_t, Measures> catalogue_;                      // agency → procedures.*
  std::map<std::int64_t, std::vector<std::int64_t>> online_procedures_;  // agency → open online
  std::map<std::tuple<std::int64_t, std::int64_t, std::string>, double> values_;  // indicator, unit, period
};

}  // namespace tinhso::indicators
