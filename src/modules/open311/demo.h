#pragma once
#include "core/app/module.h"

namespace tinhso::open311 {

// The demo province's city-report services (roads, lighting, waste, drainage, flooding, trees,
// telecom cables, sidewalks) with their questions, and a few reports from a demo client, each
// already a petition. Idempotent.
void load_demo(app::Context& ctx);

}  // namespace tinhso::open311
