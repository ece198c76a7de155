// dossiers::lateness_by_agency (api.h): the leaders' overview of lateness, one grouped statement.
#include "modules/dossiers/api.h"

namespace tinhso::dossiers {

std::vector<AgencyLateness> lateness_by_agency(soci::session& s, const std::vector<std::int64_t>& agencies,
                                               const std::string& today, const std::string& soon) {
  std::string sql =
      "SELECT agency_id, COUNT(*),"
      " SUM(CASE WHEN due_date IS NOT NULL AND due_date < :today THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN due_date IS NOT NULL AND due_date >= :today2 AND due_date <= :soon THEN 1 ELSE 0 END)"
      " FROM dossiers WHERE received_at IS NOT NULL"
      " AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')";
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

}  // namespace tinhso::dossiers
