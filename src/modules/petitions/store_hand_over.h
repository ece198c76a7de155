#pragma once
// Issue 12 §14: when an agency ends (the directory's "end agency"), its open petitions (every state but the final closed, refused,
// forwarded and guided)
// go to its successor, in the directory's transaction, one audit record
// ("agency.hand_over") per petition (code and agency only: never a filer). Registered as app::Module::hand_over_agency in module.cpp.
#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::petitions {

// Returns the number of petitions moved (Open311 reports among them).
int hand_over_agency(soci::session& s, const app::HandOver& h);

}  // namespace tinhso::petitions
