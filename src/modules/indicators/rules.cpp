#include "modules/indicators/rules.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace tinhso::indicators {

namespace {

std::optional<int> digits(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string month_code(int year, int month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

int months_in(Frequency f) { return f == Frequency::month ? 1 : f == Frequency::quarter ? 3 : 12; }

bool measure_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; }

}  // namespace

std::optional<double> parse_value(const std::string& text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  std::string t = text;
  for (char& c : t) {
    if (c == ',') c = '.';
    else if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return std::nullopt;
  }
  try {
    std::size_t used = 0;
    double v = std::stod(t, &used);
    if (used != t.size() || !std::isfinite(v) || std::fabs(v) > kMaxValue) return std::nullopt;
    return v;
  } catch (const std::logic_error&) {
    return std::nullopt;
  }
}

std::optional<Frequency> parse_frequency(std::string_view s) {
  if (s == "month") return Frequency::month;
  if (s == "quarter") return Frequency::quarter;
  if (s == "year") return Frequency::year;
  return std::nullopt;
}

std::string_view frequency_code(Frequency f) {
  switch (f) {
    case Frequency::month: return "month";
    case Frequency::quarter: return "quarter";
    case Frequency::year: return "year";
  }
  return "year";
}

std::string Period::code() const {
  char buf[32];
  switch (frequency) {
    case Frequency::month: return month_code(year, index);
    case Frequency::quarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", year, index); return buf;
    case Frequency::year: std::snprintf(buf, sizeof buf, "%04d", year); return buf;
  }
  return {};
}

std::string Period::first_month() const { return month_code(year, (index - 1) * months_in(frequency) + 1); }
std::string Period::last_month() const { return month_code(year, index * months_in(frequency)); }

std::string Period::last_day() const {
  const int m = index * months_in(frequency);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int d = kDays[m - 1];
  if (m == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) d = 29;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m, d);
  return buf;
}

double Period::end_position() const { return year + (index * months_in(frequency)) / 12.0; }

Period Period::previous() const {
  Period p = *this;
  if (p.index > 1) {
    --p.index;
  } else {
    --p.year;
    p.index = 12 / months_in(frequency);
  }
  return p;
}

std::optional<Period> parse_period(std::string_view code) {
  Period p;
  if (code.size() < 4) return std::nullopt;
  auto y = digits(code.substr(0, 4));
  if (!y || *y < 2000 || *y > 2199) return std::nullopt;
  p.year = *y;
  if (code.size() == 4) {
    p.frequency = Frequency::year;
    return p;
  }
  if (code.size() == 7 && code[4] == '-' && code[5] == 'Q') {
    auto q = digits(code.substr(6, 1));
    if (!q || *q < 1 || *q > 4) return std::nullopt;
    p.frequency = Frequency::quarter;
    p.index = *q;
    return p;
  }
  if (code.size() == 7 && code[4] == '-') {
    auto m = digits(code.substr(5, 2));
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    p.frequency = Frequency::month;
    p.index = *m;
    return p;
  }
  return std::nullopt;
}

Period period_containing(Frequency f, const std::string& day) {
  Period p;
  p.frequency = f;
  p.year = std::stoi(day.substr(0, 4));
  const int m = std::stoi(day.substr(5, 2));
  p.index = (m - 1) / months_in(f) + 1;
  return p;
}

std::vector<Period> last_periods(const Period& last, int n) {
  std::vector<Period> out(static_cast<std::size_t>(std::max(n, 0)));
  Period p = last;
  for (int i = n - 1; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = p;
    p = p.previous();
  }
  return out;
}

std::string Expression::text() const {
  std::string out;
  for (const auto& [sign, name] : terms) {
    if (!out.empty()) out += sign < 0 ? " - " : " + ";
    else if (sign < 0) out += "-";
    out += name;
  }
  return out;
}

