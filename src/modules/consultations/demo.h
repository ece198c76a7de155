#pragma once
// The demo's consultations (issue 18 §10), stored through the use cases at their own moments (a
// clock per step, as the petitions' demo history does), so that everything shown is what the
// rules allow:
//   * a closed consultation with its report published — the Sở Nông nghiệp và Môi trường's draft
//     resolution on income support for restructuring agricultural production (the seed's
//     Resolution 12), its draft split from data/consultations/du-thao-nghi-quyet-ho-tro.txt
//     (chapters, articles, clauses, points, a table), two questions, comments from citizens and
//     one organisation (a cooperative and its representative), agreements and replies, one comment
//     hidden with its reason, the agency's answer to every visible comment, a second version of the
//     draft after the comments, and the published report;
//   * an open consultation on a grassroots matter (a commune's plan), with a question and a few
//     comments, closing in three weeks.
// Dated relative to the clock's now (the demo stays consistent whenever it is loaded).
#include "core/app/module.h"

namespace tinhso::consultations {

// Module::load_demo: nothing when a consultation is already stored (idempotent).
void load_demo(app::Context& ctx);

}  // namespace tinhso::consultations
