#pragma once
#include <string>

#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/audit/api.h"

namespace tinhso::petitions {

// The demo province's petitions (idempotent).
void load_demo(app::Context& ctx);
// The desk's demo petitions (desk_demo.cpp): a group and a long-running repeat; `day` is the
// code's yymmdd. Runs in load_demo's transaction; audit records through `rec`.
void load_desk_demo(app::Context& ctx, soci::session& s, const std::string& day, const audit::Recorder& rec);
// The past petitions (demo_history.cpp): for each of the last `months` months, a few
// recommendations and feedback to SO-KHCN received and answered — about one in five late — on
// their own days through the use cases; only those whose close has come. Deterministic.
void load_history(app::Context& ctx, soci::session& s, int months);

}  // namespace tinhso::petitions
