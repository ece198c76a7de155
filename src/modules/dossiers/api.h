#pragma once
// The dossiers module (issue 5): dossiers of administrative procedures from submission to the
// returned result — online submission and drafts, the one-stop desk, processing on the statutory
// clock (Decree 61/2018/NĐ-CP), receipts and apologies as PDF, the public lookup, ratings,
// notifications and the public statistics.
#include <cstdint>
#include <functional>
#include <optional>
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

// Monthly figures per procedure and responsible agency (issue 17 §4; migration 007
// dossier_procedure_stats, kept by triggers): received and received online by Viet Nam's month
// of receipt; returned, returned on time, returned with an electronic result ('result' file) and
// the calendar days from the day of receipt to the day of return, by the month of return;
// ratings — how many, the sum of their scores (1–5) and those of 1 or 2 — by the month of
// rating. procedure_id is 0 in sums over an agency's procedures.
struct ProcedureMonth {
  std::int64_t agency_id = 0;
  std::string month;  // 'YYYY-MM'
  std::int64_t procedure_id = 0;
  long long received = 0, received_online = 0, returned = 0, on_time = 0, digitised = 0, days_sum = 0, rated = 0,
            rating_sum = 0, dissatisfied = 0;
  bool operator==(const ProcedureMonth&) const = default;
};
// Per agency and month over months from..to ('YYYY-MM'), summed over procedures, by agency id and
// month. One statement.
std::vector<ProcedureMonth> agency_months(soci::session& s, const std::string& from, const std::string& to);
// Per procedure of agency `agency` (0: of every agency) over months from..to, summed over the
// months, by agency and procedure id (month ""). One statement.
std::vector<ProcedureMonth> procedure_totals(soci::session& s, std::int64_t agency, const std::string& from,
                                             const std::string& to);
// The stored cells of months from..to, by agency, month, procedure. One statement.
std::vector<ProcedureMonth> procedure_months(soci::session& s, const std::string& from, const std::string& to);
// The first month with a stored cell ('YYYY-MM'), nullopt when there is none. One statement.
std::optional<std::string> first_figures_month(soci::session& s);
// Every stored cell with a non-zero figure, by agency, month, procedure.
std::vector<ProcedureMonth> stored_procedure_months(soci::session& s);
// The same cells counted again from the dossiers and ratings by the rules above, in C++ (the
// check of `tinhso indicators recount`); `progress(done, total)` is told every 100,000 dossiers.
std::vector<ProcedureMonth> recount_procedure_months(soci::session& s,
                                                     const std::function<void(long long, long long)>& progress = {});
// Replaces every stored cell by `cells` (the repair of `tinhso indicators recount`).
void replace_procedure_months(soci::session& s, const std::vector<ProcedureMonth>& cells);

// The dossiers behind a month's "returned late" figure (the dashboard's drill-down, issue 17 §6):
// those of responsible agency `agency` returned in Viet Nam's months `from`..`to` ('YYYY-MM') and
// not on time, oldest return first, `limit` from `offset`; and how many there are. Two statements
// over the index dossiers_returned (migration 007).
struct ReturnedDossier {
  std::string code, procedure_code, procedure_name, received_at, due_date, returned_at;
};
struct ReturnedPage {
  long long total = 0;
  std::vector<ReturnedDossier> rows;
};
ReturnedPage returned_late(soci::session& s, std::int64_t agency, const std::string& from, const std::string& to,
                          int limit, int offset);

}  // namespace tinhso::dossiers
