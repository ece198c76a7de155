#include "modules/open311/store_hand_over.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tinhso::open311 {

int hand_over_agency(soci::session& s, const app::HandOver& h) {
  long long from = h.from_agency, to = h.to_agency, id = 0;
  std::string code;
  std::vector<std::pair<long long, std::string>> rows;
  soci::statement st = (s.prepare << "SELECT id, code FROM open311_services WHERE agency_id = :agency ORDER BY id",
                        soci::use(from, "agency"), soci::into(id), soci::into(code));
  st.execute();
  while (st.fetch()) rows.emplace_back(id, code);
  for (const auto& [row, row_code] : rows) {
    long long key = row;
    s << "UPDATE open311_services SET agency_id = :agency WHERE id = :id", soci::use(to, "agency"), soci::use(key, "id");
    h.audit(s, "open311_service", std::to_string(row), nlohmann::json{{"code", row_code}, {"agency_id", from}}.dump(),
            nlohmann::json{{"code", row_code}, {"agency_id", to}}.dump());
  }
  return 0;
}

}  // namespace tinhso::open311
