#pragma once
// The module's route groups, one per topic; module.cpp adds them all (routes.cpp).
#include "core/app/module.h"

namespace tinhso::dossiers {

void add_routes(http::Router& router, app::Context& ctx);

// Citizens and the one-stop desk: submission, drafts, files, my dossiers, the public lookup,
// ratings, the desk inbox, counter entry, receipt, supplement requests, refusal (intake.cpp …).
void add_intake_routes(http::Router& router, app::Context& ctx);
// The handling agency and the desk's return: assignment, proposals, approval, transfer, results,
// apologies; the public statistics (processing.cpp, statistics.cpp …).
void add_processing_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::dossiers
