// The desk's rules (src/modules/petitions/desk_rules.h): the received day (Law on Citizen Reception
// 2013 Art. 28: the clocks run from it), mass petitions (Art. 29: from 5 people), the
// long-running flag (khiếu kiện kéo dài: a decided matter raised again; Law on Complaints 2011
// Art. 33 keeps the second complaint apart) and who counts as the same filer.
#include "modules/petitions/desk_rules.h"

#include <gtest/gtest.h>

namespace tinhso::petitions {
namespace {

calendar::Date d(int y, unsigned m, unsigned day) { return calendar::make_date(y, m, day); }

TEST(PetitionDeskRules, ReceivedDay) {
  const calendar::Date today = d(2026, 11, 27);
  struct Case {
    std::optional<calendar::Date> received;
    ReceivedCheck want;
  };
  const Case cases[] = {
      {today, ReceivedCheck::ok},
      {d(2026, 11, 24), ReceivedCheck::ok},                // a letter opened three days late
      {d(2025, 11, 26), ReceivedCheck::ok},                // 366 days back: the oldest allowed
      {d(2025, 11, 25), ReceivedCheck::too_old},           // 367 days: a typing error
      {d(2026, 11, 28), ReceivedCheck::in_future},         // tomorrow
      {std::nullopt, ReceivedCheck::missing},              // no or no valid date
      {d(1899, 12, 31), ReceivedCheck::missing},           // outside the calendar's range
  };
  for (const auto& c : cases)
    EXPECT_EQ(check_received_on(c.received, today), c.want)
        << (c.received ? calendar::format_date(*c.received) : std::string("none"));
  EXPECT_EQ(received_check_code(ReceivedCheck::in_future), "received_in_future");
}

TEST(PetitionDeskRules, MassFromFivePeople) {
  // Law on Citizen Reception 2013 Art. 29: representatives are chosen from 5 people on.
  const std::pair<int, bool> cases[] = {{1, false}, {4, false}, {5, true}, {10, true}, {11, true}, {300, true}};
  for (const auto& [people, mass] : cases) EXPECT_EQ(is_mass(people), mass) << people;
  EXPECT_EQ(max_representatives(kMassGroupSize), 2) << "the same threshold as rules.h";
  EXPECT_EQ(max_representatives(kMassGroupSize - 1), std::nullopt);
}

TEST(PetitionDeskRules, LongRunningWhenTheEarlierReachedADecision) {
  struct Case {
    State earlier;
    bool earlier_long_running;
    bool want;
  };
  const Case cases[] = {
      {State::received, false, false},  {State::classified, false, false}, {State::accepted, false, false},
      {State::assigned, false, false},  {State::verified, false, false},   {State::decided, false, true},
      {State::notified, false, true},   {State::closed, false, true},      {State::refused, false, false},
      {State::forwarded, false, false}, {State::received, true, true},  // a repeat of a long-running case
  };
  for (const auto& c : cases)
    EXPECT_EQ(makes_long_running(c.earlier, c.earlier_long_running), c.want) << state_code(c.earlier) << c.earlier_long_running;
}

TEST(PetitionDeskRules, SameFiler) {
  struct Case {
    FilerKey a, b;
    bool want;
  };
  const Case cases[] = {
      {{7, "", ""}, {7, "", ""}, true},                                                // the same account
      {{7, "tran van a", "0912345678"}, {8, "tran van a", "0912 345 678"}, true},      // spaces ignored
      {{0, "tran van a", "0912.345.678"}, {0, "tran  van a", "0912-345-678"}, true},   // punctuation ignored
      {{0, "tran van a", "0912345678"}, {0, "tran van b", "0912345678"}, false},       // another name
      {{0, "tran van a", "0912345678"}, {0, "tran van a", "0987654321"}, false},       // another contact
      {{0, "tran van a", ""}, {0, "tran van a", ""}, false},                            // no contact: unknown
      {{0, "", ""}, {0, "", ""}, false},                                               // anonymous, denunciations
  };
  for (const auto& c : cases) {
    EXPECT_EQ(same_filer(c.a, c.b), c.want) << c.a.folded_name << " / " << c.b.folded_name;
    EXPECT_EQ(same_filer(c.b, c.a), c.want) << "symmetric";
  }
}

// Issue 12 finding 15: a second complaint whose first was decided elsewhere names that decision
// (number, date, agency) and attaches its copy (Law on Complaints 2011 Art. 33).
TEST(PetitionDeskRules, FirstDecisionElsewhere) {
  const calendar::Date received = d(2025, 1, 24);
  using C = FirstDecisionCheck;
  struct Case {
    FirstDecision given;
    C want;
    const char* note;
  };
  const Case cases[] = {
      {{"", "", "", false}, C::none, "nothing given: the first complaint's code is needed"},
      {{"", "", "", true}, C::none, "a scan alone is the letter's, not a first decision"},
      {{"15/QĐ-UBND", "2025-01-10", "UBND huyện Tam Đảo", true}, C::ok, "complete"},
      {{"15/QĐ-UBND", "2025-01-24", "UBND huyện Tam Đảo", true}, C::ok, "decided the day the complaint came"},
      {{"15/QĐ-UBND", "2025-01-10", "", true}, C::incomplete, "no agency"},
      {{"", "2025-01-10", "UBND huyện Tam Đảo", true}, C::incomplete, "no number"},
      {{"15/QĐ-UBND", "", "UBND huyện Tam Đảo", true}, C::incomplete, "no date"},
      {{"15/QĐ-UBND", "10/01/2025", "UBND huyện Tam Đảo", true}, C::bad_date, "not YYYY-MM-DD"},
      {{"15/QĐ-UBND", "2025-01-25", "UBND huyện Tam Đảo", true}, C::bad_date, "after the complaint was received"},
      {{"15/QĐ-UBND", "2025-01-10", "UBND huyện Tam Đảo", false}, C::not_attached, "Art. 33: the copy attached"},
  };
  for (const auto& c : cases) {
    const C got = check_first_decision(c.given, received);
    EXPECT_EQ(got, c.want) << c.note << " → " << first_decision_check_code(got);
  }
}

TEST(PetitionDeskRules, LinkKindCodes) {
  for (LinkKind k : {LinkKind::same_matter, LinkKind::duplicate}) EXPECT_EQ(parse_link_kind(link_kind_code(k)), k);
  EXPECT_EQ(parse_link_kind("other"), std::nullopt);
}

}  // namespace
}  // namespace tinhso::petitions
