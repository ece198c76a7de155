#pragma once
// A polling team's minutes of the count ("biên bản kết quả kiểm phiếu", issue 19 item 3; Law
// 85/2015/QH13 as amended by Law 83/2025/QH15, Art. 73–76) and the consistency checks they must pass
// before the constituency's election board may count them. Pure: no I/O, no clock.
//
// Each problem names the field it is about and a message id of the module's catalog
// ("elections.minutes.*") with the figures it compares, so that the form explains it in the user's
// language: "Số phiếu hợp lệ (900) cộng số phiếu không hợp lệ (50) phải bằng số phiếu thu vào (1.000)".
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tinhso::elections {

// Art. 74(1): the grounds on which a ballot is invalid, in the law's order.
enum class InvalidGround { not_official_form, no_stamp, too_many_names, all_crossed_out, added_text };
inline constexpr InvalidGround kInvalidGrounds[] = {InvalidGround::not_official_form, InvalidGround::no_stamp,
                                                   InvalidGround::too_many_names, InvalidGround::all_crossed_out,
                                                   InvalidGround::added_text};
const char* invalid_ground_code(InvalidGround g);  // "not_official_form", …

struct AreaMinutes {
  std::int64_t registered = 0;  // voters on the area's list
  std::int64_t voted = 0;       // voters who voted
  std::int64_t issued = 0;      // ballots handed out
  std::int64_t received = 0;    // ballots taken out of the box
  std::int64_t valid = 0;
  std::int64_t invalid = 0;
  std::map<InvalidGround, std::int64_t> invalid_by_ground;  // may be empty: not broken down
  std::map<std::int64_t, std::int64_t> votes;               // candidate id → votes
  std::string complaints;                                   // as written, may be empty
};

struct MinutesProblem {
  std::string field;                          // "valid", "votes.12", "invalid_by_ground", …
  std::string message;                        // catalog id, e.g. "elections.minutes.valid_plus_invalid"
  std::map<std::string, std::int64_t> figures;  // the figures the message shows
  friend bool operator==(const MinutesProblem&, const MinutesProblem&) = default;
};

// Every inconsistency of `m` for a constituency of `seats` seats whose candidates are
// `candidates`: a negative figure; voted > registered; received > issued; valid + invalid !=
// received; the grounds (when given) not adding up to invalid; a candidate missing or unknown; a
// candidate's votes > valid; the votes together > valid × seats (a valid ballot keeps at most
// `seats` names, Art. 74(2)). Empty: the minutes may be counted.
std::vector<MinutesProblem> check_minutes(const AreaMinutes& m, int seats, const std::vector<std::int64_t>& candidates);

}  // namespace tinhso::elections
