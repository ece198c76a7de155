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
  already_issued,    // Art. 19(9): one apology per dossier
  too_late,          // issued less than one day before the due date
  bad_date,          // no valid date given
  not_after_due,     // the new date must be later than the current due date
  not_working_day,   // the new date must be a working day
  no_reason,         // the apology must say why
};
std::string_view apology_check_code(ApologyCheck c);

struct ApologyRequest {
  Clock clock = Clock::not_started;  // clock_of(dossier)
  bool already_issued = false;
  calendar::Date today;
  std::optional<calendar::Date> due;       // the dossier's current due date
  std::optional<calendar::Date> new_date;  // nullopt when the form's date is not a date
  std::string reason;
};

// Decree 61/2018/NĐ-CP Art. 19(9): the apology is issued at least one (calendar) day before the
// due date, once, with a reason and a new appointment date, which must be a later working day.
// On time or late is still decided at return against the statutory due date, not the new date.
ApologyCheck check_apology(const ApologyRequest& r, const calendar::WorkCalendar& cal);

}  // namespace tinhso::dossiers
