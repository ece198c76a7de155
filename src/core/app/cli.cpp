#include "core/app/cli.h"

namespace tinhso::app {

std::optional<std::optional<std::chrono::minutes>> parse_cutoff(std::string_view s) {
  if (s == "off") return std::optional<std::chrono::minutes>{};
  auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1; };
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h1 = digit(0), h2 = digit(1), m1 = digit(3), m2 = digit(4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
  if (hours > 23 || minutes > 59) return std::nullopt;
  return std::optional<std::chrono::minutes>(std::chrono::minutes(hours * 60 + minutes));
}

void add_calendar_options(CLI::App& cmd, Settings& s) {
  using Extra = calendar::HolidayRules::NationalDayExtra;
  cmd.add_option_function<int>(
         "--tet-days-before", [&s](int n) { s.holidays.tet_days_before = n; },
         "How many of Tết's 5 days off precede the lunar new year's day (the real last day of the lunar year "
         "counts as one), for years without an official schedule")
      ->envname("TINHSO_TET_DAYS_BEFORE")
      ->check(CLI::Range(0, 4))
      ->default_str(std::to_string(s.holidays.tet_days_before));
  cmd.add_option_function<std::string>(
         "--national-day-extra",
         [&s](const std::string& v) {
           s.holidays.national_day_extra = v == "before" ? Extra::before : v == "after" ? Extra::after : Extra::nearest_weekend;
         },
         "The National Day's second day off (Labor Code 2019 Art. 112(1)(đ)) in years without an official schedule: "
         "before, after, or nearest-weekend (the side that joins the weekend)")
      ->envname("TINHSO_NATIONAL_DAY_EXTRA")
      ->check(CLI::IsMember({"before", "after", "nearest-weekend"}))
      ->default_str("nearest-weekend");
  cmd.add_option_function<std::string>(
         "--receipt-cutoff", [&s](const std::string& v) { s.deadlines.cutoff = *parse_cutoff(v); },
         "Local time (HH:MM) from which an application counts as received on the next working day "
         "(Decree 61/2018/NĐ-CP Art. 18), or off")
      ->envname("TINHSO_RECEIPT_CUTOFF")
      ->check(CLI::Validator(
          [](std::string& v) { return parse_cutoff(v) ? std::string() : std::string("expected HH:MM or off"); },
          "HH:MM|off"))
      ->default_str("15:00");
}

}  // namespace tinhso::app
