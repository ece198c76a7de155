#pragma once
// The overview module (issue 14 §1): the leaders' home page, /overview — per agency in the
// leader's scope, the dossiers and petitions still open, past their due day, and due today or on
// the next working day, each count a link to the list it counts. It owns no table: it reads
// dossiers::lateness_by_agency and petitions::lateness_by_agency.
#include "core/app/module.h"

namespace tinhso::overview {

app::Module module();

}  // namespace tinhso::overview
