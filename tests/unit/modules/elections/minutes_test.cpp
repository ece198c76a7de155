// The polling team's minutes checks (issue 19 item 3; Law 85/2015/QH13 Art. 73–76, the invalid
// ballots of Art. 74), table-driven: each row a set of figures as a team might write them and the
// problems the check must name — no more, no fewer.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/elections/minutes.h"

namespace tinhso::elections {
namespace {

// 1,000 on the list, 820 voted, 820 ballots out and in, 800 valid, 20 invalid; candidates 1–3 of a
// 2-seat constituency with 600 + 500 + 300 = 1,400 ≤ 800 × 2 names kept.
AreaMinutes good() {
  AreaMinutes m;
  m.registered = 1000;
  m.voted = 820;
  m.issued = 820;
  m.received = 820;
  m.valid = 800;
  m.invalid = 20;
  m.votes = {{1, 600}, {2, 500}, {3, 300}};
  return m;
}

std::vector<std::string> fields(const std::vector<MinutesProblem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.field + " " + p.message);
  return out;
}

TEST(ElectionMinutes, ConsistencyChecksNameTheirField) {
  struct Case {
    const char* what;
    void (*edit)(AreaMinutes&);
    std::vector<std::string> problems;
  };
  const std::vector<Case> cases = {
      {"consistent minutes", [](AreaMinutes&) {}, {}},
      {"voted = registered is fine", [](AreaMinutes& m) { m.voted = 1000; }, {}},
      {"voted above registered", [](AreaMinutes& m) { m.voted = 1001; },
       {"voted elections.minutes.voted_above_registered"}},
      {"received above issued", [](AreaMinutes& m) { m.issued = 810; },
       {"received elections.minutes.received_above_issued"}},
      {"valid + invalid short of received", [](AreaMinutes& m) { m.invalid = 19; },
       {"valid elections.minutes.valid_plus_invalid"}},
      {"valid + invalid above received", [](AreaMinutes& m) { m.valid = 801; },
       {"valid elections.minutes.valid_plus_invalid"}},
      {"a candidate above valid", [](AreaMinutes& m) { m.votes = {{1, 801}, {2, 100}, {3, 300}}; },
       {"votes.1 elections.minutes.votes_above_valid"}},
      {"a candidate at valid is fine", [](AreaMinutes& m) { m.votes = {{1, 800}, {2, 800}, {3, 0}}; }, {}},
      // Art. 74(2): a ballot keeps at most `seats` names, so the names kept are at most valid × seats.
      {"the votes together above valid × seats", [](AreaMinutes& m) { m.votes = {{1, 800}, {2, 800}, {3, 1}}; },
       {"votes elections.minutes.total_above_seats"}},
      {"a candidate missing", [](AreaMinutes& m) { m.votes.erase(3); }, {"votes.3 elections.minutes.votes_missing"}},
      {"an unknown candidate", [](AreaMinutes& m) { m.votes[9] = 1; },
       {"votes.9 elections.minutes.unknown_candidate"}},
      {"a negative figure stops the comparisons", [](AreaMinutes& m) { m.valid = -1; },
       {"valid elections.minutes.negative"}},
      {"the grounds of Art. 74 add up to invalid",
       [](AreaMinutes& m) { m.invalid_by_ground = {{InvalidGround::no_stamp, 5}, {InvalidGround::all_crossed_out, 15}}; },
       {}},
      {"the grounds short of invalid", [](AreaMinutes& m) { m.invalid_by_ground = {{InvalidGround::no_stamp, 5}}; },
       {"invalid_by_ground elections.minutes.grounds_sum"}},
      {"several problems at once",
       [](AreaMinutes& m) {
         m.voted = 1200;
         m.votes[2] = 900;
       },
       {"voted elections.minutes.voted_above_registered", "votes.2 elections.minutes.votes_above_valid",
        "votes elections.minutes.total_above_seats"}},
  };
  for (const auto& c : cases) {
    AreaMinutes m = good();
    c.edit(m);
    EXPECT_EQ(fields(check_minutes(m, 2, {1, 2, 3})), c.problems) << c.what;
  }
}

TEST(ElectionMinutes, TheMessageCarriesItsFigures) {
  AreaMinutes m = good();
  m.invalid = 50;
  const auto ps = check_minutes(m, 2, {1, 2, 3});
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0].figures, (std::map<std::string, std::int64_t>{{"invalid", 50}, {"received", 820}, {"valid", 800}}));
}

TEST(ElectionMinutes, HugeFiguresNeverOverflow) {
  AreaMinutes m;
  const std::int64_t big = INT64_MAX;
  m.registered = m.voted = m.issued = m.received = m.valid = big;
  m.invalid = 0;
  m.votes = {{1, big}, {2, big}, {3, big}};
  EXPECT_EQ(fields(check_minutes(m, 2, {1, 2, 3})), std::vector<std::string>{"votes elections.minutes.total_above_seats"});
  m.votes = {{1, big}, {2, big}, {3, 0}};
  EXPECT_TRUE(check_minutes(m, 2, {1, 2, 3}).empty());
  m.invalid = 1;  // valid + invalid would overflow: still reported, not wrapped
  EXPECT_EQ(fields(check_minutes(m, 2, {1, 2, 3})), std::vector<std::string>{"valid elections.minutes.valid_plus_invalid"});
}

}  // namespace
}  // namespace tinhso::elections
