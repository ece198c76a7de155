#pragma once
// HTTP glue of the calendar module.
//   handlers.cpp: the public month view and deadline calculator, and /api/v1/calendar/*;
//   admin.cpp:    the administrators' schedule pages under /admin/calendar.
#include "core/app/module.h"

namespace tinhso::calendar {

void add_public_routes(http::Router& router, app::Context& ctx);
void add_admin_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::calendar
