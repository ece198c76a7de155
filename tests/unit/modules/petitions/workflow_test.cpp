// The petition state machine: the transition table (Law on Complaints 2011 Art. 11, 27–37; Law on
// Denunciations 2018 Art. 24, 30; Decree 20/2008/NĐ-CP Art. 9), who may act, what each action
// must carry, reachability and the second-complaint link (Law on Complaints 2011 Art. 33).
#include "modules/petitions/workflow.h"

#include <gtest/gtest.h>

#include <map>
#include <queue>
#include <set>
#include <string>
#include <tuple>

#include "calendar_fixtures.h"

namespace tinhso::petitions {
namespace {

using A = Action;
using K = Kind;
using R = auth::Role;
using S = State;
using calendar::test::day;

constexpr S kAllStates[] = {S::received, S::classified, S::accepted, S::assigned, S::verified, S::decided,
                            S::notified, S::closed,     S::refused,  S::forwarded, S::guided};
constexpr A kAllActions[] = {A::receive, A::classify,  A::accept, A::refuse, A::forward, A::guide, A::assign,
                             A::verify,  A::send_back, A::extend, A::decide, A::notify,  A::close};

// A request carrying everything any action needs, so that only the table decides.
Request full(S from, A action, R role, std::optional<K> kind = K::complaint_first) {
  return {from, action, role, kind, "không thuộc thẩm quyền", 7, 3, "QĐ 15/QĐ-UBND"};
}

TEST(PetitionWorkflow, TransitionTable) {
  struct Case {
    S from;
    A action;
    R role;
    std::optional<K> kind;
    std::optional<S> to;  // nullopt: refused
    Refusal refusal;
    const char* source;
  };
  const Case cases[] = {
      {S::received, A::classify, R::one_stop_officer, std::nullopt, S::classified, Refusal::none, "Denunciations Art. 24: classify"},
      {S::received, A::classify, R::specialist, K::feedback, S::classified, Refusal::none, "classify"},
      {S::received, A::classify, R::inspector, K::denunciation, S::classified, Refusal::none, "classify"},
      {S::received, A::classify, R::citizen, std::nullopt, std::nullopt, Refusal::role_not_allowed, "deny by default"},
      {S::received, A::accept, R::agency_leader, K::complaint_first, std::nullopt, Refusal::no_transition, "classify first"},
      {S::classified, A::accept, R::agency_leader, K::complaint_first, S::accepted, Refusal::none, "Complaints Art. 27"},
      {S::classified, A::accept, R::agency_leader, K::complaint_second, S::accepted, Refusal::none, "Complaints Art. 36"},
      {S::classified, A::accept, R::agency_leader, K::denunciation, S::accepted, Refusal::none, "Denunciations Art. 24"},
      {S::classified, A::accept, R::specialist, K::complaint_first, std::nullopt, Refusal::role_not_allowed, "the leader accepts"},
      {S::classified, A::refuse, R::agency_leader, K::complaint_first, S::refused, Refusal::none, "Complaints Art. 11"},
      {S::classified, A::refuse, R::one_stop_officer, K::complaint_first, std::nullopt, Refusal::role_not_allowed, "the leader refuses"},
      {S::classified, A::forward, R::specialist, K::denunciation, S::forwarded, Refusal::none, "Denunciations Art. 24"},
      {S::classified, A::forward, R::agency_leader, K::feedback, S::forwarded, Refusal::none, "Decree 20/2008 Art. 9"},
      {S::classified, A::forward, R::citizen, K::feedback, std::nullopt, Refusal::role_not_allowed, "staff only"},
      {S::accepted, A::assign, R::agency_leader, K::complaint_first, S::assigned, Refusal::none, "assign"},
      {S::accepted, A::assign, R::specialist, K::complaint_first, std::nullopt, Refusal::role_not_allowed, "the leader assigns"},
      {S::assigned, A::assign, R::agency_leader, K::denunciation, S::assigned, Refusal::none, "reassignment"},
      {S::assigned, A::verify, R::specialist, K::complaint_first, S::verified, Refusal::none, "verify"},
      {S::assigned, A::verify, R::inspector, K::complaint_second, S::verified, Refusal::none, "verify"},
      {S::assigned, A::verify, R::inspector, K::denunciation, S::verified, Refusal::none, "denunciations: inspectors"},
      {S::assigned, A::verify, R::specialist, K::denunciation, std::nullopt, Refusal::role_not_allowed, "denunciations: inspectors"},
      {S::assigned, A::verify, R::specialist, K::recommendation, S::verified, Refusal::none, "verify"},
      {S::verified, A::send_back, R::agency_leader, K::complaint_first, S::assigned, Refusal::none, "more verification"},
      {S::accepted, A::extend, R::agency_leader, K::denunciation, S::accepted, Refusal::none, "Denunciations Art. 30"},
      {S::assigned, A::extend, R::agency_leader, K::denunciation, S::assigned, Refusal::none, "Denunciations Art. 30"},
      {S::verified, A::extend, R::agency_leader, K::denunciation, S::verified, Refusal::none, "Denunciations Art. 30"},
      {S::assigned, A::extend, R::agency_leader, K::complaint_first, std::nullopt, Refusal::kind_not_allowed, "complaints: no extension"},
      {S::assigned, A::extend, R::agency_leader, std::nullopt, std::nullopt, Refusal::kind_not_allowed, "kind unknown"},
      {S::assigned, A::extend, R::inspector, K::denunciation, std::nullopt, Refusal::role_not_allowed, "the leader extends"},
      {S::decided, A::extend, R::agency_leader, K::denunciation, std::nullopt, Refusal::no_transition, "too late to extend"},
      {S::verified, A::decide, R::agency_leader, K::complaint_first, S::decided, Refusal::none, "decide with the decision document"},
      {S::verified, A::decide, R::inspector, K::denunciation, std::nullopt, Refusal::role_not_allowed, "the leader decides"},
      {S::assigned, A::decide, R::agency_leader, K::complaint_first, std::nullopt, Refusal::no_transition, "verify first"},
      {S::decided, A::notify, R::one_stop_officer, K::complaint_first, S::notified, Refusal::none, "notify"},
      {S::decided, A::notify, R::specialist, K::denunciation, S::notified, Refusal::none, "notify"},
      {S::notified, A::close, R::specialist, K::feedback, S::closed, Refusal::none, "close"},
      {S::notified, A::close, R::agency_leader, K::complaint_first, S::closed, Refusal::none, "close"},
      {S::decided, A::close, R::agency_leader, K::complaint_first, std::nullopt, Refusal::no_transition, "notify first"},
      {S::closed, A::close, R::agency_leader, K::complaint_first, std::nullopt, Refusal::no_transition, "close is final"},
      {S::refused, A::accept, R::agency_leader, K::complaint_first, std::nullopt, Refusal::no_transition, "refused is final"},
      {S::forwarded, A::classify, R::specialist, K::feedback, std::nullopt, Refusal::no_transition, "forwarded is final"},
      {S::received, A::receive, R::one_stop_officer, std::nullopt, std::nullopt, Refusal::no_transition, "receive is no row"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(state_code(c.from)) + " " + std::string(action_code(c.action)) + " by " +
                 std::string(auth::role_name(c.role)) + ": " + c.source);
    const Next n = next_state(full(c.from, c.action, c.role, c.kind));
    EXPECT_EQ(n.refusal, c.refusal) << refusal_code(n.refusal);
    EXPECT_EQ(n.ok(), c.to.has_value());
    if (c.to) {
      EXPECT_EQ(n.to, *c.to);
    }
  }
}

// What each action must carry: refuse and send_back a reason, forward another agency, decide and
// extend a document.
TEST(PetitionWorkflow, RequiredData) {
  struct Case {
    Request r;
    Refusal refusal;
    const char* source;
  };
  const Request refuse{S::classified, A::refuse, R::agency_leader, K::complaint_first};
  const Request forward{S::classified, A::forward, R::specialist, K::denunciation};
  const Request decide{S::verified, A::decide, R::agency_leader, K::complaint_first};
  const Request extend{S::verified, A::extend, R::agency_leader, K::denunciation};
  const Request back{S::verified, A::send_back, R::agency_leader, K::feedback};
  const auto with = [](Request r, std::string_view reason, std::optional<std::int64_t> to, std::string_view doc) {
    r.reason = reason;
    r.to_agency = to;
    r.current_agency = 3;
    r.document = doc;
    return r;
  };
  const Case cases[] = {
      {with(refuse, "", {}, ""), Refusal::reason_required, "Complaints Art. 11: refuse without reason"},
      {with(refuse, "  \n", {}, ""), Refusal::reason_required, "a blank reason"},
      {with(refuse, "hết thời hiệu khiếu nại", {}, ""), Refusal::none, "with reasons"},
      {with(back, "", {}, ""), Refusal::reason_required, "send back without reason"},
      {with(back, "thiếu biên bản", {}, ""), Refusal::none, "send back with reason"},
      {with(forward, "", std::nullopt, ""), Refusal::agency_required, "forward to nowhere"},
      {with(forward, "", 3, ""), Refusal::agency_required, "forward to itself"},
      {with(forward, "", 0, ""), Refusal::agency_required, "no agency id"},
      {with(forward, "", 9, ""), Refusal::none, "Denunciations Art. 24: to the competent agency"},
      {with(decide, "", {}, ""), Refusal::document_required, "decide without a decision"},
      {with(decide, "", {}, "QĐ 15/QĐ-UBND"), Refusal::none, "decide"},
      {with(extend, "", {}, ""), Refusal::document_required, "Denunciations Art. 30: written extension"},
      {with(extend, "", {}, "QĐ 16/QĐ-TTr"), Refusal::none, "extend"},
  };
  for (const auto& c : cases) {
    const Next n = next_state(c.r);
    EXPECT_EQ(n.refusal, c.refusal) << c.source << " → " << refusal_code(n.refusal);
  }
  // The role is checked before the data: a citizen refusing gets role_not_allowed.
  EXPECT_EQ(next_state(with({S::classified, A::refuse, R::citizen, K::complaint_first}, "", {}, "")).refusal,
            Refusal::role_not_allowed);
}

TEST(PetitionWorkflow, Requirements) {
  const std::pair<A, Requirement> cases[] = {
      {A::refuse, Requirement::reason},   {A::send_back, Requirement::reason}, {A::forward, Requirement::agency},
      {A::decide, Requirement::document}, {A::extend, Requirement::document},  {A::accept, Requirement::none},
      {A::classify, Requirement::none},   {A::close, Requirement::none},       {A::guide, Requirement::reason},
  };
  for (auto [a, req] : cases) EXPECT_EQ(requirement(a), req) << action_code(a);
}

// Every state is reachable from `received`, for every kind, following the table.
TEST(PetitionWorkflow, EveryStateReachableFromReceived) {
  for (K kind : kAllKinds) {
    std::set<S> seen{S::received};
    std::queue<S> frontier;
    frontier.push(S::received);
    while (!frontier.empty()) {
      const S s = frontier.front();
      frontier.pop();
      for (const Transition& t : transitions())
        if (t.from == s && (t.kinds & kind_bit(kind)) && seen.insert(t.to).second) frontier.push(t.to);
    }
    // Circular 07/2014/TT-TTCP Art. 8(1): complaints are guided, never forwarded; the others the reverse.
    for (S s : kAllStates) {
      const bool expected = is_complaint(kind) ? s != S::forwarded : s != S::guided;
      EXPECT_EQ(seen.count(s) == 1, expected) << kind_code(kind) << ": " << state_code(s);
    }
  }
}

// From every state a final state can be reached: nothing gets stuck.
TEST(PetitionWorkflow, EveryStateCanFinish) {
  for (S start : kAllStates) {
    std::set<S> seen{start};
    std::queue<S> frontier;
    frontier.push(start);
    bool finished = false;
    while (!frontier.empty()) {
      const S s = frontier.front();
      frontier.pop();
      finished = finished || is_final(s);
      for (const Transition& t : transitions())
        if (t.from == s && seen.insert(t.to).second) frontier.push(t.to);
    }
    EXPECT_TRUE(finished) << state_code(start);
  }
}

TEST(PetitionWorkflow, FinalStatesHaveNoWayOut) {
  for (const Transition& t : transitions()) EXPECT_FALSE(is_final(t.from)) << state_code(t.from);
  for (S s : {S::closed, S::refused, S::forwarded, S::guided}) {
    EXPECT_TRUE(is_final(s));
    for (A a : kAllActions)
      for (R r : auth::kAllRoles)
        for (K k : kAllKinds) EXPECT_FALSE(next_state(full(s, a, r, k)).ok()) << state_code(s);
  }
  for (S s : {S::received, S::classified, S::accepted, S::assigned, S::verified, S::decided, S::notified})
    EXPECT_FALSE(is_final(s));
}

TEST(PetitionWorkflow, TableIsWellFormed) {
  std::set<std::tuple<S, A, R>> seen;
  std::map<std::pair<S, A>, S> target;
  for (const Transition& t : transitions()) {
    SCOPED_TRACE(std::string(state_code(t.from)) + " " + std::string(action_code(t.action)));
    EXPECT_TRUE(seen.insert({t.from, t.action, t.role}).second);  // no duplicate rows
    auto [it, fresh] = target.insert({{t.from, t.action}, t.to});
    EXPECT_EQ(it->second, t.to);   // one action from one state leads to one state
    EXPECT_NE(t.action, A::receive);
    EXPECT_NE(t.kinds, 0u);
    EXPECT_EQ(t.kinds & ~kAnyKind, 0u);
    // Deny by default: citizens, administrators, auditors and province leaders never act here.
    for (R r : {R::citizen, R::administrator, R::auditor, R::province_leader}) EXPECT_NE(t.role, r);
  }
}

TEST(PetitionWorkflow, WhoMayReceiveAndVerify) {
  for (R r : auth::kAllRoles)
    EXPECT_EQ(may_receive(r), r == R::one_stop_officer || r == R::specialist || r == R::inspector) << auth::role_name(r);
  // Denunciations are verified by inspectors only; other kinds also by specialists.
  for (K k : kAllKinds)
    for (R r : auth::kAllRoles) {
      const bool expected = r == R::inspector || (r == R::specialist && k != K::denunciation);
      EXPECT_EQ(may_verify(k, r), expected) << kind_code(k) << " " << auth::role_name(r);
    }
}

// Law on Complaints 2011 Art. 33: a second complaint follows a decided first complaint, or one
// whose resolve period has ended.
TEST(PetitionWorkflow, SecondComplaintLink) {
  const LinkedComplaint decided{K::complaint_first, S::decided, day("2026-03-05")};
  const LinkedComplaint closed{K::complaint_first, S::closed, day("2026-03-05")};
  const LinkedComplaint open{K::complaint_first, S::assigned, day("2026-03-05")};
  const LinkedComplaint unaccepted{K::complaint_first, S::classified, std::nullopt};
  const LinkedComplaint refused{K::complaint_first, S::refused, std::nullopt};
  const LinkedComplaint forwarded{K::complaint_first, S::forwarded, std::nullopt};
  const LinkedComplaint second{K::complaint_second, S::decided, day("2026-03-05")};
  const LinkedComplaint denunciation{K::denunciation, S::decided, day("2026-03-05")};
  struct Case {
    K kind;
    const LinkedComplaint* first;
    const char* today;
    LinkCheck expected;
    const char* source;
  };
  const Case cases[] = {
      {K::complaint_second, &decided, "2026-03-01", LinkCheck::ok, "Art. 33: the first was decided"},
      {K::complaint_second, &closed, "2026-03-01", LinkCheck::ok, "Art. 33: decided and closed"},
      {K::complaint_second, &open, "2026-03-05", LinkCheck::first_still_open, "Art. 33: the due day is not over"},
      {K::complaint_second, &open, "2026-03-06", LinkCheck::ok, "Art. 33: the period ended unresolved"},
      {K::complaint_second, &unaccepted, "2027-01-01", LinkCheck::first_still_open, "no resolve clock yet"},
      {K::complaint_second, &refused, "2026-03-06", LinkCheck::first_not_accepted, "refused: nothing to contest"},
      {K::complaint_second, &forwarded, "2026-03-06", LinkCheck::first_not_accepted, "forwarded elsewhere"},
      {K::complaint_second, nullptr, "2026-03-06", LinkCheck::missing, "the link is required"},
      {K::complaint_second, &second, "2026-03-06", LinkCheck::not_first_complaint, "no third complaint"},
      {K::complaint_second, &denunciation, "2026-03-06", LinkCheck::not_first_complaint, "not a complaint"},
      {K::complaint_first, &decided, "2026-03-06", LinkCheck::unexpected, "only second complaints link"},
      {K::denunciation, &decided, "2026-03-06", LinkCheck::unexpected, "only second complaints link"},
      {K::complaint_first, nullptr, "2026-03-06", LinkCheck::ok, "no link, none needed"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(check_second_complaint_link(c.kind, c.first, day(c.today)), c.expected)
        << c.source << " → " << link_check_code(check_second_complaint_link(c.kind, c.first, day(c.today)));
}

// Issue 12 finding 16: a complaint outside the agency's competence is answered with guidance, not
// forwarded (Circular 07/2014/TT-TTCP Art. 8(1)); the others are forwarded (Law on Denunciations
// 2018 Art. 24(1), Decree 20/2008/NĐ-CP Art. 9) and never "guided".
TEST(PetitionWorkflow, ComplaintsAreGuidedNotForwarded) {
  struct Case {
    A action;
    R role;
    K kind;
    std::optional<S> to;
    Refusal refusal;
  };
  const Case cases[] = {
      {A::forward, R::specialist, K::complaint_first, std::nullopt, Refusal::kind_not_allowed},
      {A::forward, R::agency_leader, K::complaint_second, std::nullopt, Refusal::kind_not_allowed},
      {A::guide, R::specialist, K::complaint_first, S::guided, Refusal::none},
      {A::guide, R::agency_leader, K::complaint_second, S::guided, Refusal::none},
      {A::guide, R::specialist, K::denunciation, std::nullopt, Refusal::kind_not_allowed},
      {A::guide, R::specialist, K::feedback, std::nullopt, Refusal::kind_not_allowed},
      {A::guide, R::one_stop_officer, K::complaint_first, std::nullopt, Refusal::role_not_allowed},
      {A::forward, R::specialist, K::denunciation, S::forwarded, Refusal::none},
      {A::forward, R::specialist, K::recommendation, S::forwarded, Refusal::none},
  };
  for (const auto& c : cases) {
    const Next n = next_state(full(S::classified, c.action, c.role, c.kind));
    EXPECT_EQ(n.refusal, c.refusal) << action_code(c.action) << " " << kind_code(c.kind);
    if (c.to) {
      EXPECT_EQ(n.to, *c.to);
    }
  }
  // The guidance itself is required, as a reason.
  Request blank = full(S::classified, A::guide, R::specialist, K::complaint_first);
  blank.reason = " ";
  EXPECT_EQ(next_state(blank).refusal, Refusal::reason_required);
  // A guided first complaint had no decision to contest (Law on Complaints 2011 Art. 33).
  const LinkedComplaint guided{K::complaint_first, S::guided, std::nullopt};
  EXPECT_EQ(check_second_complaint_link(K::complaint_second, &guided, day("2026-03-06")), LinkCheck::first_not_accepted);
}

TEST(PetitionWorkflow, CodesRoundTrip) {
  for (S s : kAllStates) EXPECT_EQ(parse_state(state_code(s)), s);
  for (A a : kAllActions) EXPECT_EQ(parse_action(action_code(a)), a);
  EXPECT_FALSE(parse_state("open"));
  EXPECT_FALSE(parse_action(""));
  std::set<std::string_view> codes;
  for (S s : kAllStates) EXPECT_TRUE(codes.insert(state_code(s)).second);
}

// The settling step's due day decides "on time" (the monthly figures, migration 012).
TEST(PetitionSettlement, OnTimeAgainstTheSettlingStepsDueDay) {
  struct Case {
    State to;
    const char* day;
    const char *accept_due, *resolve_due, *forward_due;
    bool on_time;
  };
  const Case cases[] = {
      {State::decided, "2026-12-10", "2026-12-01", "2026-12-10", "", true},    // on its resolve day
      {State::decided, "2026-12-11", "2026-12-20", "2026-12-10", "", false},   // a day late; accept_due irrelevant
      {State::decided, "2026-12-11", "", "", "", true},                        // no due day
      {State::refused, "2026-12-05", "2026-12-04", "2026-12-30", "", false},   // refusal judged by accept_due
      {State::guided, "2026-12-04", "2026-12-04", "", "", true},
      {State::forwarded, "2026-12-06", "2026-12-30", "2026-12-30", "2026-12-05", false},  // forward_due
      {State::forwarded, "2026-12-05", "", "", "2026-12-05", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(state_code(c.to)) + " " + c.day);
    EXPECT_EQ(settled_on_time(c.to, c.day, c.accept_due, c.resolve_due, c.forward_due), c.on_time);
  }
  for (State s : kAllStates) {
    const bool settling = s == State::decided || s == State::refused || s == State::forwarded || s == State::guided;
    EXPECT_EQ(settles(s), settling) << state_code(s);
    EXPECT_EQ(is_settled(s), settling || s == State::notified || s == State::closed) << state_code(s);
  }
}

}  // namespace
}  // namespace tinhso::petitions
