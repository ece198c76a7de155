#pragma once
// HTTP glue of the directory module: the administrators' pages over admin units and agencies.
#include "core/app/module.h"

namespace tinhso::directory {

void add_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::directory
