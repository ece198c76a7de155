#include "modules/calendar/views.h"

#include <cstdio>
#include <stdexcept>

#include "core/calendar/lunar.h"
#include "core/text/format.h"
#include "modules/calendar/permissions.h"

namespace tinhso::calendar {

namespace {

using calendar::Date;
using std::chrono::year_month;
using std::chrono::year_month_day;

constexpr calendar::Reason kReasons[] = {
    calendar::Reason::new_year,   calendar::Reason::tet,          calendar::Reason::hung_kings,
    calendar::Reason::reunification, calendar::Reason::labour_day, calendar::Reason::national_day,
    calendar::Reason::compensatory, calendar::Reason::swap,       calendar::Reason::other};

std::string num(long long n) { return std::to_string(n); }

std::string month_url(year_month m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
  return std::string("/calendar?month=") + buf;
}

std::string month_title(const View& v, year_month m) {
  std::string month = num(static_cast<unsigned>(m.month()));
  return v.f("calendar.month_title",
             {{"month", month}, {"month_name", v.t("calendar.month." + month)}, {"year", num(static_cast<int>(m.year()))}});
}

// The Labor Code(s) a generated year follows: the one in force on 1/1, and the one on 31/12 when
// a new code took effect during the year (2007, 2013).
std::string law_text(const View& v, int year) {
  std::string_view first = calendar::holiday_law_on(calendar::make_date(year, 1, 1)).code;
  std::string_view last = calendar::holiday_law_on(calendar::make_date(year, 12, 31)).code;
  std::string out = v.t("calendar.law." + std::string(first));
  if (last != first) out += "; " + v.t("calendar.law." + std::string(last));
  return out;
}

std::string source_text(const View& v, int year, const calendar::OfficialSchedule* official) {
  if (!official) return v.f("calendar.source.law", {{"year", num(year)}, {"law", law_text(v, year)}});
  if (official->source.empty()) return v.f("calendar.source.official_plain", {{"year", num(year)}});
  return v.f("calendar.source.official", {{"year", num(year)}, {"source", official->source}});
}

bool month_in_range(year_month m) {
  int y = static_cast<int>(m.year());
  return y >= calendar::kFirstYear && y <= calendar::kLastYear;
}

// The lunar date of `d`, which month_context's contract keeps within kFirstYear..kLastYear.
calendar::LunarDate lunar_of(Date d) {
  auto l = calendar::to_lunar(d);
  if (!l) throw std::out_of_range("calendar: no lunar date outside the supported years");
  return *l;
}

// "17/12", with " nhuận" in a leap month.
std::string lunar_text(const View& v, const calendar::LunarDate& l) {
  std::string out = num(l.day) + "/" + num(l.month);
  if (l.leap) out += " " + v.t("calendar.lunar.leap");
  return out;
}

mstch::map day_cell(const View& v, const calendar::WorkCalendar& cal, Date d, Date today) {
  const calendar::LunarDate l = lunar_of(d);
  const calendar::ScheduleDay* info = cal.day_info(d);
  bool weekend = calendar::is_weekend(d), working = cal.is_working_day(d);
  std::string classes = working ? "day" : "day rest";
  if (weekend) classes += " weekend";
  if (info) classes += info->kind == calendar::DayKind::off ? " holiday" : " workday";
  if (d == today) classes += " today";
  bool full = l.day == 1 || calendar::day_of(d) == 1;
  return mstch::map{{"empty", false},
                    {"day", num(calendar::day_of(d))},
                    {"iso", calendar::format_date(d)},
                    {"lunar", lunar_text(v, l)},
                    {"lunar_year", full ? v.f("calendar.lunar.year", {{"can_chi", calendar::can_chi_year(l.year)}})
                                        : std::string()},
                    {"month_start", l.day == 1},
                    {"classes", classes},
                    {"today", d == today},
                    {"label", info ? reason_label(v, *info) : std::string()}};
}

mstch::array weeks_of(const View& v, const calendar::WorkCalendar& cal, year_month m, Date today) {
  Date first = std::chrono::sys_days(m / 1);
  Date last = std::chrono::sys_days(m / std::chrono::last);
  mstch::array weeks, cells;
  for (unsigned i = 1; i < calendar::iso_weekday(first); ++i) cells.push_back(mstch::map{{"empty", true}});
  for (Date d = first; d <= last; d += std::chrono::days(1)) {
    cells.push_back(day_cell(v, cal, d, today));
    if (cells.size() == 7) weeks.push_back(mstch::map{{"cells", std::exchange(cells, {})}});
  }
  if (!cells.empty()) {
    while (cells.size() < 7) cells.push_back(mstch::map{{"empty", true}});
    weeks.push_back(mstch::map{{"cells", cells}});
  }
  return weeks;
}

// The weekdays off and weekend days worked of the month, as a list under the grid.
mstch::array special_days(const View& v, const calendar::WorkCalendar& cal, year_month m) {
  mstch::array out;
  for (const auto& d : cal.year_days(static_cast<int>(m.year()))) {
    if (year_month_day(d.date).month() != m.month()) continue;
    out.push_back(mstch::map{{"date", day_label(v, d.date)}, {"label", reason_label(v, d)}, {"note", d.note}});
  }
  return out;
}

// "năm Ất Tỵ" or "năm Ất Tỵ và Bính Ngọ" when the month spans the lunar new year.
std::string lunar_years(const View& v, year_month m) {
  int a = lunar_of(std::chrono::sys_days(m / 1)).year;
  int b = lunar_of(std::chrono::sys_days(m / std::chrono::last)).year;
  if (a == b) return v.f("calendar.lunar.year", {{"can_chi", calendar::can_chi_year(a)}});
  return v.f("calendar.lunar.years", {{"first", calendar::can_chi_year(a)}, {"second", calendar::can_chi_year(b)}});
}

mstch::array weekday_headers(const View& v) {
  mstch::array out;
  for (int i = 1; i <= 7; ++i)
    out.push_back(mstch::map{{"short", v.t("calendar.weekday_short." + num(i))},
                             {"full", v.t("calendar.weekday." + num(i))}, {"weekend", i >= 6}});
  return out;
}

mstch::array month_options(const View& v, unsigned selected) {
  mstch::array out;
  for (unsigned i = 1; i <= 12; ++i)
    out.push_back(mstch::map{{"value", num(i)}, {"label", v.t("calendar.month." + num(i))}, {"selected", i == selected}});
  return out;
}

// The calculator's fields as the visitor typed them.
struct DeadlineForm {
  std::string from, time, unit, amount;
};

mstch::map form_context(const View& v, const DeadlineForm& f) {
  const auto& cutoff = v.ctx.calendar.deadline_rules().cutoff;
  return mstch::map{{"from", f.from}, {"time", f.time}, {"amount", f.amount},
                    {"unit_working", f.unit != "days"}, {"unit_days", f.unit == "days"},
                    {"time_hint", cutoff ? v.f("calendar.deadline.time_hint", {{"cutoff", format_minutes(*cutoff)}})
                                         : v.t("calendar.deadline.time_hint_plain")}};
}

struct FieldProblem {
  std::string field;  // the input's id
  std::string message_id;
};

// How the due day was reached, step by step, with the rules applied.
mstch::array explanation(const View& v, const calendar::LocalMoment& from, calendar::Period period,
                         const DueResult& r) {
  const auto& cutoff = v.ctx.calendar.deadline_rules().cutoff;
  std::string received = day_label(v, r.received), n = num(period.amount);
  std::string cut = cutoff ? format_minutes(*cutoff) : std::string();
  std::string time = from.time ? format_minutes(*from.time) : std::string();
  mstch::array steps;
  auto step = [&](std::string text) { steps.push_back(mstch::map{{"text", std::move(text)}}); };
  if (r.after_cutoff)
    step(v.f("calendar.explain.after_cutoff", {{"time", time}, {"cutoff", cut}, {"received", received}}));
  else if (r.received != from.day)
    step(v.f("calendar.explain.day_off", {{"received", received}}));
  else if (!from.time)
    step(v.t("calendar.explain.no_time"));
  else if (cutoff)
    step(v.f("calendar.explain.before_cutoff", {{"time", time}, {"cutoff", cut}}));
  else
    step(v.t("calendar.explain.no_cutoff"));
  if (period.unit == calendar::Unit::working_days) {
    step(v.f("calendar.explain.working_days", {{"n", n}}));
  } else {
    Date end = r.rolled_from.value_or(r.due);
    step(v.f("calendar.explain.days", {{"n", n}, {"end", day_label(v, end)}}));
    if (r.rolled_from)
      step(v.f("calendar.explain.rolled", {{"end", day_label(v, end)}, {"due", day_label(v, r.due)}}));
  }
  step(v.f("calendar.explain.end_of_day", {{"due", day_label(v, r.due)}}));
  return steps;
}

}  // namespace

std::string day_label(const View& v, Date d) {
  return v.f("calendar.day_label", {{"weekday", v.t("calendar.weekday." + num(calendar::iso_weekday(d)))},
                                    {"date", text::format_date(year_month_day(d), v.req.lang)}});
}

std::string reason_label(const View& v, const calendar::ScheduleDay& d) {
  return v.f("calendar.day_reason", {{"kind", v.t("calendar.kind." + std::string(calendar::kind_code(d.kind)))},
                                     {"reason", v.t("calendar.reason." + std::string(calendar::reason_code(d.reason)))}});
}

mstch::array kind_options(const View& v, calendar::DayKind selected) {
  mstch::array out;
  for (auto k : {calendar::DayKind::off, calendar::DayKind::work}) {
    std::string code(calendar::kind_code(k));
    out.push_back(mstch::map{{"value", code}, {"label", v.t("calendar.kind." + code)}, {"selected", k == selected}});
  }
  return out;
}

mstch::array reason_options(const View& v, calendar::Reason selected) {
  mstch::array out;
  for (auto r : kReasons) {
    std::string code(calendar::reason_code(r));
    out.push_back(mstch::map{{"value", code}, {"label", v.t("calendar.reason." + code)}, {"selected", r == selected}});
  }
  return out;
}

mstch::map month_context(const View& v, year_month m, Date today) {
  auto cal = v.ctx.calendar.current();
  int year = static_cast<int>(m.year());
  const calendar::OfficialSchedule* official = cal->official_schedule(year);
  year_month prev = m - std::chrono::months(1), next = m + std::chrono::months(1);
  mstch::array special = special_days(v, *cal, m);
  bool has_special = !special.empty();
  mstch::map c{{"title", month_title(v, m)},
               {"lunar_years", lunar_years(v, m)},
               {"weekdays", weekday_headers(v)},
               {"weeks", weeks_of(v, *cal, m, today)},
               {"special", std::move(special)},
               {"has_special", has_special},
               {"source_text", source_text(v, year, official)},
               {"year", num(year)},
               {"months", month_options(v, static_cast<unsigned>(m.month()))},
               {"has_prev", month_in_range(prev)},
               {"prev_url", month_url(prev)},
               {"prev_label", month_title(v, prev)},
               {"has_next", month_in_range(next)},
               {"next_url", month_url(next)},
               {"next_label", month_title(v, next)},
               {"manage", may_manage_calendar(v.req)},
               {"first_year", num(calendar::kFirstYear)},
               {"last_year", num(calendar::kLastYear)}};
  mstch::map form = form_context(v, {});
  for (auto& [k, val] : form) c[k] = val;
  return c;
}

std::pair<mstch::map, int> deadline_context(const View& v, const http::FormData& q) {
  DeadlineForm f{std::string(q.get_or("from", "")), std::string(q.get_or("time", "")),
                 std::string(q.get_or("unit", "")), std::string(q.get_or("amount", ""))};
  mstch::map c = form_context(v, f);
  c["title"] = v.t("calendar.deadline.title");
  if (f.from.empty() && f.time.empty() && f.amount.empty()) return {c, 200};

  std::vector<FieldProblem> problems;
  auto day = calendar::parse_date(f.from);
  if (!day) problems.push_back({"d-from", "calendar.error.date"});
  else if (!calendar::in_range(*day)) problems.push_back({"d-from", "calendar.error.year_range"});
  std::optional<calendar::LocalMoment> from;
  if (day) from = calendar::parse_local_moment(f.time.empty() ? f.from : f.from + "T" + f.time);
  if (!f.time.empty() && !calendar::parse_local_moment("2000-01-01T" + f.time)) problems.push_back({"d-time", "calendar.error.time"});
  if (f.unit != "working_days" && f.unit != "days" && !f.unit.empty()) problems.push_back({"d-unit", "calendar.error.unit"});
  auto amount = parse_amount(f.amount);
  if (!amount) problems.push_back({"d-amount", "calendar.error.amount"});

  std::optional<DueResult> r;
  calendar::Period period{f.unit == "days" ? calendar::Unit::days : calendar::Unit::working_days, amount.value_or(0)};
  if (problems.empty()) {
    // `from` is set whenever the date and the time parsed, i.e. when there is no problem.
    if (from) r = compute_due(*v.ctx.calendar.current(), v.ctx.calendar.deadline_rules(), *from, period);
    if (!r) problems.push_back({"d-amount", "calendar.error.out_of_range"});
  }
  if (!problems.empty() || !r || !from) {
    mstch::array errors;
    mstch::map error;
    for (const auto& p : problems) {
      errors.push_back(mstch::map{{"field", p.field}, {"message", v.t(p.message_id)}});
      error[p.field.substr(2)] = v.t(p.message_id);
    }
    c["errors"] = errors;
    c["has_errors"] = true;
    c["error"] = error;
    return {c, 422};
  }
  year_month_day due(r->due);
  c["result"] = mstch::map{{"due", day_label(v, r->due)},
                           {"due_iso", calendar::format_date(r->due)},
                           {"received", day_label(v, r->received)},
                           {"period", v.f(period.unit == calendar::Unit::days ? "calendar.deadline.period_days"
                                                                              : "calendar.deadline.period_working",
                                          {{"amount", num(period.amount)}})},
                           {"steps", explanation(v, *from, period, *r)},
                           {"month_url", month_url(due.year() / due.month())}};
  return {c, 200};
}

}  // namespace tinhso::calendar
