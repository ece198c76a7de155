#pragma once
// Who may do what in the calendar module. Deny by default: every admin handler calls this before
// it reads or changes anything. The public month view, the deadline calculator and the
// /api/v1/calendar/* answers are open to everyone: they show only the law and the official
// schedules, which are public.
#include "core/auth/principal.h"
#include "core/http/request.h"

namespace tinhso::calendar {

// Official schedules are managed by administrators only, after their second factor. Throws
// Error(unauthenticated) for anonymous requests and Error(forbidden) for everyone else.
const auth::Principal& require_manage_calendar(const http::Request& req);
// The same question without throwing: whether to show links to the schedule pages.
bool may_manage_calendar(const http::Request& req);

}  // namespace tinhso::calendar
