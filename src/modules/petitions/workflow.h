#pragma once
// The life of a petition (đơn thư) as one state machine: every allowed transition is a row of
// one table (workflow.cpp) saying who may take it and for which kinds. Pure: no I/O, no clock.
// Scope (which agency, which petition, the assignee) is checked by the permissions layer; the
// time rules are in rules.h.
//
//   received → classified → accepted → assigned → verified → decided → notified → closed
//                         ↘ refused (with reasons)
//                         ↘ forwarded (to the competent agency; not complaints)
//                         ↘ guided (a complaint outside the agency's competence: the filer is
//                           told where to complain, Circular 07/2014/TT-TTCP Art. 8(1))
//
// A petition enters the machine in `received` (Action::receive, see may_receive): recording it
// starts the accept, forward and inform clocks (rules.h).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/auth/principal.h"
#include "core/calendar/date.h"
#include "modules/petitions/rules.h"

namespace tinhso::petitions {

enum class State {
  received,    // recorded with its receiving moment; the kind may still be unknown
  classified,  // the kind is set and competence examined (Law on Denunciations 2018 Art. 24)
  accepted,    // accepted for handling (thụ lý; Law on Complaints 2011 Art. 27, 36); resolve clock runs
  assigned,    // a verifier is assigned
  verified,    // the verification report is in; waiting for the leader's decision
  decided,     // the decision (or, for recommendations and feedback, the answer) is signed
  notified,    // the decision was sent to the person (and others the law names)
  closed,      // filed away (final)
  refused,     // not accepted, with reasons, e.g. Law on Complaints 2011 Art. 11 (final)
  forwarded,   // sent to the competent agency (final here; Law on Denunciations 2018 Art. 24(1),
               // Decree 20/2008/NĐ-CP Art. 9)
  guided,      // a complaint outside the agency's competence, answered with guidance to the
               // competent one instead of forwarded (final; Circular 07/2014/TT-TTCP Art. 8(1))
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr State kAllStates[] = {State::received, State::classified, State::accepted, State::assigned,
    State::verified, State::decided, State::notified, State::closed, State::refused, State::forwarded, State::guided};

enum class Action {
  receive,    // creates the petition in `received`; not a table row (there is no "from" state)
  classify,   // received → classified
  accept,     // classified → accepted
  refuse,     // classified → refused; reasons required
  forward,    // classified → forwarded; the target agency required; not for complaints
  guide,      // classified → guided: complaints only; the guidance given required (as a reason)
  assign,     // accepted → assigned; assigned → assigned (reassignment)
  verify,     // assigned → verified: the verification report
  send_back,  // verified → assigned: more verification needed; reasons required
  extend,     // denunciations: the resolve period is extended (Law on Denunciations 2018
              // Art. 30(2)–(4)); the written decision required; the count is checked by
              // check_extensions
  decide,     // verified → decided; the decision document required
  notify,     // decided → notified
  close,      // notified → closed
  // Steps that keep the state (issue 12 findings 12, 15):
  notify_acceptance,  // a denunciation's acceptance sent to the denouncer (Law on Denunciations
                      // 2018 Art. 29(3)); once
  notify_extension,   // the pending extension decisions sent to the denouncer and the denounced
                      // (Law on Denunciations 2018 Art. 30(4))
  amend,              // the complexity or "several places" changed, with a reason (rules.h
                      // check_amendment); only while the case is open
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Action kAllActions[] = {Action::receive, Action::classify, Action::accept, Action::refuse,
    Action::forward, Action::guide, Action::assign, Action::verify, Action::send_back, Action::extend, Action::decide,
    Action::notify, Action::close, Action::notify_acceptance, Action::notify_extension, Action::amend};

// A set of kinds, one bit per Kind.
using KindMask = unsigned;
constexpr KindMask kind_bit(Kind k) { return 1u << static_cast<unsigned>(k); }
inline constexpr KindMask kAnyKind = kind_bit(Kind::complaint_first) | kind_bit(Kind::complaint_second) |
                                     kind_bit(Kind::denunciation) | kind_bit(Kind::recommendation) |
                                     kind_bit(Kind::feedback);

struct Transition {
  State from;
  Action action;
  State to;
  auth::Role role;  // who may take it
  KindMask kinds;   // for which kinds
};

// Every allowed transition (the table).
std::span<const Transition> transitions();
// Who may record a new petition (Action::receive): the citizen-reception and petition staff.
bool may_receive(auth::Role role);
// Who may verify a petition of `kind` (the roles of its verify rows): an agency leader assigns
// only to such a person. Denunciations are verified by inspectors.
bool may_verify(Kind kind, auth::Role role);
bool is_final(State s);
// The states that settle a petition: its first move into one ends its open life (Open311 shows it
// closed) and is what the monthly figures count (migration 012): decided (a recommendation's or
// feedback's answer), refused, forwarded, guided.
bool settles(State to);
// Whether a petition in state `s` has been settled: a settling state or one after it (notified,
// closed).
bool is_settled(State s);
// Whether settling into `to` on Viet Nam's day `day` ('YYYY-MM-DD') was on time: no later than
// the due day of the step that settled it, as it stood before the step — resolve_due for a
// decision, accept_due for a refusal or guidance, forward_due for a forward (each 'YYYY-MM-DD';
// "" = the step has no due day: on time).
bool settled_on_time(State to, std::string_view day, std::string_view accept_due, std::string_view resolve_due,
                     std::string_view forward_due);

// What an action must carry besides who takes it.
enum class Requirement {
  none,
  reason,    // refuse, send_back, guide: the reasons or guidance, told to the person or verifier
  agency,    // forward: the competent agency, another than the current one
  document,  // decide, extend: the reference of the signed document
};
Requirement requirement(Action a);

struct Request {
  State from = State::received;
  Action action = Action::classify;
  auth::Role role = auth::Role::citizen;
  std::optional<Kind> kind;               // nullopt before classification
  std::string_view reason;                // Requirement::reason
  std::optional<std::int64_t> to_agency;  // Requirement::agency
  std::int64_t current_agency = 0;        // the agency holding the petition now
  std::string_view document;              // Requirement::document
};

enum class Refusal {
  none,
  no_transition,      // the action cannot be taken from this state (or is `receive`)
  kind_not_allowed,   // not for this kind (or the kind is still unknown)
  role_not_allowed,   // not by this role
  reason_required,    // an empty or blank reason
  agency_required,    // no target agency, or the current one
  document_required,  // no document reference
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Refusal kAllRefusals[] = {Refusal::none, Refusal::no_transition, Refusal::kind_not_allowed,
    Refusal::role_not_allowed, Refusal::reason_required, Refusal::agency_required, Refusal::document_required};
std::string_view refusal_code(Refusal r);  // message id suffix: "reason_required", ...

struct Next {
  Refusal refusal = Refusal::none;
  State to = State::received;  // meaningful only when ok()
  bool ok() const { return refusal == Refusal::none; }
};

// The state after `r`, or why it is refused. Checks, in order: a row for (from, action); one of
// those for the kind; one of those for the role; then what the action must carry.
Next next_state(const Request& r);

// ---- Second complaints (a data rule) ----
// A second complaint (khiếu nại lần hai) stores the id of the first complaint it follows, and
// only a second complaint does (Law on Complaints 2011 Art. 33). The link is checked when the
// second complaint is recorded; the filing period then runs from second_complaint_start().
struct LinkedComplaint {
  Kind kind = Kind::complaint_first;
  State state = State::received;
  std::optional<calendar::Date> resolve_due;  // the first complaint's resolve due day, once accepted
};

enum class LinkCheck {
  ok,
  missing,             // a second complaint without its first
  unexpected,          // a link on a petition that is not a second complaint
  not_first_complaint, // the linked petition is not a first complaint
  first_not_accepted,  // the first was refused or forwarded: it had no resolution to contest
  first_still_open,    // not decided, and its resolve period has not ended (Art. 33)
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr LinkCheck kAllLinkChecks[] = {LinkCheck::ok, LinkCheck::missing, LinkCheck::unexpected,
    LinkCheck::not_first_complaint, LinkCheck::first_not_accepted, LinkCheck::first_still_open};
std::string_view link_check_code(LinkCheck c);
// `first` is the linked petition, or nullptr when none is named. `today` decides whether the
// first complaint's resolve period has ended (it ends at the end of its due day).
LinkCheck check_second_complaint_link(Kind kind, const LinkedComplaint* first, calendar::Date today);

// ---- Steps still to be taken (the desk's overdue filter) ----
// The steps with a period that are still owed in `state`: accept (complaints, denunciations) and
// forward until the petition is accepted, refused, forwarded or guided; resolve until decided;
// notify_acceptance (denunciations) from acceptance until it is sent; send_decision while decided;
// notify_extension while an extension decision is unsent. Nothing in a final state. `inform`
// (Law on Citizen Reception 2013 Art. 28) is not recorded as a step and never owed here.
struct Owed {
  bool acceptance_notified = false;  // Action::notify_acceptance taken
  bool extension_unsent = false;     // an extension decision not sent yet
};
std::vector<Step> pending_steps(Kind kind, State state, const Owed& owed);

std::string_view state_code(State s);  // "classified", as stored
std::optional<State> parse_state(std::string_view code);
std::string_view action_code(Action a);  // "send_back", as stored in events
std::optional<Action> parse_action(std::string_view code);

}  // namespace tinhso::petitions
