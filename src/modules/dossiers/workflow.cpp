#include "modules/dossiers/workflow.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::dossiers {

namespace {

using A = Action;
using S = State;
using W = Actor;

// Decree 61/2018/NĐ-CP: Art. 17 (receive, receipt), Art. 19(4) (supplement within 3 working days,
// one list), Art. 19(5) (refusal with reasons), Art. 18–19 (processing, transfer between
// agencies), Art. 20 (return of the result).
constexpr std::array kTable{
    Transition{S::draft, A::submit, S::submitted, W::applicant},
    Transition{S::submitted, A::withdraw, S::withdrawn, W::applicant},
    Transition{S::submitted, A::receive, S::received, W::one_stop_officer},
    Transition{S::submitted, A::request_supplement, S::supplement_requested, W::one_stop_officer},
    Transition{S::submitted, A::refuse, S::refused, W::one_stop_officer},
    Transition{S::received, A::request_supplement, S::supplement_requested, W::one_stop_officer},
    Transition{S::received, A::assign, S::processing, W::agency_leader},
    Transition{S::received, A::transfer, S::received, W::agency_leader},
    Transition{S::processing, A::request_supplement, S::supplement_requested, W::specialist},
    Transition{S::processing, A::propose, S::proposed, W::specialist},
    Transition{S::processing, A::assign, S::processing, W::agency_leader},
    Transition{S::processing, A::transfer, S::received, W::agency_leader},
    Transition{S::supplement_requested, A::supplement, std::nullopt, W::applicant},
    Transition{S::supplement_requested, A::supplement, std::nullopt, W::one_stop_officer},
    Transition{S::proposed, A::approve, S::approved, W::agency_leader},
    Transition{S::proposed, A::send_back, S::processing, W::agency_leader},
    Transition{S::approved, A::return_result, S::returned, W::one_stop_officer},
    // Art. 19(9): while the clock runs (lateness.h check_apology), the state stays.
    Transition{S::received, A::apology, S::received, W::agency_leader},
    Transition{S::processing, A::apology, S::processing, W::agency_leader},
    Transition{S::proposed, A::apology, S::proposed, W::agency_leader},
    Transition{S::approved, A::apology, S::approved, W::agency_leader},
};

constexpr std::array<std::pair<State, std::string_view>, 10> kStates{{
    {S::draft, "draft"},
    {S::submitted, "submitted"},
    {S::received, "received"},
    {S::supplement_requested, "supplement_requested"},
    {S::processing, "processing"},
    {S::proposed, "proposed"},
    {S::approved, "approved"},
    {S::returned, "returned"},
    {S::refused, "refused"},
    {S::withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 13> kActions{{
    {A::submit, "submit"},
    {A::withdraw, "withdraw"},
    {A::receive, "receive"},
    {A::request_supplement, "request_supplement"},
    {A::supplement, "supplement"},
    {A::refuse, "refuse"},
    {A::assign, "assign"},
    {A::propose, "propose"},
    {A::approve, "approve"},
    {A::send_back, "send_back"},
    {A::transfer, "transfer"},
    {A::return_result, "return_result"},
    {A::apology, "apology"},
}};

using util::code_of;
using util::parse_code;

}  // namespace

std::span<const Transition> transitions() { return kTable; }

const Transition* find_transition(State from, Action action, Actor actor) {
  auto it = std::find_if(kTable.begin(), kTable.end(), [&](const Transition& t) {
    return t.from == from && t.action == action && t.actor == actor;
  });
  return it == kTable.end() ? nullptr : &*it;
}

ClockEffect clock_effect(Action action, Clock clock) {
  switch (action) {
    case A::receive: return clock == Clock::not_started ? ClockEffect::start : ClockEffect::none;
    case A::request_supplement: return clock == Clock::running ? ClockEffect::pause : ClockEffect::none;
    case A::supplement: return clock == Clock::paused ? ClockEffect::resume : ClockEffect::none;
    case A::return_result: return clock == Clock::running ? ClockEffect::stop : ClockEffect::none;
    default: return ClockEffect::none;
  }
}

bool is_final(State s) { return s == S::returned || s == S::refused || s == S::withdrawn; }

bool needs_note(Action a) {
  return a == A::refuse || a == A::request_supplement || a == A::send_back || a == A::transfer || a == A::apology;
}

std::string_view state_code(State s) { return code_of(kStates, s); }
std::optional<State> parse_state(std::string_view code) { return parse_code(kStates, code); }
std::string_view action_code(Action a) { return code_of(kActions, a); }
std::optional<Action> parse_action(std::string_view code) { return parse_code(kActions, code); }

}  // namespace tinhso::dossiers
