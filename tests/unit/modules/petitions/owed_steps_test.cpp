// Issue 12 findings 12 and 15, the rest of them: a denunciation's extension decision sent to the
// parties (Law on Denunciations 2018 Art. 30(4)), the complexity and "several places" changed
// after they were set (rules.h check_amendment), and the steps a petition still owes, whose
// earliest due day the desk's overdue filter reads (workflow.h pending_steps, petition.h
// pending_due). Due days counted by hand on the official 2025 schedule (Tết 27/1–31/1 off).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "calendar_fixtures.h"
#include "modules/petitions/petition.h"
#include "modules/petitions/rules.h"
#include "modules/petitions/workflow.h"

namespace tinhso::petitions {
namespace {

using calendar::test::day;
using A = Action;
using K = Kind;
using R = auth::Role;
using S = State;
using X = Complexity;

const calendar::WorkCalendar& cal() { return calendar::test::official_calendar(); }

std::string steps_text(const std::vector<Step>& steps) {
  std::string out;
  for (Step s : steps) out += (out.empty() ? "" : ",") + std::string(step_code(s));
  return out;
}

TEST(PetitionOwedSteps, ExtensionNoticePeriod) {
  const Settings s;
  // Art. 30(4): no period in the Law; the setting's default is 5 working days from the decision.
  const auto lp = legal_period(K::denunciation, Step::notify_extension, {}, s);
  ASSERT_TRUE(lp);
  EXPECT_EQ(lp->period.unit, calendar::Unit::working_days);
  EXPECT_EQ(lp->period.amount, 5);
  EXPECT_NE(std::string(lp->citation).find("Art. 30(4)"), std::string::npos);
  for (K k : {K::complaint_first, K::complaint_second, K::recommendation, K::feedback})
    EXPECT_FALSE(legal_period(k, Step::notify_extension, {}, s)) << kind_code(k);

  struct Case {
    std::vector<Extension> extensions;
    std::string due;  // "" = none owed
    const char* why;
  };
  const Extension sent{20, "12/QĐ-TTr", day("2025-01-24"), true};
  const Extension unsent_fri{20, "12/QĐ-TTr", day("2025-01-24"), false};
  const Extension unsent_mon{10, "13/QĐ-TTr", day("2025-02-10"), false};
  const Case cases[] = {
      {{}, "", "no extension"},
      // Fri 24/1, 5 working days: Tết 27–31/1 off, 3–7/2 → Fri 7/2.
      {{unsent_fri}, "2025-02-07", "one unsent"},
      {{sent}, "", "sent"},
      // Mon 10/2: 11–14/2, 17/2 → Mon 17/2.
      {{sent, unsent_mon}, "2025-02-17", "the second unsent"},
      {{unsent_fri, unsent_mon}, "2025-02-07", "the earliest unsent"},
  };
  for (const auto& c : cases) {
    Timeline t;
    t.kind = K::denunciation;
    t.circumstances.complexity = X::particularly_complex;
    t.received = calendar::test::moment("2025-01-20T10:00");
    t.accepted = calendar::test::moment("2025-01-24T16:00");
    t.extensions = c.extensions;
    const auto out = deadlines(t, s);
    ASSERT_TRUE(out.ok()) << c.why;
    const auto* d = out.find(Step::notify_extension);
    EXPECT_EQ(d ? calendar::format_date(*due_day(cal(), *d)) : std::string(), c.due) << c.why;
  }
  // The setting changes it: 3 calendar days from Fri 24/1 = Mon 27/1, a day off → Mon 3/2.
  Settings three;
  three.extension_notice = {calendar::Unit::days, 3};
  EXPECT_EQ(calendar::format_date(*due_day(cal(), *extension_notice_deadline(unsent_fri, three))), "2025-02-03");
}

TEST(PetitionOwedSteps, CheckAmendment) {
  struct Case {
    K kind;
    bool accepted;
    X from, to;
    bool several_from, several_to;
    int extensions;
    const char* current_due;  // "" = none
    const char* today;
    AmendCheck expected;
    const char* source;
  };
  const Case cases[] = {
      {K::complaint_first, true, X::none, X::complex, false, false, 0, "2025-02-24", "2025-02-10", AmendCheck::ok,
       "Complaints Art. 28: 30 → 45 days while the period runs"},
      {K::complaint_first, true, X::none, X::complex, false, false, 0, "2025-02-24", "2025-02-24", AmendCheck::ok,
       "the last day itself (Civil Code Art. 148(6): it ends at 24:00)"},
      {K::complaint_first, true, X::none, X::complex, false, false, 0, "2025-02-24", "2025-02-25", AmendCheck::period_ended,
       "the 30 days have ended"},
      {K::complaint_first, true, X::complex, X::none, false, false, 0, "2025-03-10", "2025-03-20", AmendCheck::ok,
       "shortening is not lengthening"},
      {K::complaint_second, true, X::none, X::particularly_complex, false, false, 0, "2025-03-10", "2025-03-01",
       AmendCheck::ok, "Complaints Art. 37"},
      {K::complaint_first, false, X::none, X::complex, false, false, 0, "2025-02-14", "2025-02-01",
       AmendCheck::complexity_too_early, "set at acceptance"},
      {K::complaint_first, true, X::complex, X::complex, false, false, 0, "2025-03-10", "2025-02-01",
       AmendCheck::unchanged, "nothing new"},
      {K::complaint_first, false, X::none, X::none, false, true, 0, "2025-02-14", "2025-02-01",
       AmendCheck::not_applicable, "complaints have no several places"},
      {K::feedback, true, X::none, X::complex, false, false, 0, "", "2025-02-01", AmendCheck::not_applicable,
       "feedback has no complexity"},
      {K::recommendation, false, X::none, X::none, false, true, 0, "", "2025-02-01", AmendCheck::not_applicable,
       "nor several places"},
      {K::denunciation, false, X::none, X::none, false, true, 0, "2025-02-11", "2025-02-05", AmendCheck::ok,
       "Denunciations Art. 24(1): 7 → 10 working days before acceptance"},
      {K::denunciation, false, X::none, X::none, false, true, 0, "2025-02-11", "2025-02-12", AmendCheck::period_ended,
       "the 7 working days have ended"},
      {K::denunciation, false, X::none, X::none, true, false, 0, "2025-02-14", "2025-02-20", AmendCheck::ok,
       "shortening"},
      {K::denunciation, true, X::none, X::none, false, true, 0, "2025-02-24", "2025-02-05",
       AmendCheck::several_too_late, "after acceptance it no longer counts"},
      {K::denunciation, true, X::none, X::complex, false, false, 0, "2025-02-24", "2025-03-01", AmendCheck::ok,
       "a denunciation's complexity moves no day by itself (Art. 30(2): it allows an extension)"},
      {K::denunciation, true, X::particularly_complex, X::complex, false, false, 2, "2025-04-24", "2025-02-05",
       AmendCheck::extensions_exceed, "Art. 30(2)–(3): two extensions need particularly complex"},
      {K::denunciation, true, X::particularly_complex, X::complex, false, false, 1, "2025-03-17", "2025-02-05",
       AmendCheck::ok, "one extension: complex is enough"},
      {K::denunciation, true, X::complex, X::none, false, false, 1, "2025-03-17", "2025-02-05",
       AmendCheck::extensions_exceed, "an extended case stays complex"},
  };
  for (const auto& c : cases) {
    Amendment a;
    a.kind = c.kind;
    a.accepted = c.accepted;
    a.complexity_from = c.from;
    a.complexity_to = c.to;
    a.several_from = c.several_from;
    a.several_to = c.several_to;
    a.extensions = c.extensions;
    if (*c.current_due) a.current_due = day(c.current_due);
    a.today = day(c.today);
    EXPECT_EQ(amend_check_code(check_amendment(a)), amend_check_code(c.expected)) << c.source;
  }
}

TEST(PetitionOwedSteps, PendingSteps) {
  struct Case {
    K kind;
    S state;
    Owed owed;
    const char* steps;
  };
  const Case cases[] = {
      {K::complaint_first, S::received, {}, "accept,forward,resolve"},
      {K::feedback, S::classified, {}, "forward,resolve"},
      {K::denunciation, S::classified, {}, "accept,forward,resolve"},
      {K::complaint_first, S::accepted, {}, "resolve"},
      // Law on Denunciations Art. 29(3): owed from acceptance until sent, whatever the state.
      {K::denunciation, S::accepted, {}, "resolve,notify_acceptance"},
      {K::denunciation, S::assigned, {true, false}, "resolve"},
      {K::denunciation, S::verified, {false, true}, "resolve,notify_acceptance,notify_extension"},
      {K::denunciation, S::decided, {true, false}, "send_decision"},
      {K::denunciation, S::notified, {false, false}, "notify_acceptance"},
      {K::complaint_second, S::decided, {}, "send_decision"},
      {K::complaint_first, S::notified, {}, ""},
      {K::complaint_first, S::accepted, {false, true}, "resolve"},  // only denunciations are extended
      {K::denunciation, S::closed, {false, true}, ""},
      {K::denunciation, S::forwarded, {}, ""},
      {K::complaint_first, S::guided, {}, ""},
      {K::feedback, S::refused, {}, ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(steps_text(pending_steps(c.kind, c.state, c.owed)), c.steps)
        << kind_code(c.kind) << " " << state_code(c.state);
}

// compute_due_days stores the earliest owed due day; overdue_steps names the late ones.
TEST(PetitionOwedSteps, PendingDueAndOverdue) {
  const Settings settings;
  struct Case {
    K kind;
    S state;
    const char* accepted;  // ISO UTC or ""
    const char* decided;
    bool acceptance_notified;
    std::vector<Extension> extensions;
    const char* pending_due;
    const char* today;
    const char* overdue;
    const char* why;
  };
  const char* kAccepted = "2025-01-24T09:00:00Z";  // Fri 24/1 16:00 in Vietnam
  const Extension ext{20, "12/QĐ-TTr", day("2025-01-24"), false};
  const Extension ext_sent{20, "12/QĐ-TTr", day("2025-01-24"), true};
  const Case cases[] = {
      // Received Fri 24/1: forward 5 WD → 7/2, accept 7 WD → 11/2, inform 10 WD (not owed).
      {K::denunciation, S::received, "", "", false, {}, "2025-02-07", "2025-02-10", "forward", "Art. 24(1)"},
      {K::denunciation, S::received, "", "", false, {}, "2025-02-07", "2025-02-07", "", "the last day is not late"},
      {K::denunciation, S::received, "", "", false, {}, "2025-02-07", "2025-02-12", "accept,forward", "both late"},
      // Accepted Fri 24/1: notice 5 WD → 7/2 (Art. 29(3)); resolve 30 days → Mon 24/2.
      {K::denunciation, S::accepted, kAccepted, "", false, {}, "2025-02-07", "2025-02-10", "notify_acceptance", "Art. 29(3)"},
      {K::denunciation, S::accepted, kAccepted, "", true, {}, "2025-02-24", "2025-02-25", "resolve", "notice sent"},
      // Extended by 20 days: resolve → Mon 17/3; the decision sent within 5 WD → 7/2 (Art. 30(4)).
      {K::denunciation, S::assigned, kAccepted, "", true, {ext}, "2025-02-07", "2025-02-10", "notify_extension", "Art. 30(4)"},
      {K::denunciation, S::assigned, kAccepted, "", true, {ext_sent}, "2025-03-17", "2025-02-25", "", "extension sent"},
      // Decided Fri 24/1: Law on Complaints Art. 32, 3 WD → 5/2; resolve no longer owed.
      {K::complaint_first, S::decided, kAccepted, kAccepted, false, {}, "2025-02-05", "2025-03-01", "send_decision", "Art. 32"},
      {K::complaint_first, S::notified, kAccepted, kAccepted, false, {}, "", "2025-03-01", "", "sent"},
      {K::denunciation, S::closed, kAccepted, kAccepted, false, {ext}, "", "2025-12-01", "", "final"},
  };
  for (const auto& c : cases) {
    Petition x;
    x.kind = c.kind;
    x.state = c.state;
    x.complexity = c.extensions.empty() ? X::none : X::complex;
    x.received_at = "2025-01-24T09:00:00Z";
    x.accepted_at = c.accepted;
    x.decided_at = c.decided;
    if (c.acceptance_notified) x.acceptance_notified_at = "2025-01-24T09:30:00Z";
    x.extensions = c.extensions;
    compute_due_days(cal(), settings, x);
    EXPECT_EQ(x.pending_due, c.pending_due) << c.why;
    EXPECT_EQ(steps_text(overdue_steps(x, day(c.today))), c.overdue) << c.why;
  }
}

// The new rows of the transition table: each keeps the state.
TEST(PetitionOwedSteps, TransitionRows) {
  struct Case {
    S from;
    A action;
    R role;
    K kind;
    Refusal refusal;
    const char* source;
  };
  const Case cases[] = {
      {S::accepted, A::notify_acceptance, R::agency_leader, K::denunciation, Refusal::none, "Art. 29(3)"},
      {S::assigned, A::notify_acceptance, R::inspector, K::denunciation, Refusal::none, "the assigned inspector"},
      {S::decided, A::notify_acceptance, R::agency_leader, K::denunciation, Refusal::none, "still owed"},
      {S::accepted, A::notify_acceptance, R::agency_leader, K::complaint_first, Refusal::kind_not_allowed, "denunciations"},
      {S::classified, A::notify_acceptance, R::agency_leader, K::denunciation, Refusal::no_transition, "not accepted yet"},
      {S::accepted, A::notify_extension, R::agency_leader, K::denunciation, Refusal::none, "Art. 30(4)"},
      {S::assigned, A::notify_extension, R::inspector, K::denunciation, Refusal::none, "the assigned inspector"},
      {S::assigned, A::notify_extension, R::specialist, K::denunciation, Refusal::role_not_allowed, "not a specialist"},
      {S::decided, A::notify_extension, R::agency_leader, K::denunciation, Refusal::no_transition, "no extension after the decision"},
      {S::classified, A::amend, R::specialist, K::denunciation, Refusal::none, "several places, Art. 24(1)"},
      {S::classified, A::amend, R::agency_leader, K::complaint_first, Refusal::kind_not_allowed, "complexity at acceptance"},
      {S::accepted, A::amend, R::agency_leader, K::complaint_first, Refusal::none, "Complaints Art. 28"},
      {S::assigned, A::amend, R::specialist, K::complaint_second, Refusal::none, "the assigned officer, Art. 37"},
      {S::assigned, A::amend, R::specialist, K::denunciation, Refusal::role_not_allowed, "denunciations: inspectors"},
      {S::assigned, A::amend, R::inspector, K::denunciation, Refusal::none, "the assigned inspector"},
      {S::verified, A::amend, R::agency_leader, K::denunciation, Refusal::none, "before the decision"},
      {S::accepted, A::amend, R::one_stop_officer, K::complaint_first, Refusal::role_not_allowed, "not the desk"},
      {S::accepted, A::amend, R::agency_leader, K::feedback, Refusal::kind_not_allowed, "feedback"},
      {S::decided, A::amend, R::agency_leader, K::complaint_first, Refusal::no_transition, "decided: too late"},
      {S::closed, A::amend, R::agency_leader, K::complaint_first, Refusal::no_transition, "closed"},
  };
  for (const auto& c : cases) {
    Request r{c.from, c.action, c.role, c.kind, "phát hiện thêm nội dung cần xác minh", std::nullopt, 3, ""};
    const Next n = next_state(r);
    EXPECT_EQ(refusal_code(n.refusal), refusal_code(c.refusal)) << action_code(c.action) << " " << c.source;
    if (n.ok()) {
      EXPECT_EQ(n.to, c.from) << c.source;
    }
  }
  // Law on Complaints 2011 Art. 28 and Denunciations Art. 24(1) give the longer period only for a
  // reason: amend carries one.
  EXPECT_EQ(requirement(A::amend), Requirement::reason);
  Request blank{S::accepted, A::amend, R::agency_leader, K::complaint_first, "  ", std::nullopt, 3, ""};
  EXPECT_EQ(next_state(blank).refusal, Refusal::reason_required);
  EXPECT_EQ(requirement(A::notify_acceptance), Requirement::none);
  EXPECT_EQ(requirement(A::notify_extension), Requirement::none);
  for (A a : {A::notify_acceptance, A::notify_extension, A::amend})
    EXPECT_EQ(parse_action(action_code(a)), a);
}

}  // namespace
}  // namespace tinhso::petitions
