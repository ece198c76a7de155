#pragma once
// Who may see what of a petition (deny by default). Staff see the petitions of the agencies in
// their scope; inspectors and the province leader every agency's. A denouncer's identity and a
// denunciation's files are for the inspector assigned to the case only (Law on Denunciations
// 2018 Art. 8(3), 9(1)(b), 47(2), 56).
#include "core/auth/principal.h"
#include "modules/petitions/attachments.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

bool sees_all(const auth::Principal& p);
bool is_desk_staff(const auth::Principal& p);
bool in_scope(const auth::Principal& p, std::int64_t agency_id);
inline bool in_scope(const auth::Principal& p, const Petition& x) { return in_scope(p, x.agency_id); }
// Whether `p`, acting in `role`, may take an action on `x` as far as the assignment goes (the
// transition table decides the rest): once a petition is assigned, only its assignee works it —
// a specialist or an inspector acts only on the cases assigned to them; a leader (re)assigns and
// decides, and the one-stop desk sends the result. Before assignment the table alone decides.
bool works_case(const auth::Principal& p, auth::Role role, const Petition& x);
// The denouncer's identity of `x`: only the inspector assigned to it.
bool identity_visible(const auth::Principal& p, const Petition& x);
// An attachment of `x`, from the desk: desk staff in scope; a denunciation's, or any sealed file
// (`sealed`: of a petition that was a denunciation), only the inspector assigned to it (the same
// person who may see the identity).
bool desk_may_open_file(const auth::Principal& p, const Petition& x, bool sealed = false);
// An attachment of `x` in `role`, on the filer's own page: their evidence, and the decision or
// answer once the petition is decided. Never an internal working document.
bool filer_may_open_file(const Petition& x, FileRole role);
// Whether `x` is decided: the decision or answer is shown to the filer (decided, notified, closed).
bool is_decided(const Petition& x);

}  // namespace tinhso::petitions
