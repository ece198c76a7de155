#pragma once
// `tinhso calendar lunar|solar|due|holidays` (cli.cpp).
#include "core/app/module.h"

namespace tinhso::calendar {

void add_commands(app::Commands& commands, app::Settings& settings);

}  // namespace tinhso::calendar
