#pragma once
// Who on the staff sees which petition (handlers.cpp and the desk's files share these, so the
// scope rule is written once). Staff see the petitions of the agencies in their scope; inspectors
// and the province leader every agency's.
#include "core/auth/principal.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

bool sees_all(const auth::Principal& p);
bool is_desk_staff(const auth::Principal& p);
bool in_scope(const auth::Principal& p, std::int64_t agency_id);
inline bool in_scope(const auth::Principal& p, const Petition& x) { return in_scope(p, x.agency_id); }
// Law on Denunciations 2018 Art. 8(3), 47(2): a denouncer's identity only for the inspector
// handling the case.
bool identity_visible(const auth::Principal& p, const Petition& x);

}  // namespace tinhso::petitions
