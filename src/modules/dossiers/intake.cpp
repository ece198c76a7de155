// Intake (issue 5 §2, §3, §6): the citizen's submission and pages, the one-stop desk, the public
// look-up (citizen.cpp, desk.cpp, lookup.cpp; receipts in receipt.cpp).
#include "modules/dossiers/intake_routes.h"
#include "modules/dossiers/routes.h"

namespace tinhso::dossiers {

void add_intake_routes(http::Router& router, app::Context& ctx) {
  intake::add_citizen_routes(router, ctx);
  intake::add_desk_routes(router, ctx);
  intake::add_lookup_routes(router, ctx);
}

}  // namespace tinhso::dossiers
