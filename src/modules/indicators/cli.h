#pragma once
// `tinhso indicators …` (issue 17 §4):
//   tinhso indicators recount --db URL [--check]
//     recounts every kept figure the indicators are computed from (the dossiers' per procedure and
//     month) from the raw records, with progress on stderr. --check: compares only, names every
//     cell that differs on stdout and exits 1 if any does, 0 if none; without it, writes the
//     recount in place of the kept figures (one transaction, one audit record).
// Bad input exits 2; a schema that is not current exits 2 (`tinhso migrate` first).
#include "core/app/module.h"

namespace tinhso::indicators {

void add_commands(app::Commands& commands, app::Settings& settings);
// --indicator-entry-working-days and --indicator-at-risk-percent.
void add_options(CLI::App& cmd, app::Settings& settings);

}  // namespace tinhso::indicators
