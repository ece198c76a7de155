#pragma once
// Who may do what in the procedures module. Deny by default: every admin handler calls
// require_manage_procedures before it reads or changes anything. The public list, detail pages
// and /api/v1/procedures answers are open to everyone: a published procedure is public
// (Decree 63/2010/NĐ-CP Art. 8).
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::procedures {

// The catalogue is managed by administrators only, after their second factor. Throws
// Error(unauthenticated) for anonymous requests and Error(forbidden) for everyone else.
const auth::Principal& require_manage_procedures(const http::Request& req);
// The same question without throwing: whether to show links to the administrators' pages.
bool may_manage_procedures(const http::Request& req);

}  // namespace tinhso::procedures
