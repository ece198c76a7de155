#pragma once
// The JSON front end of the constituency tally (issue 19 item 7): what `tinhso election tally`
// reads and prints. Input:
//   {"body": "national_assembly" | "provincial_council" | "commune_council",
//    "round": "first" | "supplementary" | "re_election",
//    "seats": int, "registered": int, "voted": int, "valid": int,
//    "candidates": [{"id": str, "name": str, "birth_date": "YYYY-MM-DD", "votes": int}, ...]}
// Unknown fields are ignored. Numbers must be whole numbers written without a fraction or an
// exponent, within the 64-bit signed range. Hostile input is bounded, never trusted: see the limits.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/elections/tally.h"

namespace tinhso::elections {

inline constexpr std::size_t kMaxInputBytes = 1 << 20;  // the whole document
inline constexpr std::size_t kMaxCandidates = 1000;
inline constexpr std::size_t kMaxIdBytes = 64;
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr int kMaxDepth = 16;  // nested arrays and objects, the top level counted as 1

struct ParsedInput {
  std::optional<TallyInput> input;  // set only when `problems` is empty
  std::vector<Problem> problems;    // every problem found, each naming its field ("candidates[1].votes"),
                                    // "input" for the document as a whole
};

// Reads the document. Checks its form only (presence, types, ranges, the limits above); the
// statute's arithmetic is validate()'s (tally.h), run on the input this returns.
ParsedInput parse_tally_json(std::string_view text);

// The result as a JSON object: recognised, elected, next, decided_by, turnout_more_than_half,
// seats, seats_filled, seats_undecided, seats_unfilled, undecided, law_silent and candidates
// (id, votes, more_than_half, elected, undecided), in that order.
std::string tally_result_json(const TallyResult& r);

}  // namespace tinhso::elections
