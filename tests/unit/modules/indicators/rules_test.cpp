// The indicators module's rules (issue 17): periods, measure expressions, Decision 766 scoring,
// the status against a target's path, and the embedded scorecard — every formula with data
// reached, below its threshold and with a zero denominator.
#include <gtest/gtest.h>

#include <cmath>

#include "modules/indicators/rules.h"
#include "modules/indicators/scorecard.h"

namespace tinhso::indicators {
namespace {

TEST(IndicatorPeriods, ParseAndSpan) {
  struct Case {
    const char* code;
    bool ok;
    const char *first, *last, *day;
    double end;
  };
  const Case cases[] = {
      {"2025", true, "2025-01", "2025-12", "2025-12-31", 2026.0},
      {"2025-Q1", true, "2025-01", "2025-03", "2025-03-31", 2025.25},
      {"2024-02", true, "2024-02", "2024-02", "2024-02-29", 2024.0 + 2 / 12.0},
      {"2025-02", true, "2025-02", "2025-02", "2025-02-28", 2025.0 + 2 / 12.0},
      {"2025-12", true, "2025-12", "2025-12", "2025-12-31", 2026.0},
      {"2025-13", false, "", "", "", 0},  {"2025-00", false, "", "", "", 0}, {"2025-Q5", false, "", "", "", 0},
      {"1999", false, "", "", "", 0},     {"2200", false, "", "", "", 0},    {"", false, "", "", "", 0},
      {"2025-1", false, "", "", "", 0},   {"25-01", false, "", "", "", 0},  {"2025-Q0", false, "", "", "", 0},
      {"+025", false, "", "", "", 0},     {"2025-0x", false, "", "", "", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    auto p = parse_period(c.code);
    ASSERT_EQ(p.has_value(), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(p->code(), c.code);
    EXPECT_EQ(p->first_month(), c.first);
    EXPECT_EQ(p->last_month(), c.last);
    EXPECT_EQ(p->last_day(), c.day);
    EXPECT_DOUBLE_EQ(p->end_position(), c.end);
  }
  EXPECT_EQ(period_containing(Frequency::quarter, "2026-12-06").code(), "2026-Q4");
  EXPECT_EQ(period_containing(Frequency::month, "2026-01-01").previous().code(), "2025-12");
  EXPECT_EQ(parse_period("2026-Q1")->previous().code(), "2025-Q4");
  auto last = last_periods(*parse_period("2026-02"), 12);
  ASSERT_EQ(last.size(), 12u);
  EXPECT_EQ(last.front().code(), "2025-03");
  EXPECT_EQ(last.back().code(), "2026-02");
}

TEST(IndicatorExpressions, ParseAndEvaluate) {
  const Measures m = {{"a.x", 10}, {"a.y", 4}, {"b", 0}};
  struct Case {
    const char* text;
    bool ok;
    std::optional<double> value;
  };
  const Case cases[] = {
      {"a.x", true, 10},        {"a.x - a.y", true, 6},  {"a.x+a.y", true, 14},   {"-a.y + a.x", true, 6},
      {"a.x - a.y - b", true, 6}, {"missing", true, std::nullopt}, {"a.x - missing", true, std::nullopt},
      {"", true, std::nullopt}, {"a.x -", false, {}},   {"- ", false, {}},       {"a.x a.y", false, {}},
      {"a.x * 2", false, {}},   {"A.x", false, {}},      {".x", false, {}},       {"x.", false, {}},
      {"a.x -- a.y", false, {}}, {"a+b+a+b+a+b+a+b+a", false, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto e = parse_expression(c.text);
    ASSERT_EQ(e.has_value(), c.ok);
    if (!c.ok) continue;
    EXPECT_EQ(evaluate(*e, m), c.value);
    if (!e->empty()) {
      EXPECT_EQ(parse_expression(e->text())->text(), e->text());
    }
  }
  EXPECT_EQ(ratio(*parse_expression("a.y"), *parse_expression("a.x"), m), 0.4);
  EXPECT_EQ(ratio(*parse_expression("a.y"), *parse_expression("b"), m), std::nullopt) << "zero denominator: no data";
  EXPECT_EQ(ratio(*parse_expression(""), *parse_expression(""), m), std::nullopt);
  EXPECT_EQ(ratio(*parse_expression("a.x - a.y"), *parse_expression(""), m), 6) << "no denominator: the value itself";
  EXPECT_EQ(ratio(*parse_expression("missing"), *parse_expression(""), m), std::nullopt);
  EXPECT_EQ(ratio(*parse_expression(""), *parse_expression("a.x"), m), std::nullopt);
}

TEST(IndicatorHistogram, MedianOfKeptCounts) {
  struct Case {
    const char* name;
    Measures m;
    std::optional<double> median;
  };
  const Case cases[] = {
      {"nothing counted", {{"o.other", 3}}, std::nullopt},
      {"zero counts", {{"o.h.5", 0}}, std::nullopt},
      {"one value", {{"o.h.7", 1}}, 7},
      {"odd count: the middle", {{"o.h.1", 1}, {"o.h.2", 1}, {"o.h.30", 1}}, 2},
      {"even count: the mean of the two middles", {{"o.h.1", 1}, {"o.h.3", 1}}, 2},
      {"keys sort as text, values as numbers", {{"o.h.10", 2}, {"o.h.9", 1}}, 10},
      {"many in one bucket", {{"o.h.0", 5}, {"o.h.100", 4}}, 0},
      {"a split between buckets", {{"o.h.0", 2}, {"o.h.4", 2}}, 2},
      {"other names ignored", {{"o.h.x", 9}, {"o.h.", 9}, {"o.hh.1", 9}, {"o.h.6", 1}}, 6},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(histogram_median(c.m, "o.h."), c.median);
  }
}

TEST(Decision766, ScoreRule) {
  struct Case {
    double rate, threshold, max, points;
  };
  const Case cases[] = {
      {1.0, 1.0, 20, 20},   {0.9, 1.0, 20, 18},  {0.0, 1.0, 20, 0},    // proportional
      {0.8, 0.8, 2, 2},     {0.95, 0.8, 2, 2},   {0.4, 0.8, 2, 1},     // threshold 80 %: reached, below
      {0.5, 0.5, 6, 6},     {0.25, 0.5, 6, 3},                          // threshold 50 %
      {0.9, 0.9, 6, 6},     {0.45, 0.9, 6, 3},                          // threshold 90 %
      {1.5, 1.0, 4, 4},     {-0.2, 0.8, 4, 0},                          // clamped to [0, 1]
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(c.rate) + " T=" + std::to_string(c.threshold));
    EXPECT_NEAR(score_766(c.rate, c.threshold, c.max), c.points, 1e-9);
  }
  EXPECT_EQ(score_766(std::nan(""), 0.8, 6), 0);
}

// Every formula of the embedded scorecard: its threshold reached scores the maximum, half of it
// half (or the rate × maximum when proportional), and a zero denominator is no data (0 points).
TEST(Decision766, EveryFormulaOfTheScorecard) {
  const ScorecardDefs& defs = scorecard_defs();
  ASSERT_EQ(defs.groups.size(), 6u);
  int with_formula = 0;
  for (std::size_t k = 0; k < defs.items.size(); ++k) {
    const ScoreDef& d = defs.items[k];
    SCOPED_TRACE(d.code);
    if (d.numerator.empty()) continue;
    ++with_formula;
    // Measures that make the numerator ÷ denominator equal `rate`: every measure of the
    // denominator 0 but the first (100), the numerator's first term set to hit the rate.
    auto measures_for = [&](double rate) {
      Measures m;
      for (const auto& [sign, name] : d.numerator.terms) m[name] = 0;
      for (const auto& [sign, name] : d.denominator.terms) m[name] = 0;
      m[d.denominator.terms.front().second] = 100;
      const std::string& first = d.numerator.terms.front().second;
      if (first == d.denominator.terms.front().second) {
        // (returned − late − dissatisfied) ÷ returned: rate via the subtracted terms.
        m[d.numerator.terms[1].second] = 100 * (1 - rate);
      } else {
        m[first] = 100 * rate;
      }
      return m;
    };
    Scorecard reached = score(defs, measures_for(d.threshold));
    EXPECT_EQ(reached.items[k].hundredths, std::llround(d.max * 100)) << "threshold reached";
    Scorecard below = score(defs, measures_for(d.threshold / 2));
    EXPECT_EQ(below.items[k].hundredths, std::llround(d.max * 50)) << "half the threshold, half the points";
    Measures zero = measures_for(0.5);
    for (const auto& [sign, name] : d.denominator.terms) zero[name] = 0;
    Scorecard none = score(defs, zero);
    EXPECT_FALSE(none.items[k].rate.has_value()) << "zero denominator: no data";
    EXPECT_EQ(none.items[k].hundredths, 0);
  }
  EXPECT_GE(with_formula, 7);
}

TEST(Decision766, GroupsAddUpToTheTotal) {
  const ScorecardDefs& defs = scorecard_defs();
  Measures m = {{"dossiers.on_time", 37},  {"dossiers.returned", 41},        {"dossiers.late", 4},
                {"dossiers.dissatisfied", 3}, {"dossiers.received", 50},     {"dossiers.received_online", 17},
                {"dossiers.digitised", 40}, {"procedures.complete", 7},      {"procedures.total", 9},
                {"procedures.online", 8},  {"procedures.online_used", 3}};
  Scorecard s = score(defs, m);
  long long sum = 0;
  for (const auto& [g, h] : s.groups) sum += h;
  EXPECT_EQ(sum, s.total);
  EXPECT_LE(s.total, s.max_with_data);
  EXPECT_EQ(s.max_with_data, 4600) << "1.3, 2.1, 3.1–3.3, 4.1 and 5.4 have inputs; petitions and payment do not";
}

TEST(Decision766, BadFilesAreRefused) {
  const std::string header =
      "group,group_max,code,name_vi,name_en,max,threshold,numerator,denominator,source,confidence,note_vi,note_en\n";
  EXPECT_THROW(parse_scorecard(header + "a,100,1,X,X,90,,x,y,S,L,,\n"), std::runtime_error) << "group does not add up";
  EXPECT_THROW(parse_scorecard(header + "a,100,1,X,X,100,120,x,y,S,L,,\n"), std::runtime_error) << "threshold > 100";
  EXPECT_THROW(parse_scorecard(header + "a,100,1,X,X,100,,x,,S,L,,\n"), std::runtime_error) << "half a formula";
  EXPECT_THROW(parse_scorecard(header + "a,100,1,X,X,100,,x *,y,S,L,,\n"), std::runtime_error);
  EXPECT_THROW(parse_scorecard(header + "a,50,1,X,X,50,,x,y,S,L,,\n"), std::runtime_error) << "total not 100";
  EXPECT_NO_THROW(parse_scorecard(header + "a,100,1,X,X,100,80,x,y,S,L,,\n"));
}

TEST(IndicatorStatus, LinearPathRule) {
  // DTI rank (lower is better): 18 at the end of 2022, 15 by the end of 2025, 10 by 2030.
  const std::vector<PathPoint> dti = {{2023.0, 18}, {2026.0, 15}, {2031.0, 10}};
  // Income (higher is better): 57 in 2019, milestone 70 in 2023, target 80 in 2025.
  const std::vector<PathPoint> income = {{2020.0, 57}, {2024.0, 70}, {2026.0, 80}};
  struct Case {
    const char* name;
    const std::vector<PathPoint>* path;
    Direction d;
    double position, value;
    Status want;
  };
  const Case cases[] = {
      {"rank on the path at 2024", &dti, Direction::lower, 2025.0, 16, Status::on_track},
      {"rank better than the path", &dti, Direction::lower, 2025.0, 14, Status::on_track},
      {"rank short within 10 % of the span (0.8 ≤ 0.8)", &dti, Direction::lower, 2025.0, 16.8, Status::at_risk},
      {"rank far short", &dti, Direction::lower, 2025.0, 19, Status::off_track},
      {"income at the milestone", &income, Direction::higher, 2024.0, 70, Status::on_track},
      {"income between milestone and target", &income, Direction::higher, 2025.0, 74, Status::at_risk},
      {"income far short", &income, Direction::higher, 2025.0, 70, Status::off_track},
      {"after the target's year, the target", &income, Direction::higher, 2027.0, 80, Status::on_track},
      {"before the path, its first point", &income, Direction::higher, 2019.0, 56, Status::at_risk},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(status_of(*c.path, c.d, c.position, c.value, 0.10), c.want);
  }
  EXPECT_EQ(status_of({}, Direction::higher, 2025.0, 1, 0.1), Status::no_target);
  // One point (a target without a baseline): the band is 10 % of the target.
  EXPECT_EQ(status_of({{2027.0, 98}}, Direction::higher, 2026.5, 90, 0.1), Status::at_risk);
  EXPECT_EQ(status_of({{2027.0, 98}}, Direction::higher, 2026.5, 85, 0.1), Status::off_track);
  EXPECT_DOUBLE_EQ(*expected_on_path(income, 2025.0), 75.0);
}

}  // namespace
}  // namespace tinhso::indicators
