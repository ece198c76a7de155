// The constituency tally (issue 19 item 4), hand-worked cases, each tagged with the clause of Law
// 85/2015/QH13 (as amended by Law 83/2025/QH15) it exercises.
#include "modules/elections/tally.h"

#include <cstdint>
#include <limits>
#include <ostream>

#include <gtest/gtest.h>

namespace tinhso::elections {

// GoogleTest prints a problem as "field: message".
inline void PrintTo(const Problem& p, std::ostream* os) { *os << p.field << ": " << p.message; }

namespace {

using Ids = std::vector<std::string>;
constexpr auto NA = Body::national_assembly;
constexpr auto PC = Body::provincial_council;
constexpr auto CC = Body::commune_council;
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

Candidate cand(std::string id, std::int64_t votes, Date born = {1970, 1, 1}) {
  return {std::move(id), "Nguyễn Văn " + std::to_string(votes), born, votes};
}

TallyInput input(Body body, Round round, int seats, std::int64_t registered, std::int64_t voted, std::int64_t valid,
                 std::vector<Candidate> candidates) {
  return {body, round, seats, registered, voted, valid, std::move(candidates)};
}

struct Want {
  bool recognised;
  Ids elected;
  Next next;
  const char* decided_by;
  Ids undecided = {};
  Ids law_silent = {};
};

struct Case {
  const char* name;
  TallyInput in;
  Want want;
};

void expect_result(const Case& c) {
  SCOPED_TRACE(c.name);
  ASSERT_TRUE(validate(c.in).empty()) << c.name << ": " << validate(c.in)[0].field << ": " << validate(c.in)[0].message;
  const auto r = tally(c.in);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->recognised, c.want.recognised);
  EXPECT_EQ(r->elected, c.want.elected);
  EXPECT_EQ(r->next, c.want.next);
  EXPECT_EQ(r->decided_by, c.want.decided_by);
  EXPECT_EQ(r->undecided, c.want.undecided);
  EXPECT_EQ(r->law_silent, c.want.law_silent);
  EXPECT_EQ(r->seats_filled, static_cast<int>(r->elected.size()));
  EXPECT_EQ(r->seats_filled + r->seats_undecided + r->seats_unfilled, c.in.seats);
}

TEST(Tally, Turnout) {
  const Case cases[] = {
      // 2 * 500 = 1000, not more than 1000.
      {"Art. 78(1), 80(1): NA, 500 of 1000 voted (exactly half): not recognised, re-election",
       input(NA, Round::first, 1, 1000, 500, 500, {cand("a", 400), cand("b", 100)}),
       {false, {}, Next::re_election, "Điều 80 khoản 1"}},
      {"Art. 78(1): NA, 501 of 1000 voted (half + 1): recognised",
       input(NA, Round::first, 1, 1000, 501, 501, {cand("a", 400), cand("b", 101)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      // 2 * 500 = 1000 > 999; 2 * 499 = 998 < 999.
      {"Art. 78(1): 500 of 999 voted (odd register): recognised",
       input(NA, Round::first, 1, 999, 500, 500, {cand("a", 300), cand("b", 200)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      {"Art. 78(1), 80(1): 499 of 999 voted (odd register): not recognised",
       input(NA, Round::first, 1, 999, 499, 499, {cand("a", 300), cand("b", 199)}),
       {false, {}, Next::re_election, "Điều 80 khoản 1"}},
      {"Art. 78(1), 80(2): commune council, 400 of 1000 voted: re-election",
       input(CC, Round::first, 2, 1000, 400, 400, {cand("a", 300), cand("b", 300), cand("c", 100)}),
       {false, {}, Next::re_election, "Điều 80 khoản 2"}},
      {"Art. 78(1), 80(2): provincial council, 0 of 1000 voted: re-election",
       input(PC, Round::first, 3, 1000, 0, 0, {cand("a", 0), cand("b", 0)}),
       {false, {}, Next::re_election, "Điều 80 khoản 2"}},
      // Art. 78(1)'s exception: a re-election stands whatever its turnout; no second re-election.
      {"Art. 78(1), 80: re-election with 300 of 1000 voted is still recognised",
       input(NA, Round::re_election, 1, 1000, 300, 290, {cand("a", 200), cand("b", 90)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      {"Art. 78(1), 80: re-election with 500 of 1000 voted (exactly half) is recognised",
       input(CC, Round::re_election, 2, 1000, 500, 500, {cand("a", 400), cand("b", 260), cand("c", 200)}),
       {true, {"a", "b"}, Next::none, "Điều 78 khoản 2"}},
      // Recognised, yet 2 * 145 = 290 is not more than 290: nobody elected, and a supplementary
      // election follows only the first election (Art. 79(1)).
      {"Art. 78(1)-(2), 79(1): re-election with low turnout, nobody above half: none",
       input(NA, Round::re_election, 1, 1000, 300, 290, {cand("a", 145), cand("b", 145)}),
       {true, {}, Next::none, "Điều 79 khoản 1"}},
      {"Law silent: supplementary election with 500 of 1000 voted: not recognised, none",
       input(NA, Round::supplementary, 1, 1000, 500, 500, {cand("a", 400), cand("b", 100)}),
       {false, {}, Next::none, "Điều 78 khoản 1", {}, {"supplementary_turnout"}}},
  };
  for (const auto& c : cases) expect_result(c);
}

TEST(Tally, MoreThanHalfOfValidBallots) {
  const Case cases[] = {
      // Even valid: 2 * 500 = 1000 is not more than 1000; 2 * 501 = 1002 is.
      {"Art. 78(2), 79(1): 500 of 1000 valid (exactly half) is not elected",
       input(NA, Round::first, 1, 1200, 1000, 1000, {cand("a", 500), cand("b", 500)}),
       {true, {}, Next::supplementary, "Điều 79 khoản 1"}},
      {"Art. 78(2): 501 of 1000 valid (half + 1) is elected",
       input(NA, Round::first, 1, 1200, 1000, 1000, {cand("a", 501), cand("b", 499)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      // Odd valid: 2 * 500 = 1000 > 999; 2 * 499 = 998 < 999.
      {"Art. 78(2): 500 of 999 valid is elected",
       input(NA, Round::first, 1, 1200, 1000, 999, {cand("a", 500), cand("b", 499)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      {"Art. 78(2), 79(1): 499 of 999 valid is not elected",
       input(NA, Round::first, 1, 1200, 1000, 999, {cand("a", 499), cand("b", 499)}),
       {true, {}, Next::supplementary, "Điều 79 khoản 1"}},
      {"Art. 78(2): 1 of 1 valid is elected",
       input(NA, Round::first, 1, 3, 2, 1, {cand("a", 1), cand("b", 0)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      {"Art. 78(2), 79(1): no valid ballot (0 of 0): nobody elected",
       input(NA, Round::first, 1, 3, 2, 0, {cand("a", 0), cand("b", 0)}),
       {true, {}, Next::supplementary, "Điều 79 khoản 1"}},
  };
  for (const auto& c : cases) expect_result(c);
}

TEST(Tally, MoreCandidatesAboveHalfThanSeats) {
  const Date d1960{1960, 5, 1}, d1975a{1975, 3, 2}, d1975b{1975, 3, 3}, d1980{1980, 5, 1};
  const Case cases[] = {
      // Valid 900: more than half is 451 or more; a, b and c pass, two seats.
      {"Art. 78(3): three above half for two seats: the most votes win",
       input(NA, Round::first, 2, 1000, 900, 900, {cand("c", 460), cand("a", 700), cand("b", 550), cand("d", 90)}),
       {true, {"a", "b"}, Next::none, "Điều 78 khoản 3"}},
      {"Art. 78(4): a tie for the last seat goes to the older (born 1975 before 1980)",
       input(NA, Round::first, 2, 1000, 900, 900, {cand("a", 700), cand("young", 500, d1980), cand("old", 500, d1975a)}),
       {true, {"a", "old"}, Next::none, "Điều 78 khoản 4"}},
      {"Art. 78(4): older by one day (1975-03-02 before 1975-03-03)",
       input(NA, Round::first, 2, 1000, 900, 900, {cand("a", 700), cand("young", 460, d1975b), cand("old", 460, d1975a)}),
       {true, {"a", "old"}, Next::none, "Điều 78 khoản 4"}},
      {"Art. 78(4), law silent: a tie for the last seat with the same birth date is undecided",
       input(NA, Round::first, 2, 1000, 900, 900, {cand("a", 700), cand("b", 500, d1975a), cand("c", 500, d1975a)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 4", {"b", "c"}, {"tie_same_birth_date"}}},
      {"Art. 78(4), law silent: three tied with the same birth date for two seats",
       input(NA, Round::first, 3, 1000, 1000, 1000,
             {cand("a", 700), cand("b", 600, d1960), cand("c", 600, d1960), cand("d", 600, d1960)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 4", {"b", "c", "d"}, {"tie_same_birth_date"}}},
      // p and a are tied (same votes, same birth date) for the fourth seat; y, as many votes but
      // younger, loses to both whatever the committee decides.
      {"Art. 78(4), law silent: the younger of a three-way tie is out, the two older undecided",
       input(CC, Round::first, 4, 1000, 1000, 1000,
             {cand("y", 600, d1980), cand("p", 600, d1960), cand("a", 600, d1960), cand("k1", 700), cand("k2", 700),
              cand("k3", 700)}),
       {true, {"k1", "k2", "k3"}, Next::none, "Điều 78 khoản 4", {"p", "a"}, {"tie_same_birth_date"}}},
      {"Art. 78(2)-(3): equal votes and birth dates within the seats are all elected",
       input(NA, Round::first, 3, 1000, 1000, 1000, {cand("a", 600), cand("b", 600), cand("c", 600), cand("d", 550)}),
       {true, {"a", "b", "c"}, Next::none, "Điều 78 khoản 3"}},
  };
  for (const auto& c : cases) expect_result(c);
}

TEST(Tally, UndecidedSeatsAreCounted) {
  const Date d{1975, 3, 2};
  const auto r =
      tally(input(NA, Round::first, 3, 1000, 1000, 1000, {cand("a", 700), cand("b", 600, d), cand("c", 600, d),
                                                          cand("e", 600, d)}));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->seats_filled, 1);
  EXPECT_EQ(r->seats_undecided, 2);
  EXPECT_EQ(r->seats_unfilled, 0);
  EXPECT_TRUE(r->candidates[1].undecided);
  EXPECT_FALSE(r->candidates[1].elected);
  EXPECT_FALSE(r->candidates[0].undecided);
}

TEST(Tally, SupplementaryElection) {
  const Case cases[] = {
      {"Art. 79(1): NA constituency short of one seat: supplementary election",
       input(NA, Round::first, 3, 1000, 1000, 1000, {cand("a", 600), cand("b", 550), cand("c", 400), cand("d", 300)}),
       {true, {"a", "b"}, Next::supplementary, "Điều 79 khoản 1"}},
      // Council: supplementary only when 3 * filled < 2 * seats.
      {"Art. 79(2): council 5 seats, 4 filled (12 >= 10): none",
       input(CC, Round::first, 5, 1000, 1000, 1000,
             {cand("a", 600), cand("b", 600), cand("c", 600), cand("d", 600), cand("e", 400), cand("f", 300)}),
       {true, {"a", "b", "c", "d"}, Next::none, "Điều 79 khoản 2"}},
      {"Art. 79(2): council 5 seats, 3 filled (9 < 10): supplementary election",
       input(PC, Round::first, 5, 1000, 1000, 1000,
             {cand("a", 600), cand("b", 600), cand("c", 600), cand("d", 500), cand("e", 400), cand("f", 300)}),
       {true, {"a", "b", "c"}, Next::supplementary, "Điều 79 khoản 2"}},
      {"Art. 79(2): council 3 seats, 2 filled (6 >= 6): none",
       input(PC, Round::first, 3, 1000, 1000, 1000, {cand("a", 600), cand("b", 600), cand("c", 500), cand("d", 400)}),
       {true, {"a", "b"}, Next::none, "Điều 79 khoản 2"}},
      {"Art. 79(2): council 3 seats, 1 filled (3 < 6): supplementary election",
       input(CC, Round::first, 3, 1000, 1000, 1000, {cand("a", 600), cand("b", 500), cand("c", 500), cand("d", 400)}),
       {true, {"a"}, Next::supplementary, "Điều 79 khoản 2"}},
      {"Art. 79(3): a supplementary election is never followed by another (NA)",
       input(NA, Round::supplementary, 1, 1000, 800, 800, {cand("a", 400), cand("b", 400)}),
       {true, {}, Next::none, "Điều 79 khoản 3"}},
      {"Art. 79(3): a supplementary election is never followed by another (council, none of 2 filled)",
       input(CC, Round::supplementary, 2, 1000, 800, 800, {cand("a", 400), cand("b", 300)}),
       {true, {}, Next::none, "Điều 79 khoản 3"}},
      {"Art. 79(3): a supplementary election fills its seats",
       input(NA, Round::supplementary, 1, 1000, 800, 800, {cand("a", 401), cand("b", 399)}),
       {true, {"a"}, Next::none, "Điều 78 khoản 2"}},
      {"Art. 79(1): only after the first election: a re-election short of a seat is followed by none",
       input(NA, Round::re_election, 2, 1000, 800, 800, {cand("a", 600), cand("b", 300), cand("c", 200)}),
       {true, {"a"}, Next::none, "Điều 79 khoản 1"}},
      {"Art. 79(2): only after the first election: a council re-election with 1 of 3 filled is followed by none",
       input(PC, Round::re_election, 3, 1000, 800, 800, {cand("a", 600), cand("b", 300), cand("c", 200)}),
       {true, {"a"}, Next::none, "Điều 79 khoản 2"}},
  };
  for (const auto& c : cases) expect_result(c);
}

TEST(Tally, ExplainsEachCandidate) {
  const auto r = tally(input(NA, Round::first, 2, 1000, 900, 900, {cand("c", 460), cand("a", 700), cand("d", 90)}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->candidates.size(), 3u);
  EXPECT_EQ(r->candidates[0].id, "c");
  EXPECT_EQ(r->candidates[0].votes, 460);
  EXPECT_TRUE(r->candidates[0].more_than_half);
  EXPECT_TRUE(r->candidates[0].elected);
  EXPECT_FALSE(r->candidates[2].more_than_half);
  EXPECT_FALSE(r->candidates[2].elected);
  EXPECT_TRUE(r->turnout_more_than_half);
  EXPECT_EQ(r->elected, (Ids{"a", "c"}));
  EXPECT_EQ(r->seats, 2);
}

TEST(Tally, MoreThanHalfIsExactAtTheLimits) {
  struct {
    std::int64_t part, whole;
    bool want;
  } cases[] = {{0, 0, false}, {1, 0, true},        {1, 1, true},          {1, 2, false},         {2, 3, true},
               {2, 4, false}, {3, 4, true},        {kMax / 2, kMax, false}, {kMax / 2 + 1, kMax, true},
               {kMax, kMax, true}, {kMax / 2, kMax - 1, false}};
  for (const auto& c : cases) EXPECT_EQ(more_than_half(c.part, c.whole), c.want) << c.part << " of " << c.whole;
}

TEST(Tally, MaxSeatsPerBody) {
  // Art. 10(4).
  EXPECT_EQ(max_seats(NA), 3);
  EXPECT_EQ(max_seats(PC), 5);
  EXPECT_EQ(max_seats(CC), 5);
}

TEST(Tally, CalendarDates) {
  struct {
    Date d;
    bool want;
  } cases[] = {{{2000, 2, 29}, true},  {{2001, 2, 29}, false}, {{1900, 2, 29}, false}, {{2024, 2, 29}, true},
               {{2023, 4, 31}, false}, {{2023, 12, 31}, true}, {{2023, 13, 1}, false}, {{2023, 0, 1}, false},
               {{2023, 1, 0}, false},  {{0, 1, 1}, false},     {{9999, 12, 31}, true}};
  for (const auto& c : cases)
    EXPECT_EQ(is_calendar_date(c.d), c.want) << c.d.year << "-" << c.d.month << "-" << c.d.day;
}

// The valid input every validation case starts from: 780 = 500 + 200 + 80 valid ballots.
TallyInput valid_input() {
  return input(NA, Round::first, 1, 1000, 800, 780, {cand("a", 500), cand("b", 200), cand("c", 80)});
}

TEST(TallyValidate, EveryProblemNamesItsField) {
  struct {
    const char* name;
    void (*change)(TallyInput&);
    std::vector<Problem> want;
  } cases[] = {
      {"Art. 10(4): no seat", [](TallyInput& in) { in.seats = 0; },
       {{"seats", "0 is not between 1 and 3 (the most for national_assembly, Art. 10(4))"}}},
      {"Art. 10(4): 4 NA seats", [](TallyInput& in) { in.seats = 4; },
       {{"seats", "4 is not between 1 and 3 (the most for national_assembly, Art. 10(4))"}}},
      {"Art. 10(4): 6 council seats",
       [](TallyInput& in) {
         in.body = Body::commune_council;
         in.seats = 6;
       },
       {{"seats", "6 is not between 1 and 5 (the most for commune_council, Art. 10(4))"}}},
      {"negative registered", [](TallyInput& in) { in.registered = -1; }, {{"registered", "-1 is negative"}}},
      {"negative voted and valid",
       [](TallyInput& in) {
         in.voted = -5;
         in.valid = -6;
       },
       {{"voted", "-5 is negative"}, {"valid", "-6 is negative"}}},
      {"voted above registered", [](TallyInput& in) { in.voted = 1001; },
       {{"voted", "1001 is above registered (1000)"}}},
      {"valid above voted", [](TallyInput& in) { in.valid = 801; }, {{"valid", "801 is above voted (800)"}}},
      {"votes above valid", [](TallyInput& in) { in.candidates[2].votes = 781; },
       {{"candidates[2].votes", "781 is above valid (780)"}}},
      {"negative votes", [](TallyInput& in) { in.candidates[0].votes = -1; },
       {{"candidates[0].votes", "-1 is negative"}}},
      {"Art. 74: the votes together above valid × seats", [](TallyInput& in) { in.candidates[2].votes = 81; },
       {{"candidates", "the votes together are above valid (780) × seats (1)"}}},
      {"empty id", [](TallyInput& in) { in.candidates[1].id = ""; }, {{"candidates[1].id", "is empty"}}},
      {"duplicate id", [](TallyInput& in) { in.candidates[2].id = "a"; },
       {{"candidates[2].id", "duplicate of candidates[0].id"}}},
      {"2001-02-29 is no date", [](TallyInput& in) { in.candidates[1].birth_date = {2001, 2, 29}; },
       {{"candidates[1].birth_date", "2001-02-29 is not a calendar date"}}},
      {"month 13", [](TallyInput& in) { in.candidates[0].birth_date = {1980, 13, 1}; },
       {{"candidates[0].birth_date", "1980-13-01 is not a calendar date"}}},
      {"no candidates", [](TallyInput& in) { in.candidates.clear(); }, {{"candidates", "no candidates"}}},
  };
  for (const auto& c : cases) {
    TallyInput in = valid_input();
    c.change(in);
    EXPECT_EQ(validate(in), c.want) << c.name;
    EXPECT_FALSE(tally(in).has_value()) << c.name;
  }
}

TEST(TallyValidate, AcceptsTheLimitsExactly) {
  TallyInput in = valid_input();
  EXPECT_TRUE(validate(in).empty());  // the votes together == valid × seats
  in.body = Body::provincial_council;
  in.seats = 5;
  EXPECT_TRUE(validate(in).empty());
  in.candidates[0].birth_date = {2000, 2, 29};
  EXPECT_TRUE(validate(in).empty());
}

TEST(TallyValidate, NoOverflowNearTheLargestCounts) {
  TallyInput in = input(NA, Round::first, 3, kMax, kMax, kMax, {cand("a", kMax), cand("b", kMax), cand("c", kMax)});
  EXPECT_TRUE(validate(in).empty());
  in.candidates.push_back(cand("d", 1));
  EXPECT_EQ(validate(in), (std::vector<Problem>{{"candidates", "the votes together are above valid (" +
                                                                   std::to_string(kMax) + ") × seats (3)"}}));
  in.candidates.pop_back();
  const auto r = tally(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->elected, (Ids{"a", "b", "c"}));
}

}  // namespace
}  // namespace tinhso::elections
