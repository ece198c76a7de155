#pragma once
// HTTP glue of the audit module: the auditors' pages over the audit log and the security events.
#include "core/app/module.h"

namespace tinhso::audit {

void add_routes(http::Router& router, app::Context& ctx);

// Filter dates from a form ("YYYY-MM-DD", a day in the province's zone, UTC+7) as iso_utc
// bounds: the start of that day, or (end_of_day) the start of the next. "" stays "".
// Throws http::Error(invalid_input) on anything else.
std::string day_bound(std::string_view day, bool end_of_day);

}  // namespace tinhso::audit
