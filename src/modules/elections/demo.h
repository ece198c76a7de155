#pragma once
// The demo province's elections (issue 19 item 8), all candidates fictional: the 2026 election of
// the National Assembly and the Phú Thọ provincial council, counted, certified and announced, whose
// constituencies show a clear win, a tie at the last seat decided by age, a candidate at exactly
// half of the valid ballots (not elected), a council constituency short of two thirds of its seats
// (supplementary election) and one whose turnout was not more than half (re-election); and a
// commune by-election being counted, one area's minutes entered and not yet checked. The
// committee is the province leader's demo account; every polling team is the one-stop officer
// (who enters) and tobaucu@ (who checks).
#include "core/app/module.h"

namespace tinhso::elections {

// Module::load_demo: nothing when an election is already stored (idempotent).
void load_demo(app::Context& ctx);

}  // namespace tinhso::elections
