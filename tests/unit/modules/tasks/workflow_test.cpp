// The transition table of tasks (issue 16 §3; modules/tasks/workflow.h), checked over every
// state × action × part against the lifecycle the issue states.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "calendar_fixtures.h"
#include "modules/tasks/workflow.h"

namespace tinhso::tasks {
namespace {

using calendar::test::day;

// A request that carries everything any action may need, with a due day to extend and a
// pending request for the assigner's decisions.
Request complete(State from, Action a, Part p) {
  Request r;
  r.from = from;
  r.action = a;
  r.part = p;
  r.reason = "lý do";
  r.text = "nội dung";
  r.percent = 50;
  r.new_due = day("2021-07-15");
  r.into = 7;
  r.due_in_force = day("2021-06-15");
  r.extension_pending = a == Action::approve_extension || a == Action::refuse_extension;
  return r;
}

using Row = std::tuple<State, Action, Part, State>;

// The lifecycle of issue 16 §3, written out independently of the table.
std::set<Row> expected_rows() {
  using A = Action;
  using P = Part;
  using S = State;
  std::set<Row> rows = {
      {S::assigned, A::acknowledge, P::lead, S::acknowledged},
      {S::acknowledged, A::report_progress, P::lead, S::acknowledged},
      {S::acknowledged, A::report_completion, P::lead, S::completion_reported},
      {S::completion_reported, A::confirm, P::assigner, S::done},
      {S::completion_reported, A::return_, P::assigner, S::acknowledged},
      {S::assigned, A::request_extension, P::lead, S::assigned},
      {S::acknowledged, A::request_extension, P::lead, S::acknowledged},
  };
  for (S s : {S::assigned, S::acknowledged, S::completion_reported}) {
    rows.insert({s, A::approve_extension, P::assigner, s});
    rows.insert({s, A::refuse_extension, P::assigner, s});
    rows.insert({s, A::cancel, P::assigner, S::cancelled});
    rows.insert({s, A::merge, P::assigner, S::merged});
  }
  return rows;
}

TEST(TasksWorkflow, TheTableIsExactlyTheLifecycle) {
  std::set<Row> table;
  for (const auto& t : transitions()) EXPECT_TRUE(table.insert({t.from, t.action, t.part, t.to}).second) << "duplicate row";
  EXPECT_EQ(table, expected_rows());
}

TEST(TasksWorkflow, EveryStateActionAndPart) {
  const auto rows = expected_rows();
  int allowed = 0;
  for (State s : kAllStates)
    for (Action a : kAllActions)
      for (Part p : kAllParts) {
        const std::string at = std::string(state_code(s)) + " " + std::string(action_code(a)) + " " + std::string(part_code(p));
        Next n = next_state(complete(s, a, p));
        bool row_for_pair = false;
        const Row* row = nullptr;
        for (const auto& r : rows) {
          if (std::get<0>(r) != s || std::get<1>(r) != a) continue;
          row_for_pair = true;
          if (std::get<2>(r) == p) row = &r;
        }
        if (row) {
          ++allowed;
          EXPECT_TRUE(n.ok()) << at << ": " << refusal_code(n.refusal);
          EXPECT_EQ(n.to, std::get<3>(*row)) << at;
        } else {
          EXPECT_EQ(n.refusal, row_for_pair ? Refusal::part_not_allowed : Refusal::no_transition) << at;
        }
      }
  EXPECT_EQ(allowed, static_cast<int>(rows.size()));
}

TEST(TasksWorkflow, FinalStatesAndCoordinatorsTakeNoStep) {
  for (const auto& t : transitions()) {
    EXPECT_FALSE(is_final(t.from)) << state_code(t.from);
    EXPECT_NE(t.part, Part::coordinator);
  }
  EXPECT_TRUE(is_final(State::done));
  EXPECT_TRUE(is_final(State::merged));
  EXPECT_FALSE(is_final(State::completion_reported));
}

TEST(TasksWorkflow, WhatEachActionMustCarry) {
  struct Case {
    Action action;
    State from;
    Part part;
    void (*spoil)(Request&);
    Refusal expected;
  };
  const Case cases[] = {
      {Action::return_, State::completion_reported, Part::assigner, [](Request& r) { r.reason = "  "; }, Refusal::reason_required},
      {Action::cancel, State::assigned, Part::assigner, [](Request& r) { r.reason = ""; }, Refusal::reason_required},
      {Action::refuse_extension, State::assigned, Part::assigner, [](Request& r) { r.reason = "\n"; }, Refusal::reason_required},
      {Action::merge, State::acknowledged, Part::assigner, [](Request& r) { r.into = 0; }, Refusal::into_required},
      {Action::merge, State::acknowledged, Part::assigner, [](Request& r) { r.reason = ""; }, Refusal::reason_required},
      {Action::report_progress, State::acknowledged, Part::lead, [](Request& r) { r.text = " "; }, Refusal::text_required},
      {Action::report_progress, State::acknowledged, Part::lead, [](Request& r) { r.percent.reset(); }, Refusal::percent_invalid},
      {Action::report_progress, State::acknowledged, Part::lead, [](Request& r) { r.percent = 101; }, Refusal::percent_invalid},
      {Action::report_progress, State::acknowledged, Part::lead, [](Request& r) { r.percent = -1; }, Refusal::percent_invalid},
      {Action::report_completion, State::acknowledged, Part::lead, [](Request& r) { r.text = ""; }, Refusal::text_required},
      {Action::request_extension, State::assigned, Part::lead, [](Request& r) { r.new_due.reset(); }, Refusal::new_due_required},
      {Action::request_extension, State::assigned, Part::lead, [](Request& r) { r.reason = ""; }, Refusal::reason_required},
      {Action::request_extension, State::assigned, Part::lead, [](Request& r) { r.due_in_force.reset(); }, Refusal::no_due_to_extend},
      {Action::request_extension, State::acknowledged, Part::lead, [](Request& r) { r.extension_pending = true; }, Refusal::extension_pending},
      {Action::request_extension, State::acknowledged, Part::lead, [](Request& r) { r.new_due = day("2021-06-15"); }, Refusal::new_due_not_later},
      {Action::approve_extension, State::acknowledged, Part::assigner, [](Request& r) { r.extension_pending = false; }, Refusal::no_pending_extension},
      {Action::refuse_extension, State::completion_reported, Part::assigner, [](Request& r) { r.extension_pending = false; }, Refusal::no_pending_extension},
  };
  for (const auto& c : cases) {
    Request r = complete(c.from, c.action, c.part);
    ASSERT_TRUE(next_state(r).ok()) << action_code(c.action);
    c.spoil(r);
    EXPECT_EQ(refusal_code(next_state(r).refusal), refusal_code(c.expected)) << action_code(c.action);
  }
  // Nothing else is needed by the actions that need nothing.
  for (Action a : {Action::acknowledge, Action::confirm, Action::approve_extension}) EXPECT_EQ(needs(a), kNeedNothing);
}

TEST(TasksWorkflow, CodesRoundTrip) {
  for (State s : kAllStates) EXPECT_EQ(parse_state(state_code(s)), s);
  for (Action a : kAllActions) EXPECT_EQ(parse_action(action_code(a)), a);
  for (Part p : kAllParts) EXPECT_EQ(parse_part(part_code(p)), p);
  for (Refusal r : kAllRefusals) EXPECT_FALSE(refusal_code(r).empty());
  EXPECT_EQ(action_code(Action::return_), "return");
  EXPECT_FALSE(parse_action("return_"));
}

}  // namespace
}  // namespace tinhso::tasks
