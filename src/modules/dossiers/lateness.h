#pragma once
// Lateness of dossiers on the statutory clock (Decree 61/2018/NĐ-CP Art. 19(9)) and the apology
// with a new appointment date. Pure rules: the calendar and "today" are passed in.
#include <optional>
#include <string>

#include "core/calendar/working_calendar.h"
#include "modules/dossiers/dossier.h"

namespace tinhso::dossiers {

enum class Urgency {
  none,      // due later than the next working day
  due_soon,  // due today or on the next working day: the agency must act or apologise
  overdue,   // the due date has passed
};

// How close `due` is on `today`. Art. 19(9): an apology must reach the applicant before the due
// day, so a dossier is flagged while at most one working day remains.
Urgency urgency(calendar::Date today, calendar::Date due, const calendar::WorkCalendar& cal);
std::string_view urgency_code(Urgency u);  // "none", "due_soon", "overdue"

enum class ApologyCheck {
  ok,
  not_open,          // the clock is not running (not received, paused for a supplement, returned)
  already_issued,    // Art. 19(9): as many apologies as ApologyRules::max_reschedules (default 1)
  too_late,          // issued less than ApologyRules::days_before days before the date promised
  bad_date,          // no valid date given
  not_after_due,     // the new date must be later than the current due date
  not_working_day,   // the new date must be a working day
  no_reason,         // the apology must say why
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr ApologyCheck kAllApologyChecks[] = {ApologyCheck::ok, ApologyCheck::not_open,
    ApologyCheck::already_issued, ApologyCheck::too_late, ApologyCheck::bad_date, ApologyCheck::not_after_due,
    ApologyCheck::not_working_day, ApologyCheck::no_reason};
std::string_view apology_check_code(ApologyCheck c);

// Decree 61/2018/NĐ-CP Art. 19(9) as settings (dossiers::Settings in api.h; Decree 118/2025 may change them).
struct ApologyRules {
  int days_before = 1;      // the apology goes out at least this many days before the date promised
  int max_reschedules = 1;  // how many apologies (new dates) a dossier may have
};

struct ApologyRequest {
  Clock clock = Clock::not_started;  // clock_of(dossier)
  int issued = 0;                    // apologies the dossier already has
  calendar::Date today;
  std::optional<calendar::Date> due;       // the date promised now: the appointment date
  std::optional<calendar::Date> new_date;  // nullopt when the form's date is not a date
  std::string reason;
};

// Decree 61/2018/NĐ-CP Art. 19(9): the apology is issued at least `rules.days_before` (calendar)
// days before the date promised (default 1), at most `rules.max_reschedules` times (default once),
// with a reason and a new appointment date, which must be a later working day. On time or late is
// still decided at return against the statutory due date, not the new date.
ApologyCheck check_apology(const ApologyRequest& r, const calendar::WorkCalendar& cal, const ApologyRules& rules = {});

}  // namespace tinhso::dossiers
