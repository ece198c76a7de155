#pragma once
// The petitions module's flags: the identity key ring (every command that writes records), the
// online form's limits and the rules LAW.md grades L (serve, demo).
#include "core/app/module.h"

namespace tinhso::petitions {

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& settings);

}  // namespace tinhso::petitions
