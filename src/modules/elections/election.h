#pragma once
// The elections module's records (issue 19; migrations/001_elections.sql): an election, its
// constituencies, candidates and polling areas, a polling team's minutes, a certified result.
#include <cstdint>
#include <string>
#include <vector>

#include "modules/elections/minutes.h"
#include "modules/elections/tally.h"

namespace tinhso::elections {

struct Election {
  std::int64_t id = 0;
  std::string name, election_date, state;  // state: preparing | counting | announced
  std::string announced_at;
};

struct Constituency {
  std::int64_t id = 0, election_id = 0;
  Body body = Body::provincial_council;
  int number = 0;
  std::string name, area;
  int seats = 0;
  std::string short_list_decision;
};

struct CandidateRow {
  std::int64_t id = 0, constituency_id = 0;
  int list_order = 0;
  std::string name, birth_date, gender;
};

struct Area {
  std::int64_t id = 0, election_id = 0;
  int number = 0;
  std::string name, unit;
  std::int64_t registered = 0;
};

// The latest version of a polling team's minutes for one constituency and round.
struct Minutes {
  std::int64_t id = 0, area_id = 0, constituency_id = 0;
  Round round = Round::first;
  int version = 0;
  AreaMinutes figures;  // registered comes from the area
  std::string reason, entered_at, checked_at;
  std::int64_t entered_by = 0, checked_by = 0;  // 0: not checked
  std::string entered_by_name, checked_by_name;
};

// A certified result of a constituency for a round (the latest version).
struct CertifiedResult {
  std::int64_t id = 0, constituency_id = 0;
  Round round = Round::first;
  int version = 0;
  std::int64_t registered = 0, voted = 0, valid = 0;
  bool recognised = false;
  std::string next, outcome_json, reason, certified_at;
};

}  // namespace tinhso::elections
