#include "modules/dossiers/lateness.h"

namespace tinhso::dossiers {

Urgency urgency(calendar::Date today, calendar::Date due, const calendar::WorkCalendar& cal) {
  if (due < today) return Urgency::overdue;
  auto next = cal.next_working_day(today);
  if (!next || due <= *next) return Urgency::due_soon;
  return Urgency::none;
}

std::string_view urgency_code(Urgency u) {
  switch (u) {
    case Urgency::due_soon: return "due_soon";
    case Urgency::overdue: return "overdue";
    case Urgency::none: break;
  }
  return "none";
}

std::string_view apology_check_code(ApologyCheck c) {
  switch (c) {
    case ApologyCheck::ok: return "ok";
    case ApologyCheck::not_open: return "not_open";
    case ApologyCheck::already_issued: return "already_issued";
    case ApologyCheck::too_late: return "too_late";
    case ApologyCheck::bad_date: return "bad_date";
    case ApologyCheck::not_after_due: return "not_after_due";
    case ApologyCheck::not_working_day: return "not_working_day";
    case ApologyCheck::no_reason: return "no_reason";
  }
  return "ok";
}

ApologyCheck check_apology(const ApologyRequest& r, const calendar::WorkCalendar& cal, const ApologyRules& rules) {
  if (r.clock != Clock::running || !r.due) return ApologyCheck::not_open;
  if (r.issued >= rules.max_reschedules) return ApologyCheck::already_issued;
  if (r.today + std::chrono::days(rules.days_before) > *r.due) return ApologyCheck::too_late;
  if (r.reason.find_first_not_of(" \t\r\n") == std::string::npos) return ApologyCheck::no_reason;
  if (!r.new_date) return ApologyCheck::bad_date;
  if (*r.new_date <= *r.due) return ApologyCheck::not_after_due;
  if (!cal.is_working_day(*r.new_date)) return ApologyCheck::not_working_day;
  return ApologyCheck::ok;
}

}  // namespace tinhso::dossiers
