#pragma once
// The rules of indicators (issue 17), pure and table-tested (tests/unit/modules/indicators):
// periods, measure expressions, Decision 766 scoring and the status against a target's path.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinhso::indicators {

// ---- periods ----
// How often an indicator is measured.
enum class Frequency { month, quarter, year };
std::optional<Frequency> parse_frequency(std::string_view s);
std::string_view frequency_code(Frequency f);
// A period: "YYYY" (year), "YYYY-Qn" (quarter 1–4) or "YYYY-MM" (month 01–12), years 2000–2199.
struct Period {
  Frequency frequency = Frequency::year;
  int year = 0;
  int index = 1;  // month 1–12, quarter 1–4, 1 for a year
  std::string code() const;
  // The first and the last month of the period, "YYYY-MM".
  std::string first_month() const;
  std::string last_month() const;
  // The last day, "YYYY-MM-DD".
  std::string last_day() const;
  // The period's end on a year axis: year + (months up to its end) / 12 (2025 → 2026.0,
  // 2025-03 → 2025.25).
  double end_position() const;
  Period previous() const;
  bool operator==(const Period&) const = default;
};
// The period `code` names with the frequency it shows; nullopt when it is not one (a 400).
std::optional<Period> parse_period(std::string_view code);
// The period of frequency `f` that contains day "YYYY-MM-DD" (a valid day).
Period period_containing(Frequency f, const std::string& day);
// `n` periods ending with `last`, oldest first.
std::vector<Period> last_periods(const Period& last, int n);

// ---- numbers as people type them ----
// The largest value a form or file may carry (a value is a number, not a string of digits).
inline constexpr double kMaxValue = 1e15;
// "1234,5" or "1234.5" (Vietnamese or English decimal mark, no grouping), at most 32 characters,
// finite, |v| ≤ kMaxValue; nullopt otherwise.
std::optional<double> parse_value(const std::string& text);

// ---- measure expressions ----
// What a module counts for one agency (or the province) over one period, by name
// ("dossiers.returned"): measures.h fills it.
using Measures = std::map<std::string, double, std::less<>>;
// A sum of measures with signs, "dossiers.returned - dossiers.late": names of [a-z0-9_.], joined
// by + or -, spaces allowed; at most 8 terms.
struct Expression {
  std::vector<std::pair<int, std::string>> terms;  // sign (+1 / -1), measure
  bool empty() const { return terms.empty(); }
  std::string text() const;
};
// nullopt when `text` is not such an expression ("" is the empty expression).
std::optional<Expression> parse_expression(std::string_view text);
// The expression's value; nullopt when a measure is missing from `m` (no data).
std::optional<double> evaluate(const Expression& e, const Measures& m);
// numerator ÷ denominator; the numerator alone when the denominator is empty (a count, a median);
// nullopt when the numerator is empty, a measure is missing or the denominator is 0 (Decision
// 766's "no data" for a zero denominator, LEADERS.md §2).
std::optional<double> ratio(const Expression& numerator, const Expression& denominator, const Measures& m);

// The median of a histogram kept as measures `prefix` + N (N a whole number, the measure how many
// had N), the mean of the two middle values when the count is even; nullopt when it counts
// nothing (e.g. "open311.hours." → the median hours to close).
std::optional<double> histogram_median(const Measures& m, std::string_view prefix);

// ---- Decision 766 ----
// One indicator's points (LEADERS.md §2, from the transcription of the Government Office's
// technical note): with a threshold T (a share in (0, 1]), the maximum when rate ≥ T, else
// rate × maximum ÷ T; without one (T = 1) proportional. `rate` is clamped to [0, 1].
double score_766(double rate, double threshold, double maximum);

// ---- status against the target's path ----
enum class Direction { higher, lower };
std::optional<Direction> parse_direction(std::string_view s);
std::string_view direction_code(Direction d);
enum class Status { on_track, at_risk, off_track, no_target };
std::string_view status_code(Status s);
// A point of the path on the year axis: a baseline, a milestone or the target, each at the end of
// its year (Period::end_position of the year).
struct PathPoint {
  double position = 0;
  double value = 0;
};
// The value the path expects at `position`: linear between the points around it (sorted by
// position); the first point's value before it, the last one's after it. nullopt without points.
std::optional<double> expected_on_path(const std::vector<PathPoint>& path, double position);
// The status rule shown on the dashboard: the value against the path's expected value at the
// period's end, in the indicator's direction — on track when it is at least as good; at risk
// when it falls short by no more than `at_risk_share` of the path's span (|last − first|, or of
// |target| when the path is one point); off track beyond. no_target without a path.
Status status_of(const std::vector<PathPoint>& path, Direction d, double position, double value,
                 double at_risk_share);

}  // namespace tinhso::indicators
