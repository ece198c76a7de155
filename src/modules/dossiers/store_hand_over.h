#pragma once
// Issue 12 §14: when an agency ends (the directory's "end agency"), its open dossiers (every state but the final returned, refused
// and withdrawn; drafts too) as handling agency or receiving desk
// go to its successor, in the directory's transaction, one audit record
// ("agency.hand_over") per dossier. Registered as app::Module::hand_over_agency in module.cpp.
#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::dossiers {

// Returns the number of dossiers moved. The responsible agency of the statistics stays
// (001_dossiers.sql: it never changes).
int hand_over_agency(soci::session& s, const app::HandOver& h);

}  // namespace tinhso::dossiers
