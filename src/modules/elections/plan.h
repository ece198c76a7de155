#pragma once
// An election as the committee prepares it (issue 19 items 1–2): constituencies with their seats
// and candidate lists, polling areas with their voters, the constituency they vote in for each
// body and their polling team, the committee — read from one JSON document
// (`tinhso election import FILE`) and checked against the statute before anything is stored.
//
//   {"name", "election_date": "YYYY-MM-DD", "committee": ["e-mail", …],
//    "constituencies": [{"key", "body", "number", "name", "area", "seats",
//                        "short_list_decision" (optional), "board": ["e-mail", …] (optional),
//                        "candidates": [{"name",
//                        "birth_date": "YYYY-MM-DD", "gender": "male" | "female"}]}],
//    "areas": [{"number", "name", "unit", "registered", "constituencies": ["key", …],
//               "team": ["e-mail", …]}]}
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "modules/elections/tally.h"

namespace tinhso::elections {

// The fewest candidates a constituency's list may have (Law 85/2015/QH13 as amended by Law
// 83/2025/QH15): National Assembly at least seats + 2 (Art. 57(6)); People's Council more than the
// seats, at least seats + 2 for 3 seats and seats + 3 for 4 or more (Art. 58(3)).
int min_candidates(Body body, int seats);

inline constexpr std::size_t kMaxPlanBytes = 16u << 20;
inline constexpr std::size_t kMaxPlanAreas = 20000;
inline constexpr std::size_t kMaxPlanConstituencies = 1000;

struct PlanCandidate {
  std::string name, birth_date, gender;
};
struct PlanConstituency {
  std::string key;
  Body body = Body::provincial_council;
  int number = 0;
  std::string name, area;
  int seats = 0;
  std::string short_list_decision;
  std::vector<std::string> board;  // the constituency's election board: e-mails
  std::vector<PlanCandidate> candidates;
};
struct PlanArea {
  int number = 0;
  std::string name, unit;
  std::int64_t registered = 0;
  std::vector<std::string> constituencies;  // keys, at most one per body
  std::vector<std::string> team;            // e-mails
};
struct Plan {
  std::string name, election_date;
  std::vector<std::string> committee;
  std::vector<PlanConstituency> constituencies;
  std::vector<PlanArea> areas;
};

struct ParsedPlan {
  std::optional<Plan> plan;       // only without problems
  std::vector<Problem> problems;  // each naming its field: "constituencies[2].candidates", …
};
// Reads and checks the document: its form, the limits above, seats within Art. 10(4), list sizes
// (a shorter list needs its short_list_decision), dates, unique keys, numbers and ids, every area
// in at most one constituency per body and every constituency with an area. Account e-mails are
// checked when stored (store_plan).
ParsedPlan parse_plan(std::string_view text);

// Stores the plan as a new election in preparation, in the caller's transaction; problems name
// the e-mails that are no account (nothing is stored then: the caller rolls back). Returns the
// election's id (0 with problems).
std::int64_t store_plan(soci::session& s, const Plan& plan, const std::string& now, std::vector<Problem>& problems);

}  // namespace tinhso::elections
