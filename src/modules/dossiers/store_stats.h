#pragma once
// SQL of the public statistics (issue 5 §8): the monthly figures kept in dossier_stats by every
// transition (transition.cpp), read with the agencies' names; and the same figures counted
// directly over dossiers, for the tests and for checking the maintained table.
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace tinhso::dossiers {

struct StatsRow {
  std::int64_t agency_id = 0;
  std::string agency_code, agency_name, month;  // month 'YYYY-MM'
  long long received = 0, received_online = 0, open_count = 0, on_time = 0, late = 0;
};

// Rows of months `from`..`to` ('YYYY-MM'), for one agency or all (agency 0), by agency name and
// month. One statement.
std::vector<StatsRow> load_stats(soci::session& s, const std::string& from, const std::string& to,
                                 std::int64_t agency);

struct AgencyName {
  std::int64_t id = 0;
  std::string code, name;
};
// The agencies that have figures, by name (the filter's choices).
std::vector<AgencyName> stats_agencies(soci::session& s);

}  // namespace tinhso::dossiers
