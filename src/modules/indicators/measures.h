#pragma once
// What the modules count, as named measures per agency and for the province over a span of months
// (issue 17 §4): read from the figures each module keeps incrementally — the dossiers' per
// procedure and month (dossiers/api.h ProcedureMonth, kept by triggers) and the procedures
// catalogue (procedures/api.h catalogue_flags) — never from the raw records. Names:
//   dossiers.received, .received_online, .returned, .on_time, .late (returned − on time),
//   .digitised (returned with an electronic result), .days_sum (days from receipt to return),
//   .rated, .rating_sum, .dissatisfied (ratings of 1–2)      — by the responsible agency
//   procedures.total, .online, .fully_online, .complete (active procedures of the handling
//   agency, as the catalogue is now), .online_used (open to online submission and received at
//   least one online dossier in the span)
#include <cstdint>
#include <map>
#include <string>

#include <soci/soci.h>

#include "modules/indicators/rules.h"

namespace tinhso::indicators {

struct MeasureTable {
  std::map<std::int64_t, Measures> agencies;  // every agency with a procedure or a figure
  Measures province;                          // the sums over them
};
// Months from..to ('YYYY-MM') together, three statements.
MeasureTable load_measures(soci::session& s, const std::string& from, const std::string& to);
// Each month from..to on its own, by month, two statements.
std::map<std::string, MeasureTable> load_monthly_measures(soci::session& s, const std::string& from,
                                                          const std::string& to);

}  // namespace tinhso::indicators
