#include "modules/dossiers/store_stats.h"

namespace tinhso::dossiers {

std::vector<StatsRow> load_stats(soci::session& s, const std::string& from, const std::string& to,
                                 std::int64_t agency) {
  long long a = agency, id = 0;
  StatsRow r;
  soci::statement st =
      (s.prepare << "SELECT s.agency_id, a.code, a.name, s.month, s.received, s.received_online, s.open_count,"
                    " s.on_time, s.late FROM dossier_stats s JOIN agencies a ON a.id = s.agency_id"
                    " WHERE s.month >= :from AND s.month <= :to AND (CAST(:a AS BIGINT) = 0 OR s.agency_id = :a2)"
                    " ORDER BY a.name, a.id, s.month",
       soci::use(from, "from"), soci::use(to, "to"), soci::use(a, "a"), soci::use(a, "a2"), soci::into(id),
       soci::into(r.agency_code), soci::into(r.agency_name), soci::into(r.month), soci::into(r.received),
       soci::into(r.received_online), soci::into(r.open_count), soci::into(r.on_time), soci::into(r.late));
  st.execute();
  std::vector<StatsRow> out;
  while (st.fetch()) {
    r.agency_id = id;
    out.push_back(r);
  }
  return out;
}

std::vector<AgencyName> stats_agencies(soci::session& s) {
  long long id = 0;
  AgencyName a;
  soci::statement st = (s.prepare << "SELECT a.id, a.code, a.name FROM agencies a WHERE EXISTS"
                                     " (SELECT 1 FROM dossier_stats s WHERE s.agency_id = a.id) ORDER BY a.name, a.id",
                        soci::into(id), soci::into(a.code), soci::into(a.name));
  st.execute();
  std::vector<AgencyName> out;
  while (st.fetch()) {
    a.id = id;
    out.push_back(a);
  }
  return out;
}

}  // namespace tinhso::dossiers
