#include "modules/elections/tally.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace tinhso::elections {

namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

std::string date_text(const Date& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string candidate_field(std::size_t i, const char* name) {
  return "candidates[" + std::to_string(i) + "]." + name;
}

bool leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap_year(y) ? 29 : kDays[m - 1];
}

void check_not_negative(std::vector<Problem>& out, const std::string& field, std::int64_t v) {
  if (v < 0) out.push_back({field, num(v) + " is negative"});
}

// `a` named `a_name` must not exceed `b` named `b_name`; checked only when both are >= 0.
void check_not_above(std::vector<Problem>& out, const std::string& a_name, std::int64_t a, const char* b_name,
                     std::int64_t b) {
  if (a >= 0 && b >= 0 && a > b) out.push_back({a_name, num(a) + " is above " + b_name + " (" + num(b) + ")"});
}

void check_figures(std::vector<Problem>& out, const TallyInput& in) {
  const int max = max_seats(in.body);
  if (in.seats < 1 || in.seats > max)
    out.push_back({"seats", std::to_string(in.seats) + " is not between 1 and " + std::to_string(max) + " (the most for " +
                                std::string(body_code(in.body)) + ", Art. 10(4))"});
  check_not_negative(out, "registered", in.registered);
  check_not_negative(out, "voted", in.voted);
  check_not_negative(out, "valid", in.valid);
  check_not_above(out, "voted", in.voted, "registered", in.registered);
  check_not_above(out, "valid", in.valid, "voted", in.voted);
}

void check_candidate(std::vector<Problem>& out, const TallyInput& in, std::size_t i,
                     std::map<std::string, std::size_t>& first_of_id) {
  const Candidate& c = in.candidates[i];
  if (c.id.empty()) {
    out.push_back({candidate_field(i, "id"), "is empty"});
  } else if (auto [it, added] = first_of_id.emplace(c.id, i); !added) {
    out.push_back({candidate_field(i, "id"), "duplicate of candidates[" + std::to_string(it->second) + "].id"});
  }
  if (!is_calendar_date(c.birth_date))
    out.push_back({candidate_field(i, "birth_date"), date_text(c.birth_date) + " is not a calendar date"});
  check_not_negative(out, candidate_field(i, "votes"), c.votes);
  check_not_above(out, candidate_field(i, "votes"), c.votes, "valid", in.valid);
}

// Whether the votes together exceed valid * seats, for votes within 0..valid, valid >= 0 and
// seats >= 1. The sum is kept as q * valid + r (0 <= r < valid), so nothing overflows.
bool votes_above_ballot_limit(const TallyInput& in) {
  if (in.valid == 0) return false;  // every candidate's votes are 0 here
  std::int64_t q = 0, r = 0;
  for (const Candidate& c : in.candidates) {
    if (c.votes >= in.valid - r) {
      r = c.votes - (in.valid - r);
      ++q;
    } else {
      r += c.votes;
    }
  }
  return q > in.seats || (q == in.seats && r > 0);
}

void check_total(std::vector<Problem>& out, const TallyInput& in) {
  if (in.valid < 0 || in.seats < 1) return;
  for (const Candidate& c : in.candidates)
    if (c.votes < 0 || c.votes > in.valid) return;  // reported per candidate already
  // Art. 74: a valid ballot keeps at most `seats` names, so no count can exceed valid * seats.
  if (votes_above_ballot_limit(in))
    out.push_back({"candidates", "the votes together are above valid (" + num(in.valid) + ") × seats (" +
                                     std::to_string(in.seats) + ")"});
}

bool older(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

bool same_rank(const Candidate& a, const Candidate& b) { return a.votes == b.votes && a.birth_date == b.birth_date; }

// Indices of the candidates with more than half of the valid ballots (Art. 78(2)), most votes
// first (Art. 78(3)), a tie older first (Art. 78(4)), otherwise in input order.
std::vector<std::size_t> ranked_passing(const TallyInput& in) {
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < in.candidates.size(); ++i)
    if (more_than_half(in.candidates[i].votes, in.valid)) ranked.push_back(i);
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    const Candidate& x = in.candidates[a];
    const Candidate& y = in.candidates[b];
    if (x.votes != y.votes) return x.votes > y.votes;
    return older(x.birth_date, y.birth_date);
  });
  return ranked;
}

// Fills elected, undecided and the seat counts from the ranked candidates; returns the
// paragraph of Art. 78 that decided who won.
std::string elect(const TallyInput& in, const std::vector<std::size_t>& ranked, TallyResult& r) {
  const auto seats = static_cast<std::size_t>(in.seats);
  std::size_t winners = std::min(seats, ranked.size());
  std::string rule = "Điều 78 khoản 2";
  if (ranked.size() > seats) {
    const Candidate& last = in.candidates[ranked[seats - 1]];
    rule = in.candidates[ranked[seats]].votes == last.votes ? "Điều 78 khoản 4" : "Điều 78 khoản 3";
    std::size_t first = seats - 1, end = seats;
    while (first > 0 && same_rank(in.candidates[ranked[first - 1]], last)) --first;
    while (end < ranked.size() && same_rank(in.candidates[ranked[end]], last)) ++end;
    if (end > seats) {  // more equal candidates than seats left: the law does not say who wins
      winners = first;
      for (std::size_t k = first; k < end; ++k) r.undecided.push_back(in.candidates[ranked[k]].id);
      r.seats_undecided = static_cast<int>(seats - first);
      r.law_silent.push_back("tie_same_birth_date");
    }
  }
  for (std::size_t k = 0; k < winners; ++k) r.elected.push_back(in.candidates[ranked[k]].id);
  r.seats_filled = static_cast<int>(winners);
  r.seats_unfilled = in.seats - r.seats_filled - r.seats_undecided;
  return rule;
}

