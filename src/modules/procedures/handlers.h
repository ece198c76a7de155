#pragma once
// HTTP glue of the procedures module.
//   handlers.cpp: the public list and detail pages, and /api/v1/procedures;
//   admin.cpp:    the administrators' pages under /admin/procedures.
#include "core/app/module.h"

namespace tinhso::procedures {

void add_public_routes(http::Router& router, app::Context& ctx);
void add_admin_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::procedures
