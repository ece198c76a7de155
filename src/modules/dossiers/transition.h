#pragma once
// The one use case every change of a dossier's state goes through: it checks the transition
// table (workflow.h), moves the statutory clock (start, pause, resume, stop), writes the dossier,
// its history event, its audit record and the monthly figures — all in the caller's transaction.
#include <cstdint>
#include <functional>
#include <string>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/calendar/source.h"
#include "modules/audit/api.h"
#include "modules/dossiers/api.h"
#include "modules/dossiers/dossier.h"

namespace tinhso::dossiers {

struct Command;

// Told of every applied transition inside its transaction, after the dossier, event and audit
// rows are written (notify.cpp queues the applicant's e-mail and SMS: a transactional outbox).
using Notifier = std::function<void(soci::session&, const Dossier& after, const Command& cmd)>;

// Who applies a change, and the recorders the change goes through (injected: the HTTP handlers'
// intake::who binds them to the request; the demo data and tests bind their own).
struct Who {
  Actor role;
  std::int64_t account_id = 0;  // 0: the system (background jobs)
  std::chrono::system_clock::time_point now;
  // Appends the audit record in the same transaction (audit::for_request or audit::for_system).
  audit::Recorder audit;
  // Tells the applicant (none: nobody is told, e.g. the demo data).
  Notifier notify = {};
};

struct Command {
  Action action;
  std::string note;               // required when needs_note(action)
  std::int64_t assignee_id = 0;   // assign: the specialist (checked by the caller)
  std::int64_t to_agency_id = 0;  // transfer: the agency that must act (checked by the caller)
  std::string new_date;           // apology: the new appointment date, 'YYYY-MM-DD' (checked by the caller)
};

enum class Result {
  done,
  not_allowed,  // the table has no such transition for this state and actor
  invalid,      // a required note, assignee, agency or new date is missing
  conflict,     // the dossier changed since it was read (its version moved)
};

struct Applied {
  Result result = Result::done;
  Dossier dossier;  // after the change when done; as given otherwise
};

// The installation's Decree 61/2018 Art. 19(4) rule (--supplement-clock).
SupplementClock supplement_clock(const Settings& s);

// Applies `cmd` to `d` (as read in this transaction) on the calendar snapshot of `calendar`; a
// completed supplement moves the clock as `after_supplement` says.
Applied apply(soci::session& s, const calendar::CalendarSource& calendar, SupplementClock after_supplement, Dossier d,
              const Command& cmd, const Who& who);

// "YYYY-MM" of the local day of an ISO-8601 UTC time.
std::string local_month(const std::string& iso_utc);
// A compact text of the dossier's state for audit records ("state=received due=2026-12-03 ...").
std::string summary(const Dossier& d);

}  // namespace tinhso::dossiers
