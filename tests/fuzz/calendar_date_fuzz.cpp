// Fuzzes parse_date and parse_local_moment with arbitrary text. They must never throw; what they
// accept prints back as the same text; an in-range date survives solar → lunar → solar; and the
// deadline engine answers every parsed receipt without throwing or leaving the range.
#include <cstdint>
#include <string>

#include "check.h"
#include "core/calendar/deadline.h"
#include "core/calendar/lunar.h"

namespace {

using namespace tinhso::calendar;

const WorkCalendar& calendar() {
  static const WorkCalendar c(HolidayRules{}, {});
  return c;
}

void check_date(std::string_view in, Date d) {
  FUZZ_CHECK(format_date(d) == in);
  if (!in_range(d)) {
    FUZZ_CHECK(!to_lunar(d));
    return;
  }
  const auto l = to_lunar(d);
  FUZZ_CHECK(l && to_solar(*l) == d);
  FUZZ_CHECK(l->day >= 1 && l->day <= lunar_month_length(l->year, l->month, l->leap));
  const std::string text = format_lunar(*l);
  FUZZ_CHECK(text.size() == (l->leap ? 17u : 12u) && text.starts_with("L "));
  // "L YYYY-MM-DD": the fields are the lunar year, month and day.
  FUZZ_CHECK(std::stoi(text.substr(2, 4)) == l->year && std::stoi(text.substr(7, 2)) == l->month &&
             std::stoi(text.substr(10, 2)) == l->day);
}

void check_moment(std::string_view in, const LocalMoment& m, unsigned amount) {
  FUZZ_CHECK(format_local_moment(m) == in);
  const DeadlineEngine engine(calendar(), DeadlineRules{});
  for (Unit unit : {Unit::working_days, Unit::days}) {
    const DeadlineSpec spec{m, {unit, static_cast<int>(amount)}, {}, {}};
    const auto due = engine.due(spec);
    FUZZ_CHECK(!due || (in_range(*due) && *due >= m.day));
    if (due) FUZZ_CHECK(engine.status(spec, m).working_days_left >= 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = tinhso::fuzz::as_view(data, size);
  if (auto d = parse_date(in)) check_date(in, *d);
  if (auto m = parse_local_moment(in)) check_moment(in, *m, static_cast<unsigned>(size * 37 % 400));
  return 0;
}
