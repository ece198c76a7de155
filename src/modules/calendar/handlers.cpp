// HTTP glue of the public calendar: the month view, the deadline calculator and the JSON API.
// Everything is computed from the current calendar snapshot (ctx.calendar); no SQL here.
#include "modules/calendar/handlers.h"

#include <nlohmann/json.hpp>

#include "core/calendar/deadline.h"
#include "core/calendar/lunar.h"
#include "core/http/errors.h"
#include "core/web/routes.h"
#include "modules/calendar/views.h"

namespace tinhso::calendar {

namespace {

using calendar::Date;
using http::Request;
using http::Response;

http::Error bad(std::string log, std::string message_id) {
  return http::Error(http::ErrorKind::bad_request, std::move(log), std::move(message_id));
}

// ---- the JSON API ----

std::string_view required(const Request& req, std::string_view name, const char* message_id) {
  auto v = req.query_params.get(name);
  if (!v || v->empty()) throw bad("missing " + std::string(name), message_id);
  return *v;
}

// A date of the supported range, from a query parameter.
Date api_date(std::string_view text, const char* message_id) {
  auto d = calendar::parse_date(text);
  if (!d) throw bad("bad date", message_id);
  if (!calendar::in_range(*d)) throw bad("date out of range", "calendar.api.year_range");
  return *d;
}

Response json(const nlohmann::json& j) {
  Response r = Response::json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.set("Cache-Control", "no-cache");
  return r;
}

nlohmann::json day_json(const calendar::ScheduleDay& d) {
  return {{"date", calendar::format_date(d.date)}, {"kind", calendar::kind_code(d.kind)},
          {"reason", calendar::reason_code(d.reason)}, {"note", d.note}};
}

// GET /api/v1/calendar/lunar?date=YYYY-MM-DD
Response api_lunar(app::Context& ctx, const Request& req) {
  Date d = api_date(required(req, "date", "calendar.api.date"), "calendar.api.date");
  auto lunar = calendar::to_lunar(d);
  if (!lunar) throw bad("date out of range", "calendar.api.year_range");
  calendar::LunarDate l = *lunar;
  auto cal = ctx.calendar.current();
  const calendar::ScheduleDay* info = cal->day_info(d);
  return json({{"date", calendar::format_date(d)},
               {"lunar", {{"year", l.year}, {"month", l.month}, {"day", l.day}, {"leap", l.leap}}},
               {"text", calendar::format_lunar(l)},
               {"can_chi", calendar::can_chi_year(l.year)},
               {"lunar_month_days", calendar::lunar_month_length(l.year, l.month, l.leap)},
               {"weekday", calendar::iso_weekday(d)},
               {"working_day", cal->is_working_day(d)},
               {"schedule", info ? day_json(*info) : nlohmann::json(nullptr)}});
}

// GET /api/v1/calendar/due?from=YYYY-MM-DD[THH:MM]&working_days=N (or &days=N)
Response api_due(app::Context& ctx, const Request& req) {
  auto from = calendar::parse_local_moment(required(req, "from", "calendar.api.from"));
  if (!from) throw bad("bad from", "calendar.api.from");
  if (!calendar::in_range(from->day)) throw bad("from out of range", "calendar.api.year_range");
  auto working = req.query_params.get("working_days"), plain = req.query_params.get("days");
  if (working.has_value() == plain.has_value()) throw bad("need exactly one of working_days, days", "calendar.api.period");
  auto amount = parse_amount(working ? *working : *plain);
  if (!amount) throw bad("bad amount", "calendar.api.amount");
  calendar::Period period{working ? calendar::Unit::working_days : calendar::Unit::days, *amount};
  auto cal = ctx.calendar.current();
  auto due = compute_due(*cal, ctx.calendar.deadline_rules(), *from, period);
  if (!due) throw bad("result out of range", "calendar.api.out_of_range");
  const auto& cutoff = ctx.calendar.deadline_rules().cutoff;
  nlohmann::json out = {
      {"from", calendar::format_local_moment(*from)},
      {"received", calendar::format_date(due->received)},
      {"due", calendar::format_date(due->due)},
      {"unit", working ? "working_days" : "days"},
      {"amount", *amount},
      {"cutoff", {{"time", cutoff ? nlohmann::json(format_minutes(*cutoff)) : nlohmann::json(nullptr)},
                  {"applied", due->after_cutoff}}},
      {"received_moved", due->received != from->day}};
  if (!working) out["rolled_forward"] = due->rolled_from.has_value();
  return json(out);
}

// GET /api/v1/calendar/holidays?year=YYYY
Response api_holidays(app::Context& ctx, const Request& req) {
  auto year = parse_year(required(req, "year", "calendar.api.year"));
  if (!year) throw bad("bad year", "calendar.api.year");
  auto cal = ctx.calendar.current();
  const calendar::OfficialSchedule* official = cal->official_schedule(*year);
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : cal->year_days(*year)) days.push_back(day_json(d));
  return json({{"year", *year},
               {"official", official != nullptr},
               {"source", official ? nlohmann::json(official->source) : nlohmann::json(nullptr)},
               {"days", days}});
}

// ---- pages ----

// GET /calendar?month=YYYY-MM (or ?y=YYYY&m=M from the picker): the month view.
Response month_page(app::Context& ctx, const Request& req) {
  Date today = calendar::to_local(ctx.clock.now()).day;
  std::optional<std::chrono::year_month> month;
  if (auto m = req.query_params.get("month"); m && !m->empty()) {
    month = parse_month(*m);
  } else if (auto y = req.query_params.get("y"), mm = req.query_params.get("m"); y || mm) {
    month = parse_year_and_month(y.value_or(""), mm.value_or(""));
  } else {
    month = std::chrono::year_month_day(today).year() / std::chrono::year_month_day(today).month();
  }
  if (!month) throw bad("bad month", "calendar.error.month");
  View v{ctx, req};
  return ctx.pages.render(req, "calendar_month", month_context(v, *month, today));
}

// GET /calendar/deadline?from=…&time=…&unit=working_days|days&amount=N: the calculator.
Response deadline_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  auto [c, status] = deadline_context(v, req.query_params);
  return ctx.pages.render(req, "calendar_deadline", std::move(c), status);
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/calendar", month_page);
  on.add("GET", "/calendar/deadline", deadline_page);
  on.add("GET", "/api/v1/calendar/lunar", api_lunar);
  on.add("GET", "/api/v1/calendar/due", api_due);
  on.add("GET", "/api/v1/calendar/holidays", api_holidays);
}

}  // namespace tinhso::calendar
