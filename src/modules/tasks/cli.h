#pragma once
// `tinhso tasks …` (issue 16 §9): the figures the leaders' office schedules.
#include "core/app/module.h"

namespace tinhso::tasks {

// Adds --tasks-on-time to `cmd`, writing into the tasks Settings of `settings`.
void add_on_time_option(CLI::App& cmd, app::Settings& settings);
void add_commands(app::Commands& commands, app::Settings& settings);

}  // namespace tinhso::tasks