std::optional<Expression> parse_expression(std::string_view text) {
  Expression e;
  int sign = 1;
  bool expect_term = true, leading_sign = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ') {
      ++i;
    } else if (expect_term && (c == '+' || c == '-') && e.terms.empty() && !leading_sign) {
      sign = c == '-' ? -1 : 1;
      leading_sign = true;
      ++i;
    } else if (expect_term && measure_char(c)) {
      std::size_t j = i;
      while (j < text.size() && measure_char(text[j])) ++j;
      std::string name(text.substr(i, j - i));
      if (name.front() == '.' || name.back() == '.' || name.size() > 64 || e.terms.size() == 8) return std::nullopt;
      e.terms.emplace_back(sign, std::move(name));
      sign = 1;
      expect_term = false;
      i = j;
    } else if (!expect_term && (c == '+' || c == '-')) {
      sign = c == '-' ? -1 : 1;
      expect_term = true;
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (expect_term && (!e.terms.empty() || leading_sign)) return std::nullopt;
  return e;
}

std::optional<double> evaluate(const Expression& e, const Measures& m) {
  if (e.empty()) return std::nullopt;
  double sum = 0;
  for (const auto& [sign, name] : e.terms) {
    auto it = m.find(name);
    if (it == m.end()) return std::nullopt;
    sum += sign * it->second;
  }
  return sum;
}

std::optional<double> ratio(const Expression& numerator, const Expression& denominator, const Measures& m) {
  auto n = evaluate(numerator, m);
  if (denominator.empty()) return n;
  auto d = evaluate(denominator, m);
  if (!n || !d || *d == 0) return std::nullopt;
  return *n / *d;
}

std::optional<double> histogram_median(const Measures& m, std::string_view prefix) {
  std::map<long long, double> counts;
  double n = 0;
  for (auto it = m.lower_bound(prefix); it != m.end() && std::string_view(it->first).starts_with(prefix); ++it) {
    const std::string_view rest = std::string_view(it->first).substr(prefix.size());
    long long v = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
    if (ec != std::errc{} || end != rest.data() + rest.size() || !(it->second > 0)) continue;
    counts[v] += it->second;
    n += it->second;
  }
  if (!(n > 0)) return std::nullopt;
  // The values at ranks ⌈n/2⌉ and ⌊n/2⌋ + 1 (1-based): the same one when n is odd.
  const double lo_rank = std::ceil(n / 2), hi_rank = std::floor(n / 2) + 1;
  std::optional<double> lo, hi;
  double seen = 0;
  for (const auto& [v, c] : counts) {
    seen += c;
    if (!lo && seen >= lo_rank) lo = static_cast<double>(v);
    if (!hi && seen >= hi_rank) hi = static_cast<double>(v);
    if (lo && hi) break;
  }
  return (lo.value_or(0) + hi.value_or(0)) / 2;
}

double score_766(double rate, double threshold, double maximum) {
  if (!std::isfinite(rate) || rate < 0) rate = 0;
  rate = std::min(rate, 1.0);
  if (!(threshold > 0) || threshold > 1) threshold = 1;
  return rate >= threshold ? maximum : rate * maximum / threshold;
}

std::optional<Direction> parse_direction(std::string_view s) {
  if (s == "higher") return Direction::higher;
  if (s == "lower") return Direction::lower;
  return std::nullopt;
}

std::string_view direction_code(Direction d) { return d == Direction::higher ? "higher" : "lower"; }

std::string_view status_code(Status s) {
  switch (s) {
    case Status::on_track: return "on_track";
    case Status::at_risk: return "at_risk";
    case Status::off_track: return "off_track";
    case Status::no_target: return "no_target";
  }
  return "no_target";
}

std::optional<double> expected_on_path(const std::vector<PathPoint>& path, double position) {
  if (path.empty()) return std::nullopt;
  if (position <= path.front().position) return path.front().value;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const PathPoint& a = path[i - 1];
    const PathPoint& b = path[i];
    if (position <= b.position) {
      if (b.position == a.position) return b.value;
      return a.value + (b.value - a.value) * (position - a.position) / (b.position - a.position);
    }
  }
  return path.back().value;
}

Status status_of(const std::vector<PathPoint>& path, Direction d, double position, double value,
                 double at_risk_share) {
  auto expected = expected_on_path(path, position);
  if (!expected) return Status::no_target;
  const double shortfall = d == Direction::higher ? *expected - value : value - *expected;
  if (shortfall <= 1e-9) return Status::on_track;
  double span = std::fabs(path.back().value - path.front().value);
  if (path.size() < 2 || span == 0) span = std::fabs(path.back().value);
  return shortfall <= at_risk_share * span + 1e-9 ? Status::at_risk : Status::off_track;
}

}  // namespace tinhso::indicators
