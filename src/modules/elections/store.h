#pragma once
// The elections module's reads (issue 19): one statement each unless said otherwise, named
// placeholders, SQLite and PostgreSQL alike.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/elections/election.h"

namespace tinhso::elections {

std::optional<Election> load_election(soci::session& s, std::int64_t id);
// Every election, the newest polling day first.
std::vector<Election> all_elections(soci::session& s);

std::vector<Constituency> constituencies(soci::session& s, std::int64_t election_id);
std::optional<Constituency> load_constituency(soci::session& s, std::int64_t id);
// The constituencies polling area `area_id` votes in (one per body).
std::vector<Constituency> area_constituencies(soci::session& s, std::int64_t area_id);

// The candidates in ballot order.
std::vector<CandidateRow> candidates(soci::session& s, std::int64_t constituency_id);
// The candidates of every constituency of an election, by constituency.
std::map<std::int64_t, std::vector<CandidateRow>> candidates_of_election(soci::session& s, std::int64_t election_id);

std::optional<Area> load_area(soci::session& s, std::int64_t id);
// The polling areas of a constituency by number.
std::vector<Area> constituency_areas(soci::session& s, std::int64_t constituency_id);
// The polling areas of `election_id` whose team `account_id` is on, by number.
std::vector<Area> team_areas(soci::session& s, std::int64_t election_id, std::int64_t account_id);

// For the team page of `account_id`: the constituencies each of its areas votes in (area id,
// constituency), and the state of each latest minutes (area, constituency, round) → checked.
std::vector<std::pair<std::int64_t, Constituency>> team_constituencies(soci::session& s, std::int64_t election_id,
                                                                       std::int64_t account_id);
struct MinutesKey {
  std::int64_t area_id = 0, constituency_id = 0;
  Round round = Round::first;
  auto operator<=>(const MinutesKey&) const = default;
};
std::map<MinutesKey, bool> team_minutes_checked(soci::session& s, std::int64_t election_id, std::int64_t account_id);

bool on_team(soci::session& s, std::int64_t area_id, std::int64_t account_id);
bool on_committee(soci::session& s, std::int64_t election_id, std::int64_t account_id);
bool on_board(soci::session& s, std::int64_t constituency_id, std::int64_t account_id);

// The latest minutes of an area for a constituency and round, with its votes (2 statements).
std::optional<Minutes> latest_minutes(soci::session& s, std::int64_t area_id, std::int64_t constituency_id, Round round);
// The latest minutes of every area of a constituency for a round, with their votes (2 statements).
std::vector<Minutes> constituency_minutes(soci::session& s, std::int64_t constituency_id, Round round);

// One line of the committee's board: a constituency and how far its count has come in `round`.
struct BoardRow {
  Constituency c;
  std::int64_t areas = 0, registered = 0;  // every area of the constituency
  std::int64_t entered = 0, checked = 0;   // areas whose latest minutes exist / are checked
  std::int64_t voted_checked = 0, registered_checked = 0;  // turnout so far, over checked areas
  std::int64_t complaints = 0;             // areas whose minutes record complaints
};
std::vector<BoardRow> board(soci::session& s, std::int64_t election_id, Round round);

// The latest certified result of a constituency for a round.
std::optional<CertifiedResult> latest_result(soci::session& s, std::int64_t constituency_id, Round round);
// The latest certified result of every constituency and round of an election.
std::vector<CertifiedResult> election_results(soci::session& s, std::int64_t election_id);

}  // namespace tinhso::elections
