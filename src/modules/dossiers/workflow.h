#pragma once
// The life of a dossier as one state machine (Decree 61/2018/NĐ-CP Art. 17–20, as amended by
// Decree 107/2021/NĐ-CP): every allowed transition is a row of one table (workflow.cpp), with
// who may take it and what it does to the statutory clock. Pure: no I/O, no clock.
#include <optional>
#include <span>
#include <string_view>

namespace tinhso::dossiers {

enum class State {
  draft,                 // being prepared by the applicant; no code yet
  submitted,             // sent online, waiting for the one-stop desk's completeness check
  received,              // received with a receipt; the clock runs; waiting for assignment
  supplement_requested,  // the applicant must complete it (Art. 19(4)); clock paused if running
  processing,            // assigned to a specialist of the handling agency
  proposed,              // the specialist proposed a result; waiting for the agency leader
  approved,              // the leader approved; the result waits at the desk
  returned,              // the result was returned (final; on time or late decided here)
  refused,               // refused at the desk with a reason (final)
  withdrawn,             // withdrawn by the applicant before receipt (final)
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr State kAllStates[] = {State::draft, State::submitted, State::received, State::supplement_requested,
    State::processing, State::proposed, State::approved, State::returned, State::refused, State::withdrawn};

enum class Action {
  submit,              // draft → submitted
  withdraw,            // submitted → withdrawn
  receive,             // submitted → received: receipt with the appointment date (Art. 17)
  request_supplement,  // → supplement_requested: one list of what is missing (Art. 19(4))
  supplement,          // supplement_requested → the state it was requested from
  refuse,              // → refused, with a reason (Art. 19(5))
  assign,              // received → processing, to a specialist of the handling agency
  propose,             // processing → proposed, with the result documents
  approve,             // proposed → approved
  send_back,           // proposed → processing: the leader returns it for rework
  transfer,            // → received at another agency that must act; the clock keeps running
  return_result,       // approved → returned (Art. 20)
  apology,             // a leader's apology with a new appointment date (Art. 19(9)); the state stays
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Action kAllActions[] = {Action::submit, Action::withdraw, Action::receive,
    Action::request_supplement, Action::supplement, Action::refuse, Action::assign, Action::propose, Action::approve,
    Action::send_back, Action::transfer, Action::return_result, Action::apology};

// Who takes an action. Scope (which agency, which dossier) is checked by permissions.cpp.
enum class Actor {
  applicant,         // the citizen or business who owns the dossier
  one_stop_officer,  // of the desk agency
  specialist,        // the assigned specialist of the handling agency
  agency_leader,     // a leader of the handling agency
};

// What a transition does to the statutory clock (calendar::DeadlineEngine).
enum class ClockEffect {
  none,
  start,   // the receiving moment: the appointment date is computed
  pause,   // a supplement request while the clock runs
  resume,  // the supplement completes a paused dossier
  stop,    // the result is returned: on time or late is decided
};

struct Transition {
  State from;
  Action action;
  // The state after; nullopt for `supplement`, which goes back to the state it was requested
  // from (stored with the dossier).
  std::optional<State> to;
  Actor actor;
};

// Every allowed transition (the table).
std::span<const Transition> transitions();
// The transition for (from, action, actor), if the table allows it.
const Transition* find_transition(State from, Action action, Actor actor);
// Where the statutory clock stands: not started before receipt, paused by a supplement request
// made after receipt, stopped once the result is returned.
enum class Clock { not_started, running, paused, stopped };
// What `action` does to the clock standing at `clock`.
ClockEffect clock_effect(Action action, Clock clock);
bool is_final(State s);
// Actions that must say why: a refusal's reasons (Art. 19(5)), the supplement list (Art. 19(4)),
// a leader's reasons for sending back, a transfer's reason, an apology's reason (Art. 19(9)).
bool needs_note(Action a);

std::string_view state_code(State s);    // "supplement_requested", as stored
std::optional<State> parse_state(std::string_view code);
std::string_view action_code(Action a);  // "request_supplement", as stored in events
std::optional<Action> parse_action(std::string_view code);

}  // namespace tinhso::dossiers
