#pragma once
// `tinhso calendar …`: the lunar calendar and the deadline engine on the command line (issue 4).
//   tinhso calendar lunar YYYY-MM-DD             → L YYYY-MM-DD[ leap]
//   tinhso calendar solar YYYY-MM-DD [--leap]    → YYYY-MM-DD
//   tinhso calendar due --from YYYY-MM-DD[THH:MM] (--working-days N | --days N) → YYYY-MM-DD
//   tinhso calendar holidays YYYY                → YYYY-MM-DD off|work <reason>, one per line
// Bad input exits 2 with a message on stderr. The official schedules come from --db when given,
// else from the calendar module's own migrations applied to a private in-memory database (the one
// copy of the shipped schedules). Needs no server and writes no file.
#include <string>

#include <CLI/CLI.hpp>

#include "core/app/module.h"

namespace tinhso::app {

struct CalendarCommand {
  CLI::App* root = nullptr;  // `calendar`
  CLI::App* lunar = nullptr;
  CLI::App* solar = nullptr;
  CLI::App* due = nullptr;
  CLI::App* holidays = nullptr;
  std::string date;  // lunar, solar: the date argument; holidays: the year
  bool leap = false;
  std::string from, working_days, days;
  std::string db_url;  // "" = the shipped schedules
};

// Adds `calendar` and its subcommands to `cli`; `settings` receives the calendar settings flags.
void add_calendar_command(CLI::App& cli, CalendarCommand& cmd, Settings& settings);
// Runs the parsed subcommand; returns the exit code (0, 1 on a database failure, 2 on bad input).
int run_calendar(const CalendarCommand& cmd, const Settings& settings);

}  // namespace tinhso::app
