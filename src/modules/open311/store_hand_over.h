#pragma once
// Issue 12 §14: when an agency ends (the directory's "end agency"), the services routed to it (new reports
// then go to the successor; open reports are petitions and move with them)
// go to its successor, in the directory's transaction, one audit record
// ("agency.hand_over") per service. Registered as app::Module::hand_over_agency in module.cpp.
#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::open311 {

// Returns 0: services are routing, not cases.
int hand_over_agency(soci::session& s, const app::HandOver& h);

}  // namespace tinhso::open311
