#pragma once
// The dossiers module (issue 5): dossiers of administrative procedures from submission to the
// returned result — online submission and drafts, the one-stop desk, processing on the statutory
// clock (Decree 61/2018/NĐ-CP), receipts and apologies as PDF, the public lookup, ratings,
// notifications and the public statistics.
#include "core/app/module.h"

namespace tinhso::dossiers {

app::Module module();

}  // namespace tinhso::dossiers
