#include "modules/procedures/store_hand_over.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tinhso::procedures {

namespace {

struct Row {
  long long id = 0, first = 0, second = 0;
  std::string code;
};

}  // namespace

int hand_over_agency(soci::session& s, const app::HandOver& h) {
  long long from = h.from_agency, to = h.to_agency;
  Row r;
  std::vector<Row> rows;
  soci::statement st = (s.prepare << "SELECT id, code, agency_id, desk_agency_id FROM procedures"
                                     " WHERE (agency_id = :first OR desk_agency_id = :second) ORDER BY id",
                        soci::use(from, "first"), soci::use(from, "second"), soci::into(r.id), soci::into(r.code),
                        soci::into(r.first), soci::into(r.second));
  st.execute();
  while (st.fetch()) rows.push_back(r);
  for (const Row& row : rows) {
    long long first = row.first == from ? to : row.first, second = row.second == from ? to : row.second, id = row.id;
    s << "UPDATE procedures SET agency_id = :first, desk_agency_id = :second WHERE id = :id", soci::use(first, "first"),
        soci::use(second, "second"), soci::use(id, "id");
    h.audit(s, "procedure", std::to_string(row.id),
            nlohmann::json{{"code", row.code}, {"agency_id", row.first}, {"desk_agency_id", row.second}}.dump(),
            nlohmann::json{{"code", row.code}, {"agency_id", first}, {"desk_agency_id", second}}.dump());
  }
  return 0;
}

}  // namespace tinhso::procedures
