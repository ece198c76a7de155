#include "modules/elections/usecases.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "modules/elections/store.h"
#include "modules/elections/tally_json.h"

namespace tinhso::elections {

std::string_view error_code(Error e) {
  switch (e) {
    case Error::none: return "none";
    case Error::not_found: return "not_found";
    case Error::forbidden: return "forbidden";
    case Error::wrong_state: return "wrong_state";
    case Error::inconsistent: return "inconsistent";
    case Error::certified: return "certified";
    case Error::already_checked: return "already_checked";
    case Error::own_minutes: return "own_minutes";
    case Error::not_all_checked: return "not_all_checked";
    case Error::reason_required: return "reason_required";
    case Error::not_all_certified: return "not_all_certified";
    case Error::unknown_candidate: return "unknown_candidate";
  }
  return "none";
}

namespace {

constexpr std::size_t kMaxText = 4000;

Result fail(Error e) { return {e, 0, {}}; }

std::string now(const Env& env) { return auth::iso_utc(env.clock.now()); }

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// The ids elected in the constituency's certified first round (none before it).
std::set<std::string> first_round_elected(soci::session& s, std::int64_t constituency_id) {
  std::set<std::string> out;
  auto r = latest_result(s, constituency_id, Round::first);
  if (!r) return out;
  const auto j = nlohmann::json::parse(r->outcome_json, nullptr, false);
  if (j.is_object() && j.contains("elected") && j["elected"].is_array())
    for (const auto& id : j["elected"])
      if (id.is_string()) out.insert(id.get<std::string>());
  return out;
}

std::vector<CandidateRow> standing(soci::session& s, const Constituency& c, Round round) {
  return standing_candidates(s, c, round);
}

// The seats `round` fills: a supplementary election fills those the first round left.
int round_seats(soci::session& s, const Constituency& c, Round round) {
  if (round != Round::supplementary) return c.seats;
  return c.seats - static_cast<int>(first_round_elected(s, c.id).size());
}

std::string minutes_summary(const AreaMinutes& m) {
  nlohmann::json j{{"voted", m.voted},       {"issued", m.issued}, {"received", m.received},
                   {"valid", m.valid},       {"invalid", m.invalid}, {"complaints", !m.complaints.empty()}};
  nlohmann::json votes = nlohmann::json::object();
  for (const auto& [id, n] : m.votes) votes[std::to_string(id)] = n;
  j["votes"] = votes;
  return j.dump();
}

std::optional<Election> election_of_constituency(soci::session& s, const Constituency& c) {
  return load_election(s, c.election_id);
}

}  // namespace

bool round_called_after(const CertifiedResult* first, Round round) {
  if (round == Round::first) return true;
  return first && first->next == next_code(round == Round::supplementary ? Next::supplementary : Next::re_election);
}

bool round_called(soci::session& s, const Constituency& c, Round round) {
  if (round == Round::first) return true;
  const auto first = latest_result(s, c.id, Round::first);
  return round_called_after(first ? &*first : nullptr, round);
}

std::vector<CandidateRow> standing_candidates(soci::session& s, const Constituency& c, Round round) {
  auto all = candidates(s, c.id);
  if (round != Round::supplementary) return all;
  const auto elected = first_round_elected(s, c.id);
  std::erase_if(all, [&](const CandidateRow& x) { return elected.contains(std::to_string(x.id)); });
  return all;
}

Result enter_minutes(const Env& env, const MinutesInput& in, std::int64_t actor) {
  auto area = load_area(env.s, in.area_id);
  auto cons = load_constituency(env.s, in.constituency_id);
  if (!area || !cons || area->election_id != cons->election_id) return fail(Error::not_found);
  const auto mine = area_constituencies(env.s, area->id);
  if (std::none_of(mine.begin(), mine.end(), [&](const Constituency& c) { return c.id == cons->id; }))
    return fail(Error::not_found);
  if (!on_team(env.s, area->id, actor)) return fail(Error::forbidden);
  auto election = election_of_constituency(env.s, *cons);
  if (!election || election->state != "counting" || !round_called(env.s, *cons, in.round)) return fail(Error::wrong_state);
  if (in.reason.size() > kMaxText || in.figures.complaints.size() > kMaxText)
    return {Error::inconsistent, 0,
            {{in.reason.size() > kMaxText ? "reason" : "complaints", "elections.minutes.too_long", {}}}};
  const bool locked = latest_result(env.s, cons->id, in.round).has_value();
  if (locked && blank(in.reason)) return fail(Error::certified);

  AreaMinutes m = in.figures;
  m.registered = area->registered;
  std::vector<std::int64_t> ids;
  for (const auto& c : standing(env.s, *cons, in.round)) ids.push_back(c.id);
  Result r;
  r.problems = check_minutes(m, round_seats(env.s, *cons, in.round), ids);
  if (!r.problems.empty()) {
    r.error = Error::inconsistent;
    return r;
  }

  long long aid = area->id, cid = cons->id, by = actor;
  const std::string round(round_code(in.round));
  int version = 0;
  env.s << "SELECT COALESCE(MAX(version), 0) FROM election_minutes WHERE area_id = :a AND constituency_id = :c"
           " AND round = :r",
      soci::use(aid, "a"), soci::use(cid, "c"), soci::use(round, "r"), soci::into(version);
  env.s << "UPDATE election_minutes SET current = 0 WHERE area_id = :a AND constituency_id = :c AND round = :r"
           " AND current = 1",
      soci::use(aid, "a"), soci::use(cid, "c"), soci::use(round, "r");
  ++version;
  long long voted = m.voted, issued = m.issued, received = m.received, valid = m.valid, invalid = m.invalid;
  long long grounds[5];
  soci::indicator ind[5];
  for (std::size_t i = 0; i < 5; ++i) {
    auto it = m.invalid_by_ground.find(kInvalidGrounds[i]);
    const bool given = !m.invalid_by_ground.empty();
    grounds[i] = given && it != m.invalid_by_ground.end() ? it->second : 0;
    ind[i] = given ? soci::i_ok : soci::i_null;
  }
  const std::string at = now(env), reason = locked ? in.reason : std::string();
  env.s << "INSERT INTO election_minutes (area_id, constituency_id, round, version, voted, issued, received, valid,"
           " invalid, invalid_not_official_form, invalid_no_stamp, invalid_too_many_names, invalid_all_crossed_out,"
           " invalid_added_text, complaints, reason, entered_by, entered_at, current)"
           " VALUES (:a, :c, :r, :v, :voted, :issued, :received, :valid, :invalid, :g0, :g1, :g2, :g3, :g4, :complaints,"
           " :reason, :by, :at, 1)",
      soci::use(aid, "a"), soci::use(cid, "c"), soci::use(round, "r"), soci::use(version, "v"),
      soci::use(voted, "voted"), soci::use(issued, "issued"), soci::use(received, "received"),
      soci::use(valid, "valid"), soci::use(invalid, "invalid"), soci::use(grounds[0], ind[0], "g0"),
      soci::use(grounds[1], ind[1], "g1"), soci::use(grounds[2], ind[2], "g2"), soci::use(grounds[3], ind[3], "g3"),
      soci::use(grounds[4], ind[4], "g4"), soci::use(m.complaints, "complaints"), soci::use(reason, "reason"),
      soci::use(by, "by"), soci::use(at, "at");
  long long mid = 0;
  env.s << "SELECT id FROM election_minutes WHERE area_id = :a AND constituency_id = :c AND round = :r AND version = :v",
      soci::use(aid, "a"), soci::use(cid, "c"), soci::use(round, "r"), soci::use(version, "v"), soci::into(mid);
  for (const auto& [candidate, n] : m.votes) {
    long long cand = candidate, votes = n;
    env.s << "INSERT INTO election_minute_votes (minutes_id, candidate_id, votes) VALUES (:m, :c, :n)",
        soci::use(mid, "m"), soci::use(cand, "c"), soci::use(votes, "n");
  }
  env.audit(env.s, {locked ? "election_minutes.correct" : "election_minutes.enter", "election_minutes",
                    std::to_string(mid), "",
                    "area " + std::to_string(aid) + ", constituency " + std::to_string(cid) + ", " + round + ", version " +
                        std::to_string(version) + ": " + minutes_summary(m)});
  return {Error::none, mid, {}};
}

Result check_minutes_by(const Env& env, std::int64_t minutes_id, std::int64_t actor) {
  long long mid = minutes_id, area = 0, cons = 0, by = 0, checked = 0;
  int current = 0;
  std::string round_text;
  env.s << "SELECT area_id, constituency_id, round, entered_by, COALESCE(checked_by, 0), current FROM election_minutes"
           " WHERE id = :id",
      soci::use(mid, "id"), soci::into(area), soci::into(cons), soci::into(round_text), soci::into(by),
      soci::into(checked), soci::into(current);
  if (!env.s.got_data()) return fail(Error::not_found);
  auto c = load_constituency(env.s, cons);
  if (!c) return fail(Error::not_found);
  if (!on_team(env.s, area, actor) && !on_committee(env.s, c->election_id, actor) && !on_board(env.s, c->id, actor))
    return fail(Error::forbidden);
  auto election = election_of_constituency(env.s, *c);
  if (!election || election->state != "counting") return fail(Error::wrong_state);
  if (current == 0 || checked != 0) return fail(Error::already_checked);
  if (by == actor) return fail(Error::own_minutes);
  const std::string at = now(env);
  long long who = actor;
  env.s << "UPDATE election_minutes SET checked_by = :by, checked_at = :at WHERE id = :id AND checked_by IS NULL",
      soci::use(who, "by"), soci::use(at, "at"), soci::use(mid, "id");
  env.audit(env.s, {"election_minutes.check", "election_minutes", std::to_string(mid), "", "checked"});
  return {Error::none, mid, {}};
}

TallyInput tally_input_of(const Constituency& c, Round round, int seats, const std::vector<Area>& areas,
                          const std::vector<Minutes>& minutes, const std::vector<CandidateRow>& standing) {
  TallyInput in;
  in.body = c.body;
  in.round = round;
  in.seats = seats;
  std::map<std::int64_t, std::int64_t> votes;
  for (const auto& a : areas) in.registered += a.registered;
  for (const auto& m : minutes) {
    if (m.checked_by == 0) continue;
    in.voted += m.figures.voted;
    in.valid += m.figures.valid;
    for (const auto& [id, n] : m.figures.votes) votes[id] += n;
  }
  for (const auto& cand : standing) {
    Candidate x;
    x.id = std::to_string(cand.id);
    x.name = cand.name;
    if (auto d = parse_ymd(cand.birth_date)) x.birth_date = *d;
    x.votes = votes[cand.id];
    in.candidates.push_back(x);
  }
  return in;
}

int seats_of_round(soci::session& s, const Constituency& c, Round round) { return round_seats(s, c, round); }

TallyInput tally_input(soci::session& s, const Constituency& c, Round round) {
  return tally_input_of(c, round, round_seats(s, c, round), constituency_areas(s, c.id),
                        constituency_minutes(s, c.id, round), standing(s, c, round));
}

std::int64_t areas_not_ready(soci::session& s, const Constituency& c, Round round) {
  const auto areas = constituency_areas(s, c.id);
  std::set<std::int64_t> checked;
  for (const auto& m : constituency_minutes(s, c.id, round))
    if (m.checked_by != 0) checked.insert(m.area_id);
  return static_cast<std::int64_t>(areas.size()) - static_cast<std::int64_t>(checked.size());
}

Result certify(const Env& env, std::int64_t constituency_id, Round round, const std::string& reason, std::int64_t actor) {
  auto c = load_constituency(env.s, constituency_id);
  if (!c) return fail(Error::not_found);
  // Art. 77: the constituency's board determines its result; the committee may for every one.
  if (!on_committee(env.s, c->election_id, actor) && !on_board(env.s, c->id, actor)) return fail(Error::forbidden);
  auto election = election_of_constituency(env.s, *c);
  if (!election || election->state != "counting" || !round_called(env.s, *c, round)) return fail(Error::wrong_state);
  if (areas_not_ready(env.s, *c, round) > 0) return fail(Error::not_all_checked);
  auto before = latest_result(env.s, c->id, round);
  if (before && blank(reason)) return fail(Error::reason_required);
  if (reason.size() > kMaxText) return fail(Error::reason_required);
  const TallyInput in = tally_input(env.s, *c, round);
  auto out = tally(in);
  if (!out) return fail(Error::not_all_checked);  // checked minutes are consistent; an empty list is not
  // Stored compact (the command prints it indented).
  const std::string outcome = nlohmann::json::parse(tally_result_json(*out)).dump(), r(round_code(round)), at = now(env);
  long long cid = c->id, registered = in.registered, voted = in.voted, valid = in.valid, by = actor;
  int recognised = out->recognised ? 1 : 0;
  int version = before ? before->version + 1 : 1;
  const std::string next(next_code(out->next));
  env.s << "UPDATE election_results SET current = 0 WHERE constituency_id = :c AND round = :r AND current = 1",
      soci::use(cid, "c"), soci::use(r, "r");
  env.s << "INSERT INTO election_results (constituency_id, round, version, registered, voted, valid, recognised, next,"
           " outcome, reason, certified_by, certified_at, current)"
           " VALUES (:c, :r, :v, :registered, :voted, :valid, :recognised, :next, :outcome, :reason, :by, :at, 1)",
      soci::use(cid, "c"), soci::use(r, "r"), soci::use(version, "v"), soci::use(registered, "registered"),
      soci::use(voted, "voted"), soci::use(valid, "valid"), soci::use(recognised, "recognised"),
      soci::use(next, "next"), soci::use(outcome, "outcome"), soci::use(reason, "reason"), soci::use(by, "by"),
      soci::use(at, "at");
  long long rid = 0;
  env.s << "SELECT id FROM election_results WHERE constituency_id = :c AND round = :r AND version = :v",
      soci::use(cid, "c"), soci::use(r, "r"), soci::use(version, "v"), soci::into(rid);
  env.audit(env.s, {before ? "election_result.correct" : "election_result.certify", "election_result",
                    std::to_string(rid), before ? before->outcome_json : "", outcome});
  return {Error::none, rid, {}};
}

Result announce(const Env& env, std::int64_t election_id, std::int64_t actor) {
  auto e = load_election(env.s, election_id);
  if (!e) return fail(Error::not_found);
  if (!on_committee(env.s, election_id, actor)) return fail(Error::forbidden);
  if (e->state != "counting") return fail(Error::wrong_state);
  for (const auto& c : constituencies(env.s, election_id))
    if (!latest_result(env.s, c.id, Round::first)) return fail(Error::not_all_certified);
  const std::string at = now(env);
  long long id = election_id;
  env.s << "UPDATE elections SET state = 'announced', announced_at = :at WHERE id = :id", soci::use(at, "at"),
      soci::use(id, "id");
  env.audit(env.s, {"election.announce", "election", std::to_string(id), "counting", "announced"});
  return {Error::none, election_id, {}};
}

Result open_count(const Env& env, std::int64_t election_id, std::int64_t actor) {
  auto e = load_election(env.s, election_id);
  if (!e) return fail(Error::not_found);
  if (!on_committee(env.s, election_id, actor)) return fail(Error::forbidden);
  if (e->state != "preparing") return fail(Error::wrong_state);
  long long id = election_id;
  env.s << "UPDATE elections SET state = 'counting' WHERE id = :id", soci::use(id, "id");
  env.audit(env.s, {"election.count", "election", std::to_string(id), "preparing", "counting"});
  return {Error::none, election_id, {}};
}

}  // namespace tinhso::elections
