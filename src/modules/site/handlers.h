#pragma once
// HTTP glue of the site module.
#include "core/app/module.h"

namespace tinhso::site {

void add_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::site
