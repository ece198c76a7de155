#pragma once
#include "core/app/module.h"

namespace tinhso::petitions {

// The demo province's petitions (idempotent).
void load_demo(app::Context& ctx);

}  // namespace tinhso::petitions
