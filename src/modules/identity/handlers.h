#pragma once
// HTTP glue of the identity module: parse → check permission → use case → render.
#include "core/app/module.h"

namespace tinhso::identity {

void add_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::identity
