#pragma once
// The indicators module's routes, one adder per page family.
#include "core/app/module.h"

namespace tinhso::indicators {

void add_scorecard_routes(http::Router& router, app::Context& ctx);  // pages_scorecard.cpp
void add_catalogue_routes(http::Router& router, app::Context& ctx);  // pages_catalogue.cpp
void add_dashboard_routes(http::Router& router, app::Context& ctx);  // pages_dashboard.cpp
void add_admin_routes(http::Router& router, app::Context& ctx);      // pages_admin.cpp

}  // namespace tinhso::indicators