// Art. 79: what follows a recognised round that left seats unfilled. Seats left to the committee
// by a tie count as filled.
void after_unfilled(const TallyInput& in, TallyResult& r) {
  const bool na = in.body == Body::national_assembly;
  const int settled = r.seats_filled + r.seats_undecided;
  if (in.round == Round::supplementary) {
    r.decided_by = "Điều 79 khoản 3";  // no second supplementary election
  } else if (na) {
    // Art. 79(1): any unfilled seat, but only after the first election.
    r.decided_by = "Điều 79 khoản 1";
    if (in.round == Round::first) r.next = Next::supplementary;
  } else {
    // Art. 79(2): fewer than two thirds of the seats filled, only after the first election.
    r.decided_by = "Điều 79 khoản 2";
    if (in.round == Round::first && 3 * settled < 2 * in.seats) r.next = Next::supplementary;
  }
}

// A round whose turnout was not more than half (and which is not a re-election).
void not_recognised(const TallyInput& in, TallyResult& r) {
  if (in.round == Round::first) {
    // Art. 80(1) for the National Assembly, 80(2) for People's Councils.
    r.next = Next::re_election;
    r.decided_by = in.body == Body::national_assembly ? "Điều 80 khoản 1" : "Điều 80 khoản 2";
  } else {
    r.decided_by = "Điều 78 khoản 1";
    r.law_silent.push_back("supplementary_turnout");
  }
  r.seats_unfilled = in.seats;
}

}  // namespace

int max_seats(Body body) { return body == Body::national_assembly ? 3 : 5; }

// 2p > w  <=>  p > floor(w / 2) for integers p, w >= 0: with w = 2k or 2k + 1, 2p > w holds
// exactly when p >= k + 1.
bool more_than_half(std::int64_t part, std::int64_t whole) { return part > whole / 2; }

bool is_calendar_date(const Date& d) {
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12) return false;
  return d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

std::vector<Problem> validate(const TallyInput& in) {
  std::vector<Problem> out;
  check_figures(out, in);
  if (in.candidates.empty()) out.push_back({"candidates", "no candidates"});
  std::map<std::string, std::size_t> first_of_id;
  for (std::size_t i = 0; i < in.candidates.size(); ++i) check_candidate(out, in, i, first_of_id);
  check_total(out, in);
  return out;
}

std::optional<TallyResult> tally(const TallyInput& in) {
  if (!validate(in).empty()) return std::nullopt;
  TallyResult r;
  r.seats = in.seats;
  r.turnout_more_than_half = more_than_half(in.voted, in.registered);
  // Art. 78(1): recognised only when more than half the listed voters voted, except a
  // re-election, whose result stands whatever the turnout (no second re-election).
  r.recognised = r.turnout_more_than_half || in.round == Round::re_election;
  for (const Candidate& c : in.candidates)
    r.candidates.push_back({.id = c.id, .votes = c.votes, .more_than_half = more_than_half(c.votes, in.valid)});
  if (!r.recognised) {
    not_recognised(in, r);
    return r;
  }
  r.decided_by = elect(in, ranked_passing(in), r);
  if (r.seats_unfilled > 0) after_unfilled(in, r);
  for (CandidateOutcome& c : r.candidates) {
    c.elected = std::find(r.elected.begin(), r.elected.end(), c.id) != r.elected.end();
    c.undecided = std::find(r.undecided.begin(), r.undecided.end(), c.id) != r.undecided.end();
  }
  return r;
}

std::string_view body_code(Body b) {
  switch (b) {
    case Body::national_assembly: return "national_assembly";
    case Body::provincial_council: return "provincial_council";
    case Body::commune_council: return "commune_council";
  }
  return "";
}

std::string_view round_code(Round r) {
  switch (r) {
    case Round::first: return "first";
    case Round::supplementary: return "supplementary";
    case Round::re_election: return "re_election";
  }
  return "";
}

std::string_view next_code(Next n) {
  switch (n) {
    case Next::none: return "none";
    case Next::supplementary: return "supplementary";
    case Next::re_election: return "re_election";
  }
  return "";
}

std::optional<Body> parse_body(std::string_view code) {
  for (Body b : {Body::national_assembly, Body::provincial_council, Body::commune_council})
    if (body_code(b) == code) return b;
  return std::nullopt;
}

std::optional<Round> parse_round(std::string_view code) {
  for (Round r : {Round::first, Round::supplementary, Round::re_election})
    if (round_code(r) == code) return r;
  return std::nullopt;
}

std::optional<Date> parse_ymd(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t len) {
    int n = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      n = n * 10 + (s[i] - '0');
    }
    return n;
  };
  const Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
  if (!is_calendar_date(d)) return std::nullopt;
  return d;
}

}  // namespace tinhso::elections
