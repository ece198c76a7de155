#pragma once
// Flags of modules' settings (app::Module::add_options, add_commands). CLI11 reads an option's
// TINHSO_* variable for every sub-command that declares it, chosen or not; add_setting applies a
// value only for the chosen command, so a flag given on the command line beats the variable.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include "core/app/module.h"

namespace tinhso::app {

template <class T, class F>
CLI::Option* add_setting(CLI::App& cmd, std::string name, F set, std::string help) {
  return cmd.add_option_function<T>(
      std::move(name), [&cmd, set = std::move(set)](const T& v) {
        if (cmd.parsed()) set(v);
      },
      std::move(help));
}

// The working-day calendar's flags (--tet-days-before, --national-day-extra, --receipt-cutoff):
// platform settings every deadline is counted with, for `serve`, `demo` and the calendar commands.
void add_calendar_options(CLI::App& cmd, Settings& s);
// "HH:MM" (00:00–23:59) → minutes since midnight; "off" → no cut-off; nullopt for anything else.
std::optional<std::optional<std::chrono::minutes>> parse_cutoff(std::string_view s);

}  // namespace tinhso::app
