#pragma once
// The Decision 766 scorecard (issue 17 §5; LEADERS.md §2): its indicators as data
// (data/indicators/scorecard-766.csv — group and its maximum, code, names, maximum, threshold,
// numerator and denominator over the measures, source, confidence and note), scored per agency and
// for the province. An indicator whose input the platform does not hold, or whose denominator is
// 0, shows "no data" and scores nothing; a group's points are the sum of its indicators' and the
// total the sum of the groups', in hundredths so that they add up exactly.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/indicators/rules.h"

namespace tinhso::indicators {

struct ScoreDef {
  std::string group;  // public, progress, online, payment, digitisation, satisfaction
  double group_max = 0;
  std::string code, name, name_en;
  double max = 0;
  double threshold = 1;  // a share; 1: proportional
  Expression numerator, denominator;
  std::string source, confidence, note, note_en;
};
struct ScoreGroup {
  std::string code;
  double max = 0;
};
struct ScorecardDefs {
  std::vector<ScoreGroup> groups;  // in file order
  std::vector<ScoreDef> items;
};
// Parses the CSV; throws std::runtime_error naming the line for a bad row, maxima that do not add
// up to their group's, or groups that do not add up to 100.
ScorecardDefs parse_scorecard(std::string_view csv);
// The embedded file, parsed once.
const ScorecardDefs& scorecard_defs();

struct ItemScore {
  std::optional<double> rate;  // nullopt: no data
  long long hundredths = 0;    // points × 100, rounded
};
struct Scorecard {
  std::vector<ItemScore> items;           // as defs.items
  std::map<std::string, long long> groups;  // group → points × 100
  long long total = 0;                    // points × 100
  long long max_with_data = 0;            // the maxima of the indicators with data, × 100
};
Scorecard score(const ScorecardDefs& defs, const Measures& m);

}  // namespace tinhso::indicators
