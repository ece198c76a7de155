#pragma once
// The audit module's background work while serving.
//
// Anchoring (issue 12 §9): every node appends the chain head (seq, hash, MAC) to its own anchor
// file (Settings::anchor_file, default var/audit-anchors; append-only, one line per change
// of the head) and logs it, at start, every Settings::anchor_interval and when it stops.
// Each node writes only its own file, so no two processes append to one file; `tinhso audit
// verify --anchor-file` checks a database against any node's file (or their concatenation).
//
// Retention (issue 12 §8): security events older than Settings::security_event_retention_days are
// deleted in batches of kPruneBatch, each batch in one transaction with its audit record, by the
// one node that holds the lease "security_events.prune" in audit_job_leases (taken only when
// expired; it lasts one kPrunePeriod, so the pruning runs once per period across all nodes).
// Audit records themselves are never pruned.
#include <chrono>
#include <string>

#include "core/app/module.h"

namespace tinhso::audit {

inline constexpr int kPruneBatch = 1000;
inline constexpr std::chrono::hours kPrunePeriod{1};

void start_jobs(app::Context& ctx);
// Writes a last anchor and stops the jobs; releases the lease.
void stop_jobs();

// One anchoring step: appends the head to `file` if it differs from `last` (updated). Returns
// true if a line was written.
bool write_anchor(db::Database& db, const auth::Clock& clock, const std::string& file, const std::string& chain,
                  std::string& last);
// One pruning pass if this node takes the lease: the number of events deleted, or -1 when another
// node holds it.
int prune_security_events(db::Database& db, const auth::Clock& clock, int retention_days, const std::string& node);

}  // namespace tinhso::audit
