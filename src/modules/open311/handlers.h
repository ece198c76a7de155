#pragma once
// The open311 module's HTTP routes: the GeoReport v2 API (api_routes.cpp), the administrators'
// keys page (admin.cpp) and the public city-reports page (public.cpp).
#include "core/app/module.h"

namespace tinhso::open311 {

void add_api_routes(http::Router& router, app::Context& ctx);
void add_admin_routes(http::Router& router, app::Context& ctx);
void add_public_routes(http::Router& router, app::Context& ctx);
// The "Gửi phản ánh" form (form.cpp) and the pages of one report (report_page.cpp).
void add_form_routes(http::Router& router, app::Context& ctx);
void add_report_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::open311
