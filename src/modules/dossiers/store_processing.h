#pragma once
// SQL of the processing side: the handling agency's queue, its staff (identity's accounts, read
// only), agencies to transfer to, apologies, lateness flags, job leases and the SMS outbox. Every
// function runs in the caller's session (inside its transaction for writes).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/directory/api.h"
#include "modules/dossiers/dossier.h"
#include "modules/identity/api.h"

namespace tinhso::dossiers {

// ---- the queue ----

struct QueueFilter {
  std::vector<std::int64_t> agencies;  // the agencies the caller may see (never empty)
  bool by_desk = false;                // agencies are desk agencies (the desk), not handling ones
  std::int64_t assignee_id = 0;        // 0: anyone's
  std::string state;                   // "" = every open state after receipt
  std::string due_by;                  // "" or 'YYYY-MM-DD': only dossiers due on or before it
  std::string code_prefix;             // "" or the start of the code
  int offset = 0, limit = 20;
};

struct QueueRow {
  std::int64_t id = 0;
  std::string code, state, due_date, appointment_date, received_at, applicant_name, procedure_code, procedure_name,
      assignee_name;
  std::int64_t agency_id = 0, assignee_id = 0;
  bool paused = false, flagged = false, apologised = false;
};

// One page ordered by due date (paused dossiers, which have none, last), then code; and the
// total. Two statements whatever the page size. `total` is count_queue's answer for the same
// filter: it chooses how the page is read (issue 15 §7), never which rows it holds.
std::vector<QueueRow> list_queue(soci::session& s, const QueueFilter& f, long long total);
long long count_queue(soci::session& s, const QueueFilter& f);

// ---- staff and agencies (read only) ----

// From the identity and directory modules' APIs.
using Person = identity::StaffMember;
using identity::account_name;
using identity::staff_with_role;
using AgencyRef = directory::AgencyRef;
using directory::active_agencies;
inline std::optional<AgencyRef> find_agency(soci::session& s, std::int64_t id) {
  return directory::find_active_agency(s, id);
}

struct ProcedureRef {
  std::string code, name;
};
ProcedureRef procedure_ref(soci::session& s, std::int64_t procedure_id);

// ---- apologies (Decree 61/2018/NĐ-CP Art. 19(9)) ----

// The dossier's latest apology; `count` is how many it has had (each is also a history event).
struct Apology {
  std::string issued_at, reason, old_date, new_date;
  std::int64_t issued_by = 0;
  int count = 1;
};
std::optional<Apology> find_apology(soci::session& s, std::int64_t dossier_id);
// Records `a` as the dossier's latest apology; false when it already has `max` of them.
bool insert_apology(soci::session& s, std::int64_t dossier_id, const Apology& a, int max);

// ---- lateness ----

struct DueRow {
  std::int64_t id = 0, agency_id = 0;
  std::string code, due_date;
};
// Open dossiers whose clock runs and whose due date is on or before `limit`, not yet flagged for
// that due date; at most `max` of them.
std::vector<DueRow> unflagged_due(soci::session& s, const std::string& limit, int max);
// True if this call made the flag (false: another pass made it first).
bool insert_flag(soci::session& s, std::int64_t dossier_id, const std::string& due_date, const std::string& now);

// The lease of `job`: taken only if it expired before `now`; true if this node holds it now.
bool claim_job(soci::session& s, const std::string& job, const std::string& node, const std::string& now,
               const std::string& until);
void finish_job(soci::session& s, const std::string& job, const std::string& node, const std::string& now);
// Lets the lease of `job` expire now if `node` holds it (a stopping node).
void release_job(soci::session& s, const std::string& job, const std::string& node);

// ---- SMS outbox ----

void insert_sms(soci::session& s, const std::string& to, const std::string& text, const std::string& code,
                const std::string& now);
struct QueuedSms {
  std::int64_t id = 0;
  std::string to, text, dossier_code, created_at;
  int attempts = 0;
};
std::vector<std::int64_t> due_sms(soci::session& s, const std::string& now, int limit);
bool claim_sms(soci::session& s, std::int64_t id, const std::string& node, const std::string& now,
               const std::string& until);
std::optional<QueuedSms> load_sms(soci::session& s, std::int64_t id);
void mark_sms_sent(soci::session& s, std::int64_t id, const std::string& now);
void mark_sms_failed(soci::session& s, std::int64_t id, int attempts, const std::optional<std::string>& next,
                     const std::string& error);

}  // namespace tinhso::dossiers
