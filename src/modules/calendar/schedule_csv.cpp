#include "modules/calendar/schedule_csv.h"

#include <algorithm>
#include <map>

#include "core/util/csv.h"
#include "core/util/strings.h"

namespace tinhso::calendar {

namespace {

using calendar::ScheduleDay;

constexpr std::string_view kHeader[] = {"date", "kind", "reason", "note"};

bool header_ok(const std::vector<std::string>& header) {
  if (header.size() != std::size(kHeader)) return false;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (to_lower_ascii(trim(header[i])) != kHeader[i]) return false;
  return true;
}

// One data row → a day, or the problems of that row.
std::vector<std::string> parse_row(const CsvRecord& row, int year, ScheduleDay& out) {
  std::vector<std::string> problems;
  auto date = calendar::parse_date(trim(row.fields[0]));
  auto kind = calendar::parse_kind(trim(row.fields[1]));
  auto reason = calendar::parse_reason(trim(row.fields[2]));
  std::string_view note = trim(unformula(row.fields[3]));
  if (!date) problems.emplace_back("calendar.error.date");
  else if (calendar::year_of(*date) != year) problems.emplace_back("calendar.error.outside_year");
  if (!kind) problems.emplace_back("calendar.error.kind");
  if (!reason) problems.emplace_back("calendar.error.reason");
  if (note.size() > kMaxNoteBytes) problems.emplace_back("calendar.error.note");
  if (problems.empty() && date && kind && reason) out = ScheduleDay{*date, *kind, *reason, std::string(note)};
  return problems;
}

}  // namespace

std::string problem_message_id(calendar::ScheduleProblem::Kind kind) {
  using K = calendar::ScheduleProblem::Kind;
  switch (kind) {
    case K::outside_year: return "calendar.error.outside_year";
    case K::duplicate: return "calendar.error.duplicate";
    case K::off_on_weekend: return "calendar.error.off_on_weekend";
    case K::work_on_weekday: return "calendar.error.work_on_weekday";
  }
  return "calendar.error.date";
}

ScheduleCsv parse_schedule_csv(std::string_view text, int year) {
  ScheduleCsv out;
  CsvResult parsed = parse_csv(text, CsvLimits{.max_rows = 400, .max_fields = 8, .max_field_bytes = 2048});
  if (parsed.error || !parsed.table) {
    if (parsed.error) out.problems.push_back({parsed.error->line, parsed.error->message_id});
    return out;
  }
  if (!header_ok(parsed.table->header)) {
    out.problems.push_back({1, "calendar.error.csv_header"});
    return out;
  }
  std::map<calendar::Date, std::size_t> line_of;  // each date → the line that first named it
  for (const auto& row : parsed.table->rows) {
    ScheduleDay day;
    auto problems = parse_row(row, year, day);
    if (problems.empty() && !line_of.emplace(day.date, row.line).second) problems.emplace_back("calendar.error.duplicate");
    for (auto& id : problems) out.problems.push_back({row.line, std::move(id)});
    if (problems.empty()) out.days.push_back(std::move(day));
  }
  std::sort(out.days.begin(), out.days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  for (const auto& p : calendar::check_schedule({year, "", out.days}))
    out.problems.push_back({line_of[p.date], problem_message_id(p.kind)});
  std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  if (!out.problems.empty()) out.days.clear();
  return out;
}

std::string schedule_to_csv(const calendar::OfficialSchedule& s) {
  std::string out = "\xEF\xBB\xBF" "date,kind,reason,note\r\n";
  for (const auto& d : s.days) {
    out += calendar::format_date(d.date) + "," + std::string(calendar::kind_code(d.kind)) + "," +
           std::string(calendar::reason_code(d.reason)) + "," + csv_field(d.note) + "\r\n";
  }
  return out;
}

}  // namespace tinhso::calendar
