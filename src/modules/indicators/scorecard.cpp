#include "modules/indicators/scorecard.h"

#include <cmath>
#include <stdexcept>

#include "core/util/csv.h"
#include "core/util/embedded.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_indicators_data();
}

namespace tinhso::indicators {

namespace {

double number(const std::string& s, std::size_t line, const char* what) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v) || v < 0) throw std::invalid_argument(what);
    return v;
  } catch (const std::logic_error&) {
    throw std::runtime_error("scorecard line " + std::to_string(line) + ": bad " + what + " '" + s + "'");
  }
}

long long hundredths(double v) { return std::llround(v * 100); }

}  // namespace

ScorecardDefs parse_scorecard(std::string_view csv) {
  auto parsed = parse_csv(csv);
  if (!parsed.table.has_value())
    throw std::runtime_error("scorecard: not CSV (" + parsed.error.value_or(CsvError{}).message_id + ")");
  const CsvTable& t = parsed.table.value();
  const std::vector<std::string> header = {"group", "group_max", "code", "name_vi", "name_en", "max", "threshold",
                                           "numerator", "denominator", "source", "confidence", "note_vi", "note_en"};
  if (t.header != header) throw std::runtime_error("scorecard: unexpected header");
  ScorecardDefs defs;
  std::map<std::string, double> sums;
  for (const auto& r : t.rows) {
    const auto& f = r.fields;
    ScoreDef d;
    d.group = f[0];
    d.group_max = number(f[1], r.line, "group maximum");
    d.code = f[2];
    d.name = f[3];
    d.name_en = f[4];
    d.max = number(f[5], r.line, "maximum");
    d.threshold = f[6].empty() ? 1.0 : number(f[6], r.line, "threshold") / 100.0;
    if (d.threshold <= 0 || d.threshold > 1) throw std::runtime_error("scorecard line " + std::to_string(r.line) + ": threshold");
    auto num = parse_expression(f[7]);
    auto den = parse_expression(f[8]);
    if (!num || !den || num->empty() != den->empty())
      throw std::runtime_error("scorecard line " + std::to_string(r.line) + ": bad numerator or denominator");
    d.numerator = *num;
    d.denominator = *den;
    d.source = f[9];
    d.confidence = f[10];
    d.note = f[11];
    d.note_en = f[12];
    if (d.code.empty() || d.name.empty() || d.source.empty())
      throw std::runtime_error("scorecard line " + std::to_string(r.line) + ": code, name and source are required");
    bool known = false;
    for (auto& g : defs.groups)
      if (g.code == d.group) {
        known = true;
        if (g.max != d.group_max) throw std::runtime_error("scorecard line " + std::to_string(r.line) + ": group maximum");
      }
    if (!known) defs.groups.push_back({d.group, d.group_max});
    sums[d.group] += d.max;
    defs.items.push_back(std::move(d));
  }
  double total = 0;
  for (const auto& g : defs.groups) {
    if (hundredths(sums[g.code]) != hundredths(g.max))
      throw std::runtime_error("scorecard: the maxima of group " + g.code + " do not add up to " + std::to_string(g.max));
    total += g.max;
  }
  if (hundredths(total) != 10000) throw std::runtime_error("scorecard: the groups do not add up to 100");
  return defs;
}

const ScorecardDefs& scorecard_defs() {
  static const ScorecardDefs defs = [] {
    for (const auto& f : embedded_indicators_data())
      if (f.path == "indicators/scorecard-766.csv") return parse_scorecard(f.data);
    throw std::logic_error("indicators/scorecard-766.csv is not embedded");
  }();
  return defs;
}

Scorecard score(const ScorecardDefs& defs, const Measures& m) {
  Scorecard out;
  for (const auto& g : defs.groups) out.groups[g.code] = 0;
  for (const auto& d : defs.items) {
    ItemScore s;
    s.rate = ratio(d.numerator, d.denominator, m);
    if (s.rate) {
      s.hundredths = hundredths(score_766(*s.rate, d.threshold, d.max));
      out.max_with_data += hundredths(d.max);
    }
    out.groups[d.group] += s.hundredths;
    out.total += s.hundredths;
    out.items.push_back(s);
  }
  return out;
}

}  // namespace tinhso::indicators
