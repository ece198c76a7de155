#pragma once
// The demo province's dossiers (demo.cpp).
#include "core/app/module.h"

namespace tinhso::dossiers {

void load_demo(app::Context& ctx);

}  // namespace tinhso::dossiers
