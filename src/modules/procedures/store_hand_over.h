#pragma once
// Issue 12 §14: when an agency ends (the directory's "end agency"), the procedures it handles or receives
// at its desk (new dossiers then go to the successor)
// go to its successor, in the directory's transaction, one audit record
// ("agency.hand_over") per procedure. Registered as app::Module::hand_over_agency in module.cpp.
#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::procedures {

// Returns 0: procedures are the catalogue, not cases.
int hand_over_agency(soci::session& s, const app::HandOver& h);

}  // namespace tinhso::procedures
