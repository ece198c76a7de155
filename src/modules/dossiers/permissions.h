#pragma once
// Who may do what with dossiers. Deny by default: every handler calls one of these before it
// reads or changes a dossier. Object checks answer "not found" to those who may not see the
// dossier at all (its code reveals nothing), and "forbidden" to those who lack the role.
#include "core/auth/principal.h"
#include "core/http/request.h"
#include "modules/dossiers/dossier.h"

namespace tinhso::dossiers {

// A signed-in citizen (submission, drafts, "My dossiers", supplements, ratings). Throws
// Error(unauthenticated) for anonymous requests and Error(forbidden) for everyone else.
const auth::Principal& require_citizen(const http::Request& req);
// A one-stop officer (desk inbox, counter entry) past the second factor; their agency scope is
// checked per dossier with is_desk_officer_of.
const auth::Principal& require_desk_officer(const http::Request& req);

// The applicant who owns `d` through their account.
bool is_applicant(const auth::Principal& p, const Dossier& d);
// A one-stop officer of the desk agency that receives `d` (or an agency above it).
bool is_desk_officer_of(const auth::Principal& p, const Dossier& d);
// Staff of the agency handling `d` now who may read it: its agency leaders and one-stop officers,
// and the specialist it is assigned to. Least privilege (OWASP ASVS 5.0 V8.2.2): a specialist
// reads only the dossiers assigned to them, never the rest of the agency's applicants' data.
bool is_handling_staff(const auth::Principal& p, const Dossier& d);
// Who may see a dossier, its history and download its files: the applicant, desk officers of
// its desk agency, the handling staff above. Drafts only by the applicant.
bool may_view_dossier(const auth::Principal& p, const Dossier& d);
// Of a dossier `p` may view: whether a file of `file_role` is shown to them. Result documents
// reach the applicant only once the result is returned (Decree 61/2018/NĐ-CP Art. 20); the
// desk and the handling agency see them while the dossier is processed.
bool may_see_file(const auth::Principal& p, const Dossier& d, std::string_view file_role);

// ---- processing (processing.cpp) ----
// Staff who work on dossiers after receipt: a specialist, an agency leader or a one-stop officer
// (the desk returns results), past the second factor. Throws otherwise.
const auth::Principal& require_processing_staff(const http::Request& req);
// A leader of the agency handling `d`: assigns, approves, sends back, transfers, apologises.
bool is_leader_of(const auth::Principal& p, const Dossier& d);
// The specialist `d` is assigned to, still of its handling agency: proposes the result.
bool is_assignee_of(const auth::Principal& p, const Dossier& d);
// Who sees a dossier's processing page: its leaders, its assignee, the desk officers of its desk
// agency. Specialists see only what is assigned to them (a leader distributes the work).
bool may_view_work(const auth::Principal& p, const Dossier& d);

}  // namespace tinhso::dossiers
