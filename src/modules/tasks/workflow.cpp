#include "modules/tasks/workflow.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::tasks {

namespace {

using A = Action;
using P = Part;
using S = State;

// Issue 16 §3; Decision 42/2014/QĐ-TTg as amended by 23/2018/QĐ-TTg (LEADERS.md §1): the lead
// body acknowledges, reports and asks for more time; the assigner confirms or returns the
// completion, decides extensions, cancels and merges.
constexpr std::array kTable{
    Transition{S::assigned, A::acknowledge, S::acknowledged, P::lead},
    Transition{S::acknowledged, A::report_progress, S::acknowledged, P::lead},
    Transition{S::acknowledged, A::report_completion, S::completion_reported, P::lead},
    Transition{S::completion_reported, A::confirm, S::done, P::assigner},
    Transition{S::completion_reported, A::return_, S::acknowledged, P::assigner},
    // Extensions while the task is not completed; the decision may come after a completion report.
    Transition{S::assigned, A::request_extension, S::assigned, P::lead},
    Transition{S::acknowledged, A::request_extension, S::acknowledged, P::lead},
    Transition{S::assigned, A::approve_extension, S::assigned, P::assigner},
    Transition{S::acknowledged, A::approve_extension, S::acknowledged, P::assigner},
    Transition{S::completion_reported, A::approve_extension, S::completion_reported, P::assigner},
    Transition{S::assigned, A::refuse_extension, S::assigned, P::assigner},
    Transition{S::acknowledged, A::refuse_extension, S::acknowledged, P::assigner},
    Transition{S::completion_reported, A::refuse_extension, S::completion_reported, P::assigner},
    Transition{S::assigned, A::cancel, S::cancelled, P::assigner},
    Transition{S::acknowledged, A::cancel, S::cancelled, P::assigner},
    Transition{S::completion_reported, A::cancel, S::cancelled, P::assigner},
    Transition{S::assigned, A::merge, S::merged, P::assigner},
    Transition{S::acknowledged, A::merge, S::merged, P::assigner},
    Transition{S::completion_reported, A::merge, S::merged, P::assigner},
};

constexpr std::array kStates{
    std::pair{S::assigned, std::string_view("assigned")},
    std::pair{S::acknowledged, std::string_view("acknowledged")},
    std::pair{S::completion_reported, std::string_view("completion_reported")},
    std::pair{S::done, std::string_view("done")},
    std::pair{S::cancelled, std::string_view("cancelled")},
    std::pair{S::merged, std::string_view("merged")},
};
constexpr std::array kActions{
    std::pair{A::acknowledge, std::string_view("acknowledge")},
    std::pair{A::report_progress, std::string_view("report_progress")},
    std::pair{A::report_completion, std::string_view("report_completion")},
    std::pair{A::confirm, std::string_view("confirm")},
    std::pair{A::return_, std::string_view("return")},
    std::pair{A::request_extension, std::string_view("request_extension")},
    std::pair{A::approve_extension, std::string_view("approve_extension")},
    std::pair{A::refuse_extension, std::string_view("refuse_extension")},
    std::pair{A::cancel, std::string_view("cancel")},
    std::pair{A::merge, std::string_view("merge")},
};
constexpr std::array kParts{
    std::pair{P::assigner, std::string_view("assigner")},
    std::pair{P::lead, std::string_view("lead")},
    std::pair{P::coordinator, std::string_view("coordinator")},
};
constexpr std::array kRefusals{
    std::pair{Refusal::none, std::string_view("none")},
    std::pair{Refusal::no_transition, std::string_view("no_transition")},
    std::pair{Refusal::part_not_allowed, std::string_view("part_not_allowed")},
    std::pair{Refusal::reason_required, std::string_view("reason_required")},
    std::pair{Refusal::text_required, std::string_view("text_required")},
    std::pair{Refusal::percent_invalid, std::string_view("percent_invalid")},
    std::pair{Refusal::new_due_required, std::string_view("new_due_required")},
    std::pair{Refusal::into_required, std::string_view("into_required")},
    std::pair{Refusal::no_due_to_extend, std::string_view("no_due_to_extend")},
    std::pair{Refusal::new_due_not_later, std::string_view("new_due_not_later")},
    std::pair{Refusal::extension_pending, std::string_view("extension_pending")},
    std::pair{Refusal::no_pending_extension, std::string_view("no_pending_extension")},
};

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

Refusal missing(const Request& r) {
  const unsigned n = needs(r.action);
  if ((n & kNeedReason) && blank(r.reason)) return Refusal::reason_required;
  if ((n & kNeedText) && blank(r.text)) return Refusal::text_required;
  if ((n & kNeedPercent) && (!r.percent || *r.percent < 0 || *r.percent > 100)) return Refusal::percent_invalid;
  if ((n & kNeedNewDue) && !r.new_due) return Refusal::new_due_required;
  if ((n & kNeedInto) && r.into <= 0) return Refusal::into_required;
  return Refusal::none;
}

Refusal extension_rules(const Request& r) {
  switch (r.action) {
    case A::request_extension:
      if (!r.due_in_force) return Refusal::no_due_to_extend;
      if (r.extension_pending) return Refusal::extension_pending;
      if (r.new_due && *r.new_due <= *r.due_in_force) return Refusal::new_due_not_later;
      return Refusal::none;
    case A::approve_extension:
    case A::refuse_extension:
      return r.extension_pending ? Refusal::none : Refusal::no_pending_extension;
    default:
      return Refusal::none;
  }
}

}  // namespace

std::span<const Transition> transitions() { return kTable; }

bool is_final(State s) { return s == S::done || s == S::cancelled || s == S::merged; }

unsigned needs(Action a) {
  switch (a) {
    case A::report_progress:
      return kNeedText | kNeedPercent;
    case A::report_completion:
      return kNeedText;
    case A::return_:
    case A::refuse_extension:
    case A::cancel:
      return kNeedReason;
    case A::request_extension:
      return kNeedReason | kNeedNewDue;
    case A::merge:
      return kNeedReason | kNeedInto;
    case A::acknowledge:
    case A::confirm:
    case A::approve_extension:
      return kNeedNothing;
  }
  return kNeedNothing;
}

Next next_state(const Request& r) {
  bool any = false;
  const Transition* row = nullptr;
  for (const auto& t : kTable) {
    if (t.from != r.from || t.action != r.action) continue;
    any = true;
    if (t.part == r.part) row = &t;
  }
  if (!any) return {Refusal::no_transition};
  if (!row) return {Refusal::part_not_allowed};
  if (Refusal m = missing(r); m != Refusal::none) return {m};
  if (Refusal e = extension_rules(r); e != Refusal::none) return {e};
  return {Refusal::none, row->to};
}

std::string_view refusal_code(Refusal r) { return util::code_of(kRefusals, r); }
std::string_view state_code(State s) { return util::code_of(kStates, s); }
std::optional<State> parse_state(std::string_view code) { return util::parse_code(kStates, code); }
std::string_view action_code(Action a) { return util::code_of(kActions, a); }
std::optional<Action> parse_action(std::string_view code) { return util::parse_code(kActions, code); }
std::string_view part_code(Part p) { return util::code_of(kParts, p); }
std::optional<Part> parse_part(std::string_view code) { return util::parse_code(kParts, code); }

}  // namespace tinhso::tasks
