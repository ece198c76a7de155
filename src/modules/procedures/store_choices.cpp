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


std::vector<CatalogueFlags> catalogue_flags(soci::session& s) {
  CatalogueFlags f;
  long long id = 0, agency = 0;
  int online = 0, fully = 0, complete = 0;
  soci::statement st =
      (s.prepare << "SELECT p.id, p.agency_id, CASE WHEN p.online_submission OR p.fully_online THEN 1 ELSE 0 END,"
                    " CASE WHEN p.fully_online THEN 1 ELSE 0 END,"
                    " CASE WHEN p.legal_basis <> '' AND p.receipt_place <> '' AND p.office_hours <> ''"
                    " AND (p.fee_kind = 'fixed' OR p.fee_note <> '')"
                    " AND EXISTS (SELECT 1 FROM procedure_documents d WHERE d.procedure_id = p.id) THEN 1 ELSE 0 END"
                    " FROM procedures p WHERE p.active ORDER BY p.id",
       soci::into(id), soci::into(agency), soci::into(online), soci::into(fully), soci::into(complete));
  st.execute();
  std::vector<CatalogueFlags> out;
  while (st.fetch()) {
    f.id = id;
    f.agency_id = agency;
    f.online_submission = online != 0;
    f.fully_online = fully != 0;
    f.complete = complete != 0;
    out.push_back(f);
  }
  return out;
}

}  // namespace tinhso::procedures
