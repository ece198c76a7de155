#pragma once
// What the modules count, as named measures per agency and for the province over a span of months
// (issue 17 §4): read from the figures each module keeps incrementally — never from the raw
// records — through the modules' api.h. Names:
//   dossiers.received, .received_online, .returned, .on_time, .late (returned − on time),
//   .digitised (returned with an electronic result), .days_sum (days from receipt to return),
//   .rated, .rating_sum, .dissatisfied (ratings of 1–2)      — by the responsible agency
//     (dossiers/api.h ProcedureMonth, kept by triggers)
//   procedures.total, .online, .fully_online, .complete (active procedures of the handling
//     agency, as the catalogue is now), .online_used (open to online submission and received at
//     least one online dossier in the span)                 (procedures/api.h catalogue_flags)
//   petitions.received, .settled, .on_time, .late — every kind; .feedback_received,
//     .feedback_handled, .feedback_on_time — recommendations and feedback (city reports
//     included) received, settled (answered, refused, forwarded) and settled by their due day;
//     .feedback_satisfied — handled less those settled late (the platform records no
//     dissatisfaction with an answer yet)                  — by the agency handling them
//   open311.received, .closed, .closed_on_time, .hours.N (closed N whole hours after receipt) and
//     the derived .median_hours                            (petitions/api.h PetitionFigures)
//   tasks.done_on_time, .done_late, .in_progress, .overdue, .ongoing, .done (on time + late),
//     .not_done (in progress + overdue), .counted (all five) — stocks, not flows: as of the last
//     day of the span (or today, if earlier), by lead body  (tasks/api.h lead_counts)
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/indicators/rules.h"

namespace tinhso::indicators {

// Every measure a module counts, present (0) in a period with no activity, so that "no data"
// means a zero denominator or a measure nobody counts (the histogram's and derived ones aside).
const std::vector<std::string>& counted_measures();
// Stocks (tasks.*) are read as of a span's last day, never summed over its months.
bool is_stock(std::string_view measure);
// Sets the derived measures of a sum of measures: open311.median_hours from open311.hours.*
// (absent when nothing closed).
void derive(Measures& m);

// The modules' kept figures of months from..to ('YYYY-MM'), by month and agency: the flows of
// each month, the stocks as of its last day or today, whichever is earlier (for months more
// than three years before `to`, only Decembers' stocks). Three statements (dossiers, petitions, tasks), read as ctx's settings say (the tasks'
// on-time rule).
using MonthMeasures = std::map<std::string, std::map<std::int64_t, Measures>>;
// Which modules' figures to read: a page reads only those its indicators' expressions name.
struct Sources {
  bool dossiers = true, petitions = true, tasks = true, procedures = true;
  Sources operator|(const Sources& o) const {
    return {dossiers || o.dossiers, petitions || o.petitions, tasks || o.tasks, procedures || o.procedures};
  }
};
inline constexpr Sources kNoSources{false, false, false, false};
// The Decision 766 scorecard's inputs (scorecard-766.csv): dossiers, petitions, the catalogue.
inline constexpr Sources kScorecardSources{true, true, false, true};
// The modules the measures named in `expressions` come from (a name's prefix before the dot;
// open311.* is the petitions module's).
Sources sources_of(const std::vector<std::string>& expressions);
MonthMeasures read_month_measures(const app::Context& ctx, soci::session& s, const std::string& from,
                                  const std::string& to, Sources sources = {});
// Adds to `sum` the measures of months from..to of `months` for the agencies `agencies` (empty:
// all): flows summed over the months, stocks from the last month of the span.
void add_span(Measures& sum, const MonthMeasures& months, const std::string& from, const std::string& to,
              const std::vector<std::int64_t>& agencies);

struct MeasureTable {
  std::map<std::int64_t, Measures> agencies;  // every agency with a procedure or a figure
  Measures province;                          // the sums over them
};
// The Decision 766 scorecard's measures (kScorecardSources: no tasks) of months from..to together:
// three statements.
MeasureTable load_measures(soci::session& s, const std::string& from, const std::string& to);
// The same for each month from..to on its own, by month: three statements.
std::map<std::string, MeasureTable> load_monthly_measures(soci::session& s,
                                                          const std::string& from, const std::string& to);

}  // namespace tinhso::indicators
