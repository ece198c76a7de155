// HTTP glue of the administrators' schedule pages: parse → check permission → use case (one
// transaction with its audit record) → rebuild this node's calendar → render or redirect.

#include <spdlog/spdlog.h>

#include "core/auth/principal.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/audit/api.h"
#include "modules/calendar/handlers.h"
#include "modules/calendar/permissions.h"
#include "modules/calendar/refresh.h"
#include "modules/calendar/store.h"
#include "modules/calendar/usecases.h"
#include "modules/calendar/views.h"

namespace tinhso::calendar {

namespace {

using calendar::Date;
using http::Request;
using http::Response;

using web::field;

[[noreturn]] void not_found(const std::string& what) { throw http::Error(http::ErrorKind::not_found, what); }

int path_year(const Request& req) {
  auto y = parse_year(req.param("year"));
  if (!y) not_found("bad calendar year");
  return *y;
}

Date path_date(const Request& req, int year) {
  auto d = calendar::parse_date(req.param("date"));
  if (!d || calendar::year_of(*d) != year) not_found("bad calendar date");
  return *d;
}

std::string year_url(int year) { return "/admin/calendar/" + std::to_string(year); }

Actor actor(app::Context& ctx, const Request& req, const auth::Principal& p) {
  return Actor{p.email, auth::iso_utc(ctx.clock.now()), audit::for_request(ctx, req)};
}

// Runs a use case in one transaction, then rebuilds this node's calendar from the database (a
// failure there is logged: the poller retries, the change itself is committed).
template <class F>
auto change(app::Context& ctx, F&& use_case) {
  auto outcome = ctx.db.transaction(std::forward<F>(use_case));
  if (outcome.status == Status::done) {
    try {
      reload(ctx);
    } catch (const std::exception& e) {
      spdlog::error("calendar: rebuild after a change failed: {}", e.what());
    }
  }
  if (outcome.status == Status::not_found) not_found("no such calendar schedule or day");
  return outcome;
}

// The fields of the schedule forms, for errors at the field (web::put_field_errors).
const web::FieldRefs kFields = {{"year", {"f-year", "calendar.admin.year"}},
                                {"source", {"f-source", "calendar.admin.source"}},
                                {"date", {"f-date", "calendar.admin.field.date"}},
                                {"kind", {"f-kind", "calendar.admin.field.kind"}},
                                {"reason", {"f-reason", "calendar.admin.field.reason"}},
                                {"note", {"f-note", "calendar.admin.field.note"}}};

void put_errors(mstch::map& c, const View& v, const std::vector<Problem>& problems) {
  web::put_field_errors(c, v, web::field_problems(problems), kFields);
}

std::string when(const View& v, const std::string& iso) {
  try {
    return text::format_datetime(auth::parse_iso_utc(iso), v.req.lang);
  } catch (const std::exception&) {
    return iso;
  }
}

// ---- the list of years ----

struct CreateForm {
  std::string year, source;
  bool prefill = true;
};

Response list_page(app::Context& ctx, const Request& req, const CreateForm& form, const std::vector<Problem>& problems) {
  View v{ctx, req};
  auto schedules = ctx.db.with_session([](soci::session& s) { return load_schedules(s); });
  mstch::array rows;
  for (const auto& i : schedules) {
    std::size_t off = 0, work = 0;
    for (const auto& d : i.schedule.days) (d.kind == calendar::DayKind::off ? off : work)++;
    rows.push_back(mstch::map{{"year", std::to_string(i.schedule.year)}, {"url", year_url(i.schedule.year)},
                              {"source", i.schedule.source}, {"off", std::to_string(off)},
                              {"work", std::to_string(work)}, {"updated_at", when(v, i.updated_at)},
                              {"updated_by", i.updated_by}});
  }
  mstch::map c{{"title", v.t("calendar.admin.title")}, {"rows", rows}, {"empty", rows.empty()},
               {"year", form.year}, {"source", form.source}, {"prefill", form.prefill}};
  put_errors(c, v, problems);
  return ctx.pages.render(req, "calendar_admin", std::move(c), problems.empty() ? 200 : 422);
}

Response create(app::Context& ctx, const Request& req) {
  const auto& p = require_manage_calendar(req);
  CreateForm form{field(req, "year"), field(req, "source"), field(req, "prefill") != "empty"};
  auto year = parse_year(form.year);
  if (!year) return list_page(ctx, req, form, {{"year", "calendar.error.year"}});
  Outcome o = change(ctx, [&](soci::session& s) {
    return create_schedule(s, *year, form.source, form.prefill, ctx.calendar.holiday_rules(), actor(ctx, req, p));
  });
  if (o.status == Status::invalid) return list_page(ctx, req, form, o.problems);
  return Response::redirect(year_url(*year));
}

// ---- one year ----

struct DayForm {
  std::string date, kind = "off", reason = "other", note;
};

DayForm day_form(const calendar::ScheduleDay& d) {
  return {calendar::format_date(d.date), std::string(calendar::kind_code(d.kind)),
          std::string(calendar::reason_code(d.reason)), d.note};
}

mstch::map day_form_context(const View& v, const DayForm& f) {
  return mstch::map{{"date", f.date}, {"note", f.note},
                    {"kinds", kind_options(v, calendar::parse_kind(f.kind).value_or(calendar::DayKind::off))},
                    {"reasons", reason_options(v, calendar::parse_reason(f.reason).value_or(calendar::Reason::other))}};
}

ScheduleInfo schedule_or_404(app::Context& ctx, int year) {
  auto info = ctx.db.with_session([&](soci::session& s) { return find_schedule(s, year); });
  if (!info) not_found("no calendar schedule for " + std::to_string(year));
  return *info;
}

// The schedule page; `day` and `source` refill the forms after a refused change.
Response year_page(app::Context& ctx, const Request& req, int year, const DayForm& day,
                   const std::optional<std::string>& source, const std::vector<Problem>& problems) {
  View v{ctx, req};
  ScheduleInfo info = schedule_or_404(ctx, year);
  mstch::array rows;
  for (const auto& d : info.schedule.days) {
    std::string iso = calendar::format_date(d.date);
    std::string label = day_label(v, d.date);
    rows.push_back(mstch::map{{"iso", iso}, {"date", label}, {"label", reason_label(v, d)}, {"note", d.note},
                              {"url", year_url(year) + "/days/" + iso},
                              {"edit_label", v.f("calendar.admin.edit_label", {{"date", label}})},
                              {"remove_label", v.f("calendar.admin.remove_label", {{"date", label}})}});
  }
  mstch::map c{{"title", v.f("calendar.admin.year_title", {{"year", std::to_string(year)}})},
               {"year", std::to_string(year)}, {"url", year_url(year)}, {"rows", rows}, {"empty", rows.empty()},
               {"source", source.value_or(info.schedule.source)},
               {"updated", v.f("calendar.admin.updated", {{"at", when(v, info.updated_at)}, {"by", info.updated_by}})},
               {"delete_help", v.f("calendar.admin.delete_help", {{"year", std::to_string(year)}})},
               {"delete_label", v.f("calendar.admin.delete", {{"year", std::to_string(year)}})},
               {"day", day_form_context(v, day)}, {"month_url", "/calendar?month=" + std::to_string(year) + "-01"}};
  put_errors(c, v, problems);
  return ctx.pages.render(req, "calendar_admin_year", std::move(c), problems.empty() ? 200 : 422);
}

// A day from the form, or the problems that keep it from being one.
std::optional<calendar::ScheduleDay> parse_day(const DayForm& f, std::vector<Problem>& problems) {
  auto date = calendar::parse_date(f.date);
  auto kind = calendar::parse_kind(f.kind);
  auto reason = calendar::parse_reason(f.reason);
  if (!date) problems.push_back({"date", "calendar.error.date"});
  if (!kind) problems.push_back({"kind", "calendar.error.kind"});
  if (!reason) problems.push_back({"reason", "calendar.error.reason"});
  if (!problems.empty() || !date || !kind || !reason) return std::nullopt;
  return calendar::ScheduleDay{*date, *kind, *reason, f.note};
}

DayForm posted_day(const Request& req) {
  return {field(req, "date"), field(req, "kind"), field(req, "reason"), field(req, "note")};
}

Response day_page(app::Context& ctx, const Request& req, int year, Date date, const DayForm& form,
                  const std::vector<Problem>& problems) {
  View v{ctx, req};
  std::string iso = calendar::format_date(date);
  mstch::map c{{"title", v.f("calendar.admin.day_title", {{"date", day_label(v, date)}})},
               {"back_label", v.f("calendar.admin.back_year", {{"year", std::to_string(year)}})},
               {"year", std::to_string(year)}, {"year_url", year_url(year)},
               {"action", year_url(year) + "/days/" + iso},
               {"day", day_form_context(v, form)}};
  put_errors(c, v, problems);
  return ctx.pages.render(req, "calendar_admin_day", std::move(c), problems.empty() ? 200 : 422);
}

Response show_day(app::Context& ctx, const Request& req) {
  require_manage_calendar(req);
  int year = path_year(req);
  Date date = path_date(req, year);
  ScheduleInfo info = schedule_or_404(ctx, year);
  for (const auto& d : info.schedule.days)
    if (d.date == date) return day_page(ctx, req, year, date, day_form(d), {});
  not_found("no calendar day " + calendar::format_date(date));
}

// POST /admin/calendar/{year}/days (add) and /admin/calendar/{year}/days/{date} (edit).
Response save_day(app::Context& ctx, const Request& req, bool edit) {
  const auto& p = require_manage_calendar(req);
  int year = path_year(req);
  std::optional<Date> replaces;
  if (edit) replaces = path_date(req, year);
  DayForm form = posted_day(req);
  std::vector<Problem> problems;
  auto day = parse_day(form, problems);
  if (day) {
    Outcome o = change(ctx, [&](soci::session& s) { return put_day(s, year, *day, replaces, actor(ctx, req, p)); });
    problems = o.problems;
  }
  if (problems.empty()) return Response::redirect(year_url(year));
  if (edit && replaces) return day_page(ctx, req, year, *replaces, form, problems);
  return year_page(ctx, req, year, form, std::nullopt, problems);
}

Response delete_day(app::Context& ctx, const Request& req) {
  const auto& p = require_manage_calendar(req);
  int year = path_year(req);
  Date date = path_date(req, year);
  change(ctx, [&](soci::session& s) { return remove_day(s, year, date, actor(ctx, req, p)); });
  return Response::redirect(year_url(year));
}

Response save_source(app::Context& ctx, const Request& req) {
  const auto& p = require_manage_calendar(req);
  int year = path_year(req);
  std::string source = field(req, "source");
  Outcome o = change(ctx, [&](soci::session& s) { return set_source(s, year, source, actor(ctx, req, p)); });
  if (o.status == Status::invalid) return year_page(ctx, req, year, {}, source, o.problems);
  return Response::redirect(year_url(year));
}

Response delete_year(app::Context& ctx, const Request& req) {
  const auto& p = require_manage_calendar(req);
  int year = path_year(req);
  change(ctx, [&](soci::session& s) { return remove_schedule(s, year, actor(ctx, req, p)); });
  return Response::redirect("/admin/calendar");
}

Response export_csv(app::Context& ctx, const Request& req) {
  require_manage_calendar(req);
  int year = path_year(req);
  ScheduleInfo info = schedule_or_404(ctx, year);
  Response r = Response::text(schedule_to_csv(info.schedule), "text/csv; charset=utf-8");
  r.headers.set("Content-Disposition", "attachment; filename=\"calendar-" + std::to_string(year) + ".csv\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// ---- import ----

Response import_page(app::Context& ctx, const Request& req, int year, const std::vector<RowProblem>& problems,
                     std::optional<std::size_t> imported) {
  View v{ctx, req};
  mstch::array errors;
  for (const auto& p : problems)
    errors.push_back(mstch::map{{"message", p.line == 0 ? v.t(p.message_id)
                                                        : v.f("calendar.import.row_error",
                                                              {{"line", std::to_string(p.line)}, {"message", v.t(p.message_id)}})}});
  mstch::map c{{"title", v.f("calendar.import.title", {{"year", std::to_string(year)}})},
               {"action", year_url(year) + "/import"}, {"year_url", year_url(year)}, {"year", std::to_string(year)},
               {"back_label", v.f("calendar.admin.back_year", {{"year", std::to_string(year)}})},
               {"errors", errors}, {"has_errors", !problems.empty()}, {"done", imported.has_value()},
               {"imported", v.f("calendar.import.done", {{"count", std::to_string(imported.value_or(0))}})}};
  return ctx.pages.render(req, "calendar_admin_import", std::move(c), problems.empty() ? 200 : 422);
}

Response import_form(app::Context& ctx, const Request& req) {
  require_manage_calendar(req);
  int year = path_year(req);
  schedule_or_404(ctx, year);
  return import_page(ctx, req, year, {}, std::nullopt);
}

Response import_post(app::Context& ctx, const Request& req) {
  const auto& p = require_manage_calendar(req);
  int year = path_year(req);
  std::string csv = web::upload_or_field(ctx.files, req, "csv");
  ImportOutcome o = change(ctx, [&](soci::session& s) { return import_schedule(s, year, csv, actor(ctx, req, p)); });
  if (o.status == Status::invalid) return import_page(ctx, req, year, o.problems, std::nullopt);
  return import_page(ctx, req, year, {}, o.days);
}

constexpr http::RouteOptions kImportOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = 256u << 10, .max_total_bytes = 512u << 10, .max_field_bytes = 256u << 10, .max_files = 1}};

}  // namespace

void add_admin_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/admin/calendar", [](app::Context& c, const Request& r) {
    require_manage_calendar(r);
    return list_page(c, r, {}, {});
  });
  on.add("POST", "/admin/calendar", create);
  on.add("GET", "/admin/calendar/{year}", [](app::Context& c, const Request& r) {
    require_manage_calendar(r);
    return year_page(c, r, path_year(r), {}, std::nullopt, {});
  });
  on.add("POST", "/admin/calendar/{year}/source", save_source);
  on.add("POST", "/admin/calendar/{year}/delete", delete_year);
  on.add("POST", "/admin/calendar/{year}/days", [](app::Context& c, const Request& r) { return save_day(c, r, false); });
  on.add("GET", "/admin/calendar/{year}/days/{date}", show_day);
  on.add("POST", "/admin/calendar/{year}/days/{date}", [](app::Context& c, const Request& r) { return save_day(c, r, true); });
  on.add("POST", "/admin/calendar/{year}/days/{date}/delete", delete_day);
  on.add("GET", "/admin/calendar/{year}/export.csv", export_csv, {.long_running = true});
  on.add("GET", "/admin/calendar/{year}/import", import_form);
  on.add("POST", "/admin/calendar/{year}/import", import_post, kImportOptions);
}

}  // namespace tinhso::calendar
