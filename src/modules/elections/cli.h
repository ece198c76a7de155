#pragma once
// `tinhso election tally FILE` (cli.cpp).
#include "core/app/module.h"

namespace tinhso::elections {

void add_commands(app::Commands& commands, app::Settings& settings);

}  // namespace tinhso::elections
