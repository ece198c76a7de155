#pragma once
// The result of one constituency ("đơn vị bầu cử") from its counted figures (issue 19 item 4):
// Law on Elections of National Assembly and People's Council Deputies 85/2015/QH13 as amended by
// Law 83/2025/QH15, Art. 10(4), 78, 79, 80. Pure: no I/O, no database, no clock; every comparison
// is done in integer arithmetic.
//
// Where the law is silent the result says so instead of guessing (TallyResult::law_silent):
//   "tie_same_birth_date"      Art. 78(4) breaks a tie for the last seat by age only; candidates
//                              with the same votes and the same birth date are listed in
//                              `undecided` and their seats counted in `seats_undecided`, left to
//                              the election committee.
//   "supplementary_turnout"    a supplementary election where not more than half the voters voted:
//                              Art. 78(1) does not recognise it, Art. 78(1)'s exception covers a
//                              re-election only, and Art. 80 provides a re-election of the first
//                              election only; next is "none", left to the election committee.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::elections {

enum class Body { national_assembly, provincial_council, commune_council };
enum class Round { first, supplementary, re_election };
enum class Next { none, supplementary, re_election };

// A calendar date (proleptic Gregorian); validate() checks that it exists.
struct Date {
  int year = 0, month = 0, day = 0;
  friend bool operator==(const Date&, const Date&) = default;
};

struct Candidate {
  std::string id;    // unique within the constituency, not empty
  std::string name;  // shown only; the tally does not read it
  Date birth_date;   // breaks a tie for the last seat: the older wins (Art. 78(4))
  std::int64_t votes = 0;
};

// The counted figures of one constituency for one round.
struct TallyInput {
  Body body = Body::national_assembly;
  Round round = Round::first;
  int seats = 0;                // seats this round fills: for a supplementary election, those
                                // the first round left unfilled
  std::int64_t registered = 0;  // voters on the voter list
  std::int64_t voted = 0;       // voters who voted
  std::int64_t valid = 0;       // valid ballots
  std::vector<Candidate> candidates;
};

// One problem of the input: the field (e.g. "candidates[2].votes") and what is wrong with it.
struct Problem {
  std::string field;
  std::string message;
  friend bool operator==(const Problem&, const Problem&) = default;
};

struct CandidateOutcome {
  std::string id;
  std::int64_t votes = 0;
  bool more_than_half = false;  // 2 * votes > valid (Art. 78(2))
  bool elected = false;
  bool undecided = false;       // in a tie the law does not break (see law_silent)
};

struct TallyResult {
  bool recognised = false;               // Art. 78(1)
  std::vector<std::string> elected;      // ids, most votes first, a tie older first
  Next next = Next::none;                // the round the law calls for next, if any
  std::string decided_by;                // the article that decided, e.g. "Điều 80 khoản 1"
  bool turnout_more_than_half = false;   // 2 * voted > registered
  int seats = 0;
  int seats_filled = 0;                  // == elected.size()
  int seats_undecided = 0;               // seats left to the committee by a tie (law_silent)
  int seats_unfilled = 0;                // seats - filled - undecided
  std::vector<std::string> undecided;    // ids tied for the seats_undecided seats
  std::vector<std::string> law_silent;   // codes described at the top of this file
  std::vector<CandidateOutcome> candidates;  // in input order
};

// Art. 10(4): the most seats one constituency may have: 3 for the National Assembly, 5 for a
// People's Council.
int max_seats(Body body);

// Every problem of `in`, each naming its field; empty when the tally can be computed. Checks the
// statute's limits and the arithmetic a count must satisfy: seats within 1..max_seats, no negative
// figure, voted <= registered, valid <= voted, each candidate's votes <= valid, the votes together
// <= valid * seats (a ballot keeps at most `seats` names, Art. 74), at least one candidate, ids
// present and unique, birth dates that exist.
std::vector<Problem> validate(const TallyInput& in);

// The constituency's result; nullopt when validate(in) reports any problem.
std::optional<TallyResult> tally(const TallyInput& in);

// True when part > whole / 2 exactly (2 * part > whole), without overflow, for part, whole >= 0.
bool more_than_half(std::int64_t part, std::int64_t whole);

// True when the date exists: year 1..9999, month 1..12, day within the month (leap years counted).
bool is_calendar_date(const Date& d);

// A "YYYY-MM-DD" date that exists (is_calendar_date), else nullopt.
std::optional<Date> parse_ymd(std::string_view s);

// "national_assembly", "first", "re_election", ...: the codes of the JSON format.
std::string_view body_code(Body b);
std::string_view round_code(Round r);
std::string_view next_code(Next n);
std::optional<Body> parse_body(std::string_view code);
std::optional<Round> parse_round(std::string_view code);

}  // namespace tinhso::elections
