#pragma once
// The demo province's indicators (issue 17 §9): the catalogue, targets and values of
// data/indicators/, labelled as demo figures where they are not official, and twelve months of the
// monthly entered indicator ending two months before today (so that last month is left to enter).
#include "core/app/module.h"

namespace tinhso::indicators {

void load_demo(app::Context& ctx);

}  // namespace tinhso::indicators
