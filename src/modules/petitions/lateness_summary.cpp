// petitions::lateness_by_agency (api.h): the leaders' overview of lateness, one grouped statement.
#include "modules/petitions/api.h"

namespace tinhso::petitions {

std::vector<AgencyLateness> lateness_by_agency(soci::session& s, const std::vector<std::int64_t>& agencies,
                                               const std::string& today, const std::string& soon) {
  std::string sql =
      "SELECT agency_id, COUNT(*),"
      " SUM(CASE WHEN pending_due IS NOT NULL AND pending_due < :today THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN pending_due IS NOT NULL AND pending_due >= :today2 AND pending_due <= :soon THEN 1 ELSE 0 END)"
      " FROM petitions WHERE state NOT IN ('closed', 'refused', 'forwarded', 'guided')";
  std::vector<long long> ids(agencies.begin(), agencies.end());
  if (!ids.empty()) {
    sql += " AND agency_id IN (";
    for (std::size_t i = 0; i < ids.size(); ++i) sql += (i ? ", :a" : ":a") + std::to_string(i);
    sql += ")";
  }
  sql += " GROUP BY agency_id ORDER BY agency_id";
  std::string t1 = today, t2 = today, until = soon;
  long long agency = 0, open = 0, overdue = 0, due_soon = 0;
  auto p = (s.prepare << sql, soci::use(t1, "today"), soci::use(t2, "today2"), soci::use(until, "soon"),
            soci::into(agency), soci::into(open), soci::into(overdue), soci::into(due_soon));
  for (std::size_t i = 0; i < ids.size(); ++i) p, soci::use(ids[i], "a" + std::to_string(i));
  soci::statement st = p;
  st.execute();
  std::vector<AgencyLateness> out;
  while (st.fetch()) out.push_back({agency, open, overdue, due_soon});
  return out;
}

}  // namespace tinhso::petitions
