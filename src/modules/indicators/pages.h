#pragma once
// The indicators module's routes, one adder per page family.
#include "core/app/module.h"

namespace tinhso::indicators {

void add_scorecard_routes(http::Router& router, app::Context& ctx);  // pages_scorecard.cpp
void add_catalogue_routes(http::Router& router, app::Context& ctx);  // pages_catalogue.cpp
void add_dashboard_routes(http::Router& router, app::Context& ctx);  // pages_dashboard.cpp
void add_admin_routes(http::Router& router, app::Context& ctx);      // pages_admin.cpp
void add_pack_routes(http::Router& router, app::Context& ctx);       // pages_pack.cpp
void add_open_data_routes(http::Router& router, app::Context& ctx);  // pages_open_data.cpp

}  // namespace tinhso::indicators
