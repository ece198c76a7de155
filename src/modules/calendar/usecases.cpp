#include "modules/calendar/usecases.h"

#include <algorithm>

#include "modules/calendar/store.h"

namespace tinhso::calendar {

namespace {

using calendar::ScheduleDay;

std::string day_summary(const ScheduleDay& d) {
  std::string out = calendar::format_date(d.date) + " " + std::string(calendar::kind_code(d.kind)) + " " +
                    std::string(calendar::reason_code(d.reason));
  if (!d.note.empty()) out += " " + d.note;
  return out;
}

std::string schedule_summary(const calendar::OfficialSchedule& sch) {
  return std::to_string(sch.year) + ": " + days_summary(sch.days) + (sch.source.empty() ? "" : " | " + sch.source);
}

bool year_ok(int year) { return year >= calendar::kFirstYear && year <= calendar::kLastYear; }

Outcome invalid(std::string field, std::string message_id) {
  return {Status::invalid, {{std::move(field), std::move(message_id)}}};
}

// check_schedule's verdict on `sch` as form problems (all on the date field).
std::vector<Problem> check(const calendar::OfficialSchedule& sch) {
  std::vector<Problem> out;
  for (const auto& p : calendar::check_schedule(sch)) out.push_back({"date", problem_message_id(p.kind)});
  return out;
}

// Writes a changed schedule, its audit record and a new version.
void save(soci::session& s, ScheduleInfo info, const Actor& who, audit::Change change) {
  std::sort(info.schedule.days.begin(), info.schedule.days.end(),
            [](const auto& a, const auto& b) { return a.date < b.date; });
  info.updated_at = who.at;
  info.updated_by = who.name;
  update_schedule(s, info);
  bump_version(s);
  who.audit(s, change);
}

}  // namespace

std::string days_summary(const std::vector<ScheduleDay>& days) {
  std::string out;
  for (const auto& d : days) {
    if (!out.empty()) out += "; ";
    out += calendar::format_date(d.date).substr(5) + " " + std::string(calendar::kind_code(d.kind)) + " " +
           std::string(calendar::reason_code(d.reason));
  }
  return out;
}

Outcome create_schedule(soci::session& s, int year, std::string_view source, bool prefill,
                        const calendar::HolidayRules& rules, const Actor& who) {
  if (!year_ok(year)) return invalid("year", "calendar.error.year");
  if (source.size() > kMaxSourceBytes) return invalid("source", "calendar.error.source");
  if (find_schedule(s, year)) return invalid("year", "calendar.error.schedule_exists");
  ScheduleInfo info{{year, std::string(source), prefill ? calendar::generated_days(year, rules) : std::vector<ScheduleDay>{}},
                    who.at, who.name};
  insert_schedule(s, info);
  bump_version(s);
  who.audit(s, {"calendar_schedule.create", "calendar_schedule", std::to_string(year), "", schedule_summary(info.schedule)});
  return {};
}

Outcome set_source(soci::session& s, int year, std::string_view source, const Actor& who) {
  auto info = find_schedule(s, year);
  if (!info) return {Status::not_found, {}};
  if (source.size() > kMaxSourceBytes) return invalid("source", "calendar.error.source");
  std::string before = info->schedule.source;
  info->schedule.source = std::string(source);
  save(s, *info, who, {"calendar_schedule.update", "calendar_schedule", std::to_string(year), before, info->schedule.source});
  return {};
}

Outcome put_day(soci::session& s, int year, const ScheduleDay& day, std::optional<calendar::Date> replaces,
                const Actor& who) {
  auto info = find_schedule(s, year);
  if (!info) return {Status::not_found, {}};
  auto& days = info->schedule.days;
  auto at = [&](calendar::Date d) { return std::find_if(days.begin(), days.end(), [&](const auto& x) { return x.date == d; }); };
  std::string before;
  if (replaces) {
    auto it = at(*replaces);
    if (it == days.end()) return {Status::not_found, {}};
    before = day_summary(*it);
    days.erase(it);
  }
  if (day.note.size() > kMaxNoteBytes) return invalid("note", "calendar.error.note");
  if (at(day.date) != days.end()) return invalid("date", "calendar.error.duplicate");
  days.push_back(day);
  if (auto problems = check(info->schedule); !problems.empty()) return {Status::invalid, problems};
  std::string action = replaces ? "calendar_day.update" : "calendar_day.create";
  save(s, *info, who, {action, "calendar_day", calendar::format_date(replaces.value_or(day.date)), before, day_summary(day)});
  return {};
}

Outcome remove_day(soci::session& s, int year, calendar::Date day, const Actor& who) {
  auto info = find_schedule(s, year);
  if (!info) return {Status::not_found, {}};
  auto& days = info->schedule.days;
  auto it = std::find_if(days.begin(), days.end(), [&](const auto& x) { return x.date == day; });
  if (it == days.end()) return {Status::not_found, {}};
  std::string before = day_summary(*it);
  days.erase(it);
  save(s, *info, who, {"calendar_day.delete", "calendar_day", calendar::format_date(day), before, ""});
  return {};
}

Outcome remove_schedule(soci::session& s, int year, const Actor& who) {
  auto info = find_schedule(s, year);
  if (!info || !delete_schedule(s, year)) return {Status::not_found, {}};
  bump_version(s);
  who.audit(s, {"calendar_schedule.delete", "calendar_schedule", std::to_string(year), schedule_summary(info->schedule), ""});
  return {};
}

ImportOutcome import_schedule(soci::session& s, int year, std::string_view csv, const Actor& who) {
  auto info = find_schedule(s, year);
  if (!info) return {Status::not_found, {}, 0};
  ScheduleCsv parsed = parse_schedule_csv(csv, year);
  if (!parsed.problems.empty()) return {Status::invalid, std::move(parsed.problems), 0};
  if (parsed.days.empty()) return {Status::invalid, {{1, "calendar.error.csv_no_rows"}}, 0};
  std::string before = schedule_summary(info->schedule);
  info->schedule.days = std::move(parsed.days);
  std::size_t n = info->schedule.days.size();
  std::string after = schedule_summary(info->schedule);
  save(s, *info, who, {"calendar_schedule.import", "calendar_schedule", std::to_string(year), before, after});
  return {Status::done, {}, n};
}

}  // namespace tinhso::calendar
