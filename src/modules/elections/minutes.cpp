#include "modules/elections/minutes.h"

#include <algorithm>

namespace tinhso::elections {

const char* invalid_ground_code(InvalidGround g) {
  switch (g) {
    case InvalidGround::not_official_form: return "not_official_form";
    case InvalidGround::no_stamp: return "no_stamp";
    case InvalidGround::too_many_names: return "too_many_names";
    case InvalidGround::all_crossed_out: return "all_crossed_out";
    case InvalidGround::added_text: return "added_text";
  }
  return "";
}

namespace {

using Problems = std::vector<MinutesProblem>;

void not_negative(Problems& out, const std::string& field, std::int64_t v) {
  if (v < 0) out.push_back({field, "elections.minutes.negative", {{"value", v}}});
}

// a <= b, explained as "a (x) must not exceed b (y)".
void not_above(Problems& out, const std::string& field, const char* message, std::int64_t a, std::int64_t b) {
  if (a > b) out.push_back({field, message, {{"a", a}, {"b", b}}});
}

// The votes together against valid × seats, exact for any int64 figures: compares
// sum(votes) with valid * seats by whole multiples of `valid` and a remainder.
bool total_above(const std::map<std::int64_t, std::int64_t>& votes, std::int64_t valid, int seats) {
  if (valid == 0) return std::any_of(votes.begin(), votes.end(), [](const auto& v) { return v.second > 0; });
  std::int64_t whole = 0, rest = 0;  // sum = whole * valid + rest, 0 <= rest < valid
  for (const auto& [id, n] : votes) {
    if (n < 0) continue;
    whole += n / valid;
    rest += n % valid;
    if (rest >= valid) {
      ++whole;
      rest -= valid;
    }
    if (whole > seats) return true;
  }
  return whole > seats || (whole == seats && rest > 0);
}

}  // namespace

std::vector<MinutesProblem> check_minutes(const AreaMinutes& m, int seats, const std::vector<std::int64_t>& candidates) {
  Problems out;
  const std::pair<const char*, std::int64_t> figures[] = {{"registered", m.registered}, {"voted", m.voted},
                                                          {"issued", m.issued},         {"received", m.received},
                                                          {"valid", m.valid},           {"invalid", m.invalid}};
  for (const auto& [field, v] : figures) not_negative(out, field, v);
  if (!out.empty()) return out;  // the comparisons below assume figures >= 0
  not_above(out, "voted", "elections.minutes.voted_above_registered", m.voted, m.registered);
  not_above(out, "received", "elections.minutes.received_above_issued", m.received, m.issued);
  if (m.valid > m.received || m.invalid > m.received - m.valid || m.valid + m.invalid != m.received)
    out.push_back({"valid", "elections.minutes.valid_plus_invalid",
                   {{"valid", m.valid}, {"invalid", m.invalid}, {"received", m.received}}});
  if (!m.invalid_by_ground.empty()) {
    std::int64_t sum = 0;
    bool bad = false;
    for (const auto& [g, n] : m.invalid_by_ground) {
      if (n < 0 || n > m.invalid) bad = true;
      else sum += n;
      if (sum > m.invalid) bad = true;
    }
    if (bad || sum != m.invalid)
      out.push_back({"invalid_by_ground", "elections.minutes.grounds_sum", {{"invalid", m.invalid}}});
  }
  for (std::int64_t id : candidates)
    if (!m.votes.contains(id))
      out.push_back({"votes." + std::to_string(id), "elections.minutes.votes_missing", {}});
  for (const auto& [id, n] : m.votes) {
    const std::string field = "votes." + std::to_string(id);
    if (std::find(candidates.begin(), candidates.end(), id) == candidates.end())
      out.push_back({field, "elections.minutes.unknown_candidate", {}});
    else if (n < 0)
      out.push_back({field, "elections.minutes.negative", {{"value", n}}});
    else
      not_above(out, field, "elections.minutes.votes_above_valid", n, m.valid);
  }
  if (total_above(m.votes, m.valid, seats))
    out.push_back({"votes", "elections.minutes.total_above_seats", {{"valid", m.valid}, {"seats", seats}}});
  return out;
}

}  // namespace tinhso::elections
