// Fuzzes the official-schedule CSV import (src/modules/calendar/schedule_csv.h): an uploaded file
// is outside input. It must never crash; the result is either days or problems, never both; the
// days pass check_schedule for their year and are sorted; every problem names a catalog id and a
// line of the file; and exporting the days then importing them gives the same days.
#include <cstdint>
#include <string>

#include "check.h"
#include "modules/calendar/schedule_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso;
  std::string_view in = fuzz::as_view(data, size);
  // The first byte picks the year (2020–2035 and the range ends), the rest is the file.
  int year = 2026;
  if (!in.empty()) {
    auto b = static_cast<unsigned char>(in.front());
    year = b < 240 ? 2020 + b % 16 : (b % 2 ? calendar::kFirstYear : calendar::kLastYear);
    in.remove_prefix(1);
  }
  calendar::ScheduleCsv r = calendar::parse_schedule_csv(in, year);
  FUZZ_CHECK(r.days.empty() || r.problems.empty());
  std::size_t lines = 1;
  for (char c : in) lines += c == '\n' || c == '\r';
  for (const auto& p : r.problems) {
    FUZZ_CHECK(p.message_id.starts_with("csv.") || p.message_id.starts_with("calendar.error."));
    FUZZ_CHECK(p.line <= lines);
  }
  if (r.days.empty()) return 0;
  calendar::OfficialSchedule s{year, "", r.days};
  FUZZ_CHECK(calendar::check_schedule(s).empty());
  for (std::size_t i = 1; i < r.days.size(); ++i) FUZZ_CHECK(r.days[i - 1].date < r.days[i].date);
  calendar::ScheduleCsv again = calendar::parse_schedule_csv(calendar::schedule_to_csv(s), year);
  FUZZ_CHECK(again.problems.empty());
  FUZZ_CHECK(again.days == r.days);
  return 0;
}
