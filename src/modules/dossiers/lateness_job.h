#pragma once
// The lateness job (issue 5 §5; Decree 61/2018/NĐ-CP Art. 19(9)) and the SMS sender: the
// module's background work, started and stopped with the server (module.cpp).
//
// Exactly once across nodes: every node wakes every kLatenessPeriod, but a pass runs only on the
// node whose UPDATE of the expired row in dossier_job_leases changed it; the lease lasts one
// period and is released when the node stops. Each dossier is flagged once per due date (the
// primary key of dossier_risk_flags) in the same transaction as its leaders' e-mails, so even two
// overlapping passes would notify once.
#include <chrono>
#include <string>

#include "core/app/module.h"

namespace tinhso::dossiers {

inline constexpr std::chrono::seconds kLatenessPeriod{60};

// One pass if this node takes the lease of "lateness": flags every open dossier due by the next
// working day (lateness.h urgency) and e-mails its agency's leaders. Returns the number flagged,
// or -1 when another node holds the lease.
int run_lateness_pass(const app::Context& ctx, const std::string& node);

void start_background(app::Context& ctx);
void stop_background();

}  // namespace tinhso::dossiers
