#pragma once
// What the calendar's pages show, as template contexts: the month grid, the deadline calculator,
// and the labels the admin pages share. All text comes from locales/calendar.*.json.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include <mstch/mstch.hpp>

#include "core/app/module.h"
#include "core/calendar/holidays.h"
#include "core/http/request.h"
#include "core/web/view.h"
#include "modules/calendar/query.h"

namespace tinhso::calendar {

using web::View;

// "Thứ Hai, 16/02/2026" / "Monday, 16 Feb 2026".
std::string day_label(const View& v, calendar::Date d);
// "Nghỉ: Tết Nguyên đán" / "Làm bù: Hoán đổi ngày nghỉ".
std::string reason_label(const View& v, const calendar::ScheduleDay& d);
// <option> lists for kind and reason, with `selected` marked.
mstch::array kind_options(const View& v, calendar::DayKind selected);
mstch::array reason_options(const View& v, calendar::Reason selected);

// The month view of `month` (within the supported range) with `today` marked.
mstch::map month_context(const View& v, std::chrono::year_month month, calendar::Date today);
// The calculator for the query `q` (from, time, unit, amount): the empty form when nothing was
// asked, the result, or the form with its problems. Returns the context and the HTTP status.
std::pair<mstch::map, int> deadline_context(const View& v, const http::FormData& q);

}  // namespace tinhso::calendar
