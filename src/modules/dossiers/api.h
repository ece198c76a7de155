#pragma once
// The dossiers module (issue 5): dossiers of administrative procedures from submission to the
// returned result — online submission and drafts, the one-stop desk, processing on the statutory
// clock (Decree 61/2018/NĐ-CP), receipts and apologies as PDF, the public lookup, ratings,
// notifications and the public statistics.
#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::dossiers {

app::Module module();

// The dossiers module's settings.
struct Settings {
  // URL the SMS gateway listens on: each text is POSTed there as JSON {to, text, dossier_code};
  // "" = no SMS (--sms-webhook).
  std::string sms_webhook;
  // One-stop rules of Decree 61/2018/NĐ-CP that Decree 118/2025/NĐ-CP may change (LAW.md §2;
  // docs/PROCEDURES.md "One-stop rules"): Art. 19(4) whether a completed supplement restarts the
  // whole time limit or resumes the time left (--supplement-clock restart|resume) and the working
  // days the desk has to ask for one (--supplement-request-days); Art. 19(9) how many days before
  // the due day an apology must go out (--apology-days-before) and how often a dossier may be
  // rescheduled (--apology-max).
  bool supplement_restarts_clock = true;
  int supplement_request_working_days = 3;
  int apology_days_before_due = 1;
  int apology_max_reschedules = 1;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// The leaders' overview of lateness (issue 14 §1; lateness_summary.cpp): per handling agency,
// the received dossiers still open (received, processing, proposed, approved, waiting for a
// supplement), those past their statutory due day (due_date < today: the count of /work?due=overdue)
// and those due from today to `soon` (Decree 61/2018/NĐ-CP Art. 19(9): the apology window).
// `agencies` empty: every agency. Agencies with nothing open are left out. One statement.
struct AgencyLateness {
  std::int64_t agency_id = 0;
  long long open = 0, overdue = 0, due_soon = 0;
};
std::vector<AgencyLateness> lateness_by_agency(soci::session& s, const std::vector<std::int64_t>& agencies,
                                               const std::string& today, const std::string& soon);

}  // namespace tinhso::dossiers
