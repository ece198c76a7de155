// The dossier state machine (Decree 61/2018/NĐ-CP Art. 17–20) and the rules on a dossier that
// need no database: the transition table, clock effects, the due day with pauses, the code.
#include "modules/dossiers/workflow.h"

#include <set>

#include <gtest/gtest.h>

#include "calendar_fixtures.h"
#include "modules/dossiers/dossier.h"

namespace tinhso::dossiers {
namespace {

using A = Action;
using S = State;
using W = Actor;

TEST(DossierWorkflow, AllowedTransitions) {
  struct Case {
    S from;
    A action;
    W actor;
    std::optional<S> to;  // nullopt: not allowed
  };
  const Case cases[] = {
      {S::draft, A::submit, W::applicant, S::submitted},
      {S::draft, A::submit, W::one_stop_officer, std::nullopt},
      {S::submitted, A::receive, W::one_stop_officer, S::received},          // Art. 17
      {S::submitted, A::receive, W::applicant, std::nullopt},
      {S::submitted, A::receive, W::agency_leader, std::nullopt},
      {S::submitted, A::request_supplement, W::one_stop_officer, S::supplement_requested},  // Art. 19(4)
      {S::submitted, A::refuse, W::one_stop_officer, S::refused},            // Art. 19(5)
      {S::submitted, A::withdraw, W::applicant, S::withdrawn},
      {S::received, A::withdraw, W::applicant, std::nullopt},               // the clock runs: too late
      {S::received, A::refuse, W::one_stop_officer, std::nullopt},
      {S::received, A::request_supplement, W::one_stop_officer, S::supplement_requested},
      {S::received, A::assign, W::agency_leader, S::processing},
      {S::received, A::assign, W::one_stop_officer, std::nullopt},
      {S::received, A::transfer, W::agency_leader, S::received},
      {S::processing, A::propose, W::specialist, S::proposed},
      {S::processing, A::propose, W::agency_leader, std::nullopt},
      {S::processing, A::request_supplement, W::specialist, S::supplement_requested},
      {S::processing, A::assign, W::agency_leader, S::processing},           // reassignment
      {S::processing, A::transfer, W::agency_leader, S::received},
      {S::proposed, A::approve, W::agency_leader, S::approved},
      {S::proposed, A::approve, W::specialist, std::nullopt},
      {S::proposed, A::send_back, W::agency_leader, S::processing},
      {S::approved, A::return_result, W::one_stop_officer, S::returned},     // Art. 20
      {S::approved, A::return_result, W::agency_leader, std::nullopt},
      {S::returned, A::return_result, W::one_stop_officer, std::nullopt},
      {S::refused, A::receive, W::one_stop_officer, std::nullopt},
      {S::withdrawn, A::submit, W::applicant, std::nullopt},
  };
  for (const auto& c : cases) {
    const Transition* t = find_transition(c.from, c.action, c.actor);
    SCOPED_TRACE(std::string(state_code(c.from)) + " " + std::string(action_code(c.action)));
    ASSERT_EQ(t != nullptr, c.to.has_value());
    if (t) {
      EXPECT_EQ(t->to, c.to);
    }
  }
}

TEST(DossierWorkflow, SupplementReturnsToWhereItCameFrom) {
  for (W actor : {W::applicant, W::one_stop_officer}) {
    const Transition* t = find_transition(S::supplement_requested, A::supplement, actor);
    ASSERT_NE(t, nullptr);
    EXPECT_FALSE(t->to.has_value());
  }
  EXPECT_EQ(find_transition(S::supplement_requested, A::supplement, W::specialist), nullptr);
}

TEST(DossierWorkflow, FinalStatesHaveNoWayOut) {
  for (const Transition& t : transitions()) EXPECT_FALSE(is_final(t.from)) << state_code(t.from);
  EXPECT_TRUE(is_final(S::returned));
  EXPECT_TRUE(is_final(S::refused));
  EXPECT_TRUE(is_final(S::withdrawn));
}

TEST(DossierWorkflow, TableHasNoDuplicates) {
  std::set<std::tuple<S, A, W>> seen;
  for (const Transition& t : transitions()) EXPECT_TRUE(seen.insert({t.from, t.action, t.actor}).second);
}

TEST(DossierWorkflow, CodesRoundTrip) {
  for (const Transition& t : transitions()) {
    EXPECT_EQ(parse_state(state_code(t.from)), t.from);
    EXPECT_EQ(parse_action(action_code(t.action)), t.action);
  }
  EXPECT_FALSE(parse_state("open"));
  EXPECT_FALSE(parse_action(""));
}

TEST(DossierWorkflow, ClockEffects) {
  struct Case {
    A action;
    Clock clock;
    ClockEffect effect;
  };
  const Case cases[] = {
      {A::receive, Clock::not_started, ClockEffect::start},
      {A::request_supplement, Clock::not_started, ClockEffect::none},  // before receipt: no clock yet
      {A::request_supplement, Clock::running, ClockEffect::pause},     // Art. 19(4)
      {A::supplement, Clock::paused, ClockEffect::resume},
      {A::supplement, Clock::not_started, ClockEffect::none},
      {A::transfer, Clock::running, ClockEffect::none},                // the clock keeps running
      {A::return_result, Clock::running, ClockEffect::stop},
      {A::assign, Clock::running, ClockEffect::none},
  };
  for (const auto& c : cases) EXPECT_EQ(clock_effect(c.action, c.clock), c.effect) << action_code(c.action);
}

TEST(DossierWorkflow, NotesRequired) {
  EXPECT_TRUE(needs_note(A::refuse));
  EXPECT_TRUE(needs_note(A::request_supplement));
  EXPECT_TRUE(needs_note(A::send_back));
  EXPECT_TRUE(needs_note(A::transfer));
  EXPECT_FALSE(needs_note(A::receive));
  EXPECT_FALSE(needs_note(A::approve));
}

TEST(DossierCode, Format) {
  using calendar::test::day;
  EXPECT_EQ(code_prefix("TTHCC", day("2026-11-26")), "TTHCC-261126");
  EXPECT_EQ(code_prefix("UBND-XA", day("2030-01-05")), "UBND-XA-300105");
  EXPECT_EQ(format_code("TTHCC-261126", 7), "TTHCC-261126-0007");
  EXPECT_EQ(format_code("TTHCC-261126", 12345), "TTHCC-261126-12345");
}

// The due day on the official 2026 schedule (LAW.md §1), times in UTC (Vietnam is UTC+7), the
// time left resuming after a supplement (--supplement-clock resume; modules/dossiers/rules_test.cpp has
// the default, restart).
TEST(DossierDue, WorkingDaysCutOffAndPauses) {
  const auto& cal = calendar::test::official_calendar();
  calendar::DeadlineRules rules;  // cut-off 15:00 (Decree 61/2018 Art. 18(2–3))
  struct Case {
    const char* received;  // ISO UTC
    int limit;
    std::vector<PauseRow> pauses;
    const char* due;  // "" = none (paused)
  };
  const Case cases[] = {
      // Thu 2026-11-26 09:00 local: 3 working days → Tue 2026-12-01.
      {"2026-11-26T02:00:00Z", 3, {}, "2026-12-01"},
      // 16:00 local, after the cut-off: counted from Fri 27 → Wed 2026-12-02.
      {"2026-11-26T09:00:00Z", 3, {}, "2026-12-02"},
      // Limit 0: due on the day of receipt.
      {"2026-11-26T02:00:00Z", 0, {}, "2026-11-26"},
      // Fri 2026-02-13, 10 working days across Tết 16–20/2 (official 2026) → Fri 2026-03-06.
      {"2026-02-13T02:00:00Z", 10, {}, "2026-03-06"},
      // Paused Fri 27/11 10:00, resumed Wed 2/12 10:00 local: 3 working days more → Fri 2026-12-04.
      {"2026-11-26T02:00:00Z", 3, {{"2026-11-27T03:00:00Z", "2026-12-02T03:00:00Z"}}, "2026-12-04"},
      // An open pause: no due day.
      {"2026-11-26T02:00:00Z", 3, {{"2026-11-27T03:00:00Z", ""}}, ""},
  };
  for (const auto& c : cases) {
    Dossier d;
    d.received_at = c.received;
    d.time_limit_working_days = c.limit;
    auto due = statutory_due(d, c.pauses, cal, rules, SupplementClock::resume);
    SCOPED_TRACE(c.received);
    if (*c.due) {
      ASSERT_TRUE(due.has_value());
      EXPECT_EQ(calendar::format_date(*due), c.due);
    } else {
      EXPECT_FALSE(due.has_value());
    }
  }
  EXPECT_FALSE(statutory_due(Dossier{}, {}, cal, rules).has_value());  // not received yet
}

TEST(DossierClock, FromTheRow) {
  Dossier d;
  EXPECT_EQ(clock_of(d), Clock::not_started);
  d.received_at = "2026-11-26T02:00:00Z";
  EXPECT_EQ(clock_of(d), Clock::running);
  d.paused_at = "2026-11-27T02:00:00Z";
  EXPECT_EQ(clock_of(d), Clock::paused);
  d.paused_at.clear();
  d.returned_at = "2026-11-30T02:00:00Z";
  EXPECT_EQ(clock_of(d), Clock::stopped);
}

}  // namespace
}  // namespace tinhso::dossiers
