#pragma once
// The use cases of the elections module (issue 19 items 3–5). Each runs in the caller's
// transaction (Env::s), refuses what the election's state or the law does not allow, and writes
// one audit record per change (ids and figures, never a voter's data: minutes hold none). Who may
// act is checked here too, against the tables that say it (the area's polling team, the election
// committee): results entry by a team outside its area is refused.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/auth/clock.h"
#include "core/db/database.h"
#include "modules/audit/api.h"
#include "modules/elections/election.h"

namespace tinhso::elections {

struct Env {
  soci::session& s;
  db::Dialect dialect;
  const auth::Clock& clock;
  const audit::Recorder& audit;
};

// Why a step was refused; message id "elections.error.<code>" (error_code).
enum class Error {
  none,
  not_found,
  forbidden,           // not on the area's team / not on the committee
  wrong_state,         // the election is not counting (or already announced)
  inconsistent,        // the minutes fail their checks (Result::problems)
  certified,           // the constituency's result is certified: a correction needs its reason
  already_checked,
  own_minutes,         // the second person must not be the one who entered them
  not_all_checked,     // certifying while an area's minutes are missing or unchecked
  reason_required,
  not_all_certified,   // announcing while a constituency has no certified first-round result
  unknown_candidate,
};
std::string_view error_code(Error e);

struct Result {
  Error error = Error::none;
  std::int64_t id = 0;
  std::vector<MinutesProblem> problems;  // for Error::inconsistent
  bool ok() const { return error == Error::none; }
};

// The minutes as a polling team writes them for one constituency and round.
struct MinutesInput {
  std::int64_t area_id = 0, constituency_id = 0;
  Round round = Round::first;
  AreaMinutes figures;  // registered is the area's, whatever is given
  std::string reason;   // required once the constituency's result is certified
};

// Saves a new version of the minutes (the latest counts), entered by `actor`, a member of the
// area's team; checked again by a second person before they count.
Result enter_minutes(const Env& env, const MinutesInput& in, std::int64_t actor);
// The second person's check of the latest minutes `minutes_id`: a member of the area's team, of the
// constituency's board or of the committee who did not enter them.
Result check_minutes_by(const Env& env, std::int64_t minutes_id, std::int64_t actor);

// Whether `round` is held in the constituency: the first always; a supplementary election or a
// re-election only when the certified first round calls for it (Art. 79, 80).
bool round_called(soci::session& s, const Constituency& c, Round round);
// The same from the constituency's certified first-round result, if any.
bool round_called_after(const CertifiedResult* first, Round round);
// The candidates who stand in `round`: all, except in a supplementary election, where only those
// not elected in the first round stand (Art. 79(3)).
std::vector<CandidateRow> standing_candidates(soci::session& s, const Constituency& c, Round round);

// The seats `round` fills: a supplementary election fills those the first round left.
int seats_of_round(soci::session& s, const Constituency& c, Round round);
// The constituency's figures summed over its areas' checked minutes, as the tally reads them:
// from what the caller read (tally_input_of) or read here (tally_input).
TallyInput tally_input_of(const Constituency& c, Round round, int seats, const std::vector<Area>& areas,
                          const std::vector<Minutes>& minutes, const std::vector<CandidateRow>& standing);
TallyInput tally_input(soci::session& s, const Constituency& c, Round round);
// Whether every area of the constituency has checked minutes for the round (and how many do not).
std::int64_t areas_not_ready(soci::session& s, const Constituency& c, Round round);

// The constituency's board, or the committee, certifies its result for the round (Art. 77–80): the tally over
// the checked minutes, stored with its JSON; a later certification is a correction and needs
// `reason`. Locks the round's minutes: a change after it needs its reason.
Result certify(const Env& env, std::int64_t constituency_id, Round round, const std::string& reason, std::int64_t actor);

// The committee announces the election's results (Art. 86): every constituency has a certified
// first-round result. The public results page opens.
Result announce(const Env& env, std::int64_t election_id, std::int64_t actor);
// The committee starts the count on election day (results entry opens).
Result open_count(const Env& env, std::int64_t election_id, std::int64_t actor);

}  // namespace tinhso::elections
