// The procedure list other modules offer to choose from (api.h active_procedure_choices).
#include <string>
#include <vector>

#include "modules/procedures/api.h"

namespace tinhso::procedures {

std::vector<ProcedureChoice> active_procedure_choices(soci::session& s) {
  ProcedureChoice r;
  long long desk = 0;
  std::vector<ProcedureChoice> out;
  soci::statement st = (s.prepare << "SELECT code, name, name_en, field, desk_agency_id FROM procedures"
                                     " WHERE active ORDER BY field, name_sort, code",
                        soci::into(r.code), soci::into(r.name), soci::into(r.name_en), soci::into(r.field),
                        soci::into(desk));
  st.execute();
  while (st.fetch()) {
    r.desk_agency_id = desk;
    out.push_back(r);
  }
  return out;
}

}  // namespace tinhso::procedures
