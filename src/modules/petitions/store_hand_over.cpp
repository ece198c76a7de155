#include "modules/petitions/store_hand_over.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tinhso::petitions {

int hand_over_agency(soci::session& s, const app::HandOver& h) {
  long long from = h.from_agency, to = h.to_agency, id = 0;
  std::string code;
  std::vector<std::pair<long long, std::string>> rows;
  soci::statement st = (s.prepare << "SELECT id, code FROM petitions WHERE agency_id = :agency"
                                     " AND state NOT IN ('closed', 'refused', 'forwarded', 'guided') ORDER BY id",
                        soci::use(from, "agency"), soci::into(id), soci::into(code));
  st.execute();
  while (st.fetch()) rows.emplace_back(id, code);
  for (const auto& [row, row_code] : rows) {
    long long key = row;
    s << "UPDATE petitions SET agency_id = :agency WHERE id = :id", soci::use(to, "agency"), soci::use(key, "id");
    h.audit(s, "petition", std::to_string(row), nlohmann::json{{"code", row_code}, {"agency_id", from}}.dump(),
            nlohmann::json{{"code", row_code}, {"agency_id", to}}.dump());
  }
  return static_cast<int>(rows.size());
}

}  // namespace tinhso::petitions
