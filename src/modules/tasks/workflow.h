#pragma once
// The life of an assigned task (issue 16 §3) as one transition table (workflow.cpp): every
// allowed step is a row (from state, action, the part the actor plays in the task) → new state.
// Pure: no I/O, no clock. Which accounts play which part is permissions.h; the time rules are
// rules.h.
//
//   assigned → acknowledged (by the lead body) → progress reports (text, percentage)
//            → completion_reported (the product) → done (confirmed by the assigner)
//                                               ↘ acknowledged (returned, with a reason)
//   extension: requested by the lead body (reason, new date) while not completed, approved or
//   refused (with a reason) by the assigner; the state does not change, every deadline version is
//   kept (rules.h DeadlineVersion).
//   cancelled / merged (into another task): by the assigner, with a reason, while not done.
//
// Coordinating bodies ("cơ quan phối hợp") contribute through the lead body, which alone reports
// (the "5 rõ" of an assignment name one lead, LEADERS.md §1): they take no step here; they see
// the task.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/calendar/date.h"

namespace tinhso::tasks {

enum class State { assigned, acknowledged, completion_reported, done, cancelled, merged };
inline constexpr State kAllStates[] = {State::assigned, State::acknowledged, State::completion_reported,
                                       State::done,     State::cancelled,    State::merged};

enum class Action {
  acknowledge,        // the lead body takes the task on
  report_progress,    // text and percentage 0–100 (files: later)
  report_completion,  // text: the product
  confirm,            // the assigner accepts the completion: done
  return_,            // the assigner sends the completion back, with a reason ("return")
  request_extension,  // reason and the new due day
  approve_extension,  // the pending request's date becomes the deadline in force
  refuse_extension,   // with a reason
  cancel,             // with a reason
  merge,              // into another task, with a reason
};
inline constexpr Action kAllActions[] = {Action::acknowledge,       Action::report_progress,   Action::report_completion,
                                         Action::confirm,           Action::return_,           Action::request_extension,
                                         Action::approve_extension, Action::refuse_extension,  Action::cancel,
                                         Action::merge};

// The part an account plays in a task (permissions.h part_of).
enum class Part {
  assigner,     // the assigning office: the province leader or the leaders' office
  lead,         // the lead body ("cơ quan chủ trì")
  coordinator,  // a coordinating body ("cơ quan phối hợp")
};
inline constexpr Part kAllParts[] = {Part::assigner, Part::lead, Part::coordinator};

struct Transition {
  State from;
  Action action;
  State to;
  Part part;
};
// Every allowed step.
std::span<const Transition> transitions();
bool is_final(State s);  // done, cancelled, merged

// What an action must carry, as bits.
enum Need : unsigned {
  kNeedNothing = 0,
  kNeedReason = 1u << 0,   // return, refuse_extension, cancel, merge, request_extension
  kNeedText = 1u << 1,     // report_progress, report_completion
  kNeedPercent = 1u << 2,  // report_progress
  kNeedNewDue = 1u << 3,   // request_extension
  kNeedInto = 1u << 4,     // merge
};
unsigned needs(Action a);

// One step asked for, with what the table and the task's extension state decide on.
struct Request {
  State from = State::assigned;
  Action action = Action::acknowledge;
  Part part = Part::lead;
  std::string_view reason;
  std::string_view text;
  std::optional<int> percent;
  std::optional<calendar::Date> new_due;
  std::int64_t into = 0;  // merge: the other task
  // The task's deadline: an extension applies only to a due day (kinds date and working_days).
  std::optional<calendar::Date> due_in_force;
  bool extension_pending = false;
};

enum class Refusal {
  none,
  no_transition,       // not from this state
  part_not_allowed,    // not by this part
  reason_required,     // empty or blank
  text_required,       // empty or blank
  percent_invalid,     // missing or outside 0..100
  new_due_required,    // missing
  into_required,       // merge without the other task
  no_due_to_extend,    // an ongoing or recurring task has no due day to extend
  new_due_not_later,   // the new day is not after the due day in force
  extension_pending,   // a request is already waiting for the assigner
  no_pending_extension,  // approve or refuse without a pending request
};
inline constexpr Refusal kAllRefusals[] = {
    Refusal::none,          Refusal::no_transition,    Refusal::part_not_allowed,  Refusal::reason_required,
    Refusal::text_required, Refusal::percent_invalid,  Refusal::new_due_required,  Refusal::into_required,
    Refusal::no_due_to_extend, Refusal::new_due_not_later, Refusal::extension_pending, Refusal::no_pending_extension};
std::string_view refusal_code(Refusal r);  // message id suffix: "reason_required", ...

struct Next {
  Refusal refusal = Refusal::none;
  State to = State::assigned;  // meaningful only when ok()
  bool ok() const { return refusal == Refusal::none; }
};
// The state after `r`, or why it is refused. Checks, in order: a row for (from, action); one of
// those for the part; what the action must carry (needs); then the extension rules.
Next next_state(const Request& r);

std::string_view state_code(State s);
std::optional<State> parse_state(std::string_view code);
std::string_view action_code(Action a);  // "return" for Action::return_
std::optional<Action> parse_action(std::string_view code);
std::string_view part_code(Part p);
std::optional<Part> parse_part(std::string_view code);

}  // namespace tinhso::tasks
