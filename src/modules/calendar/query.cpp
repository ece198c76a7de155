#include "modules/calendar/query.h"

#include <charconv>

namespace tinhso::calendar {

namespace {

// Digits only (no sign, no space), at most `max_digits` of them.
std::optional<int> digits(std::string_view s, std::size_t max_digits) {
  if (s.empty() || s.size() > max_digits) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

bool year_ok(int y) { return y >= calendar::kFirstYear && y <= calendar::kLastYear; }

}  // namespace

std::optional<int> parse_amount(std::string_view s) {
  auto v = digits(s, 6);
  if (!v || *v > kMaxAmount) return std::nullopt;
  return v;
}

std::optional<int> parse_year(std::string_view s) {
  auto v = s.size() == 4 ? digits(s, 4) : std::nullopt;
  if (!v || !year_ok(*v)) return std::nullopt;
  return v;
}

std::optional<std::chrono::year_month> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  return parse_year_and_month(s.substr(0, 4), s.substr(5));
}

std::optional<std::chrono::year_month> parse_year_and_month(std::string_view year, std::string_view month) {
  auto y = parse_year(year);
  auto m = digits(month, 2);
  if (!y || !m || *m < 1 || *m > 12) return std::nullopt;
  return std::chrono::year(*y) / std::chrono::month(static_cast<unsigned>(*m));
}

std::string format_minutes(std::chrono::minutes m) {
  auto h = m.count() / 60, mm = m.count() % 60;
  std::string out;
  out += static_cast<char>('0' + h / 10);
  out += static_cast<char>('0' + h % 10);
  out += ':';
  out += static_cast<char>('0' + mm / 10);
  out += static_cast<char>('0' + mm % 10);
  return out;
}

std::optional<DueResult> compute_due(const calendar::WorkCalendar& cal, const calendar::DeadlineRules& rules,
                                     const calendar::LocalMoment& from, calendar::Period period) {
  calendar::DeadlineEngine engine(cal, rules);
  auto received = engine.effective_receipt_day(from);
  if (!received) return std::nullopt;
  auto due = engine.due(calendar::DeadlineSpec{from, period, {}, {}});
  if (!due) return std::nullopt;
  DueResult out{*received, *due, from.time && rules.cutoff && *from.time >= *rules.cutoff, std::nullopt};
  if (period.unit == calendar::Unit::days) {
    calendar::Date end = *received + std::chrono::days(period.amount);
    if (end != *due) out.rolled_from = end;
  }
  return out;
}

}  // namespace tinhso::calendar
