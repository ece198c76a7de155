#include "modules/petitions/workflow.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

using A = Action;
using R = auth::Role;
using S = State;

constexpr KindMask kDenunciation = kind_bit(Kind::denunciation);
constexpr KindMask kNotDenunciation = kAnyKind & ~kDenunciation;
constexpr KindMask kComplaint = kind_bit(Kind::complaint_first) | kind_bit(Kind::complaint_second);
constexpr KindMask kNotComplaint = kAnyKind & ~kComplaint;

// Law on Complaints 2011 Art. 11 (refusal), 27 and 36 (acceptance), 28 and 37 (resolution);
// Law on Denunciations 2018 Art. 24(1) (classification, acceptance, forwarding), 30(2)–(4)
// (extension); Decree 20/2008/NĐ-CP Art. 9 (forwarding feedback and recommendations); Circular
// 07/2014/TT-TTCP Art. 8(1) (a complaint outside the agency's competence is answered with
// guidance, never forwarded). The competent leader accepts, refuses, assigns and decides;
// denunciations are verified by inspectors.
constexpr std::array kTable{
    Transition{S::received, A::classify, S::classified, R::one_stop_officer, kAnyKind},
    Transition{S::received, A::classify, S::classified, R::specialist, kAnyKind},
    Transition{S::received, A::classify, S::classified, R::inspector, kAnyKind},
    Transition{S::classified, A::accept, S::accepted, R::agency_leader, kAnyKind},
    Transition{S::classified, A::refuse, S::refused, R::agency_leader, kAnyKind},
    Transition{S::classified, A::forward, S::forwarded, R::specialist, kNotComplaint},
    Transition{S::classified, A::forward, S::forwarded, R::agency_leader, kNotComplaint},
    Transition{S::classified, A::guide, S::guided, R::specialist, kComplaint},
    Transition{S::classified, A::guide, S::guided, R::agency_leader, kComplaint},
    Transition{S::accepted, A::assign, S::assigned, R::agency_leader, kAnyKind},
    Transition{S::accepted, A::extend, S::accepted, R::agency_leader, kDenunciation},
    Transition{S::assigned, A::assign, S::assigned, R::agency_leader, kAnyKind},
    Transition{S::assigned, A::verify, S::verified, R::specialist, kNotDenunciation},
    Transition{S::assigned, A::verify, S::verified, R::inspector, kAnyKind},
    Transition{S::assigned, A::extend, S::assigned, R::agency_leader, kDenunciation},
    Transition{S::verified, A::send_back, S::assigned, R::agency_leader, kAnyKind},
    Transition{S::verified, A::extend, S::verified, R::agency_leader, kDenunciation},
    Transition{S::verified, A::decide, S::decided, R::agency_leader, kAnyKind},
    Transition{S::decided, A::notify, S::notified, R::one_stop_officer, kAnyKind},
    Transition{S::decided, A::notify, S::notified, R::specialist, kAnyKind},
    Transition{S::notified, A::close, S::closed, R::specialist, kAnyKind},
    Transition{S::notified, A::close, S::closed, R::agency_leader, kAnyKind},
    // Law on Denunciations 2018 Art. 29(3): the acceptance told to the denouncer, by the leader who
    // accepted or the inspector verifying, any time after acceptance until the case is closed.
    Transition{S::accepted, A::notify_acceptance, S::accepted, R::agency_leader, kDenunciation},
    Transition{S::assigned, A::notify_acceptance, S::assigned, R::agency_leader, kDenunciation},
    Transition{S::assigned, A::notify_acceptance, S::assigned, R::inspector, kDenunciation},
    Transition{S::verified, A::notify_acceptance, S::verified, R::agency_leader, kDenunciation},
    Transition{S::decided, A::notify_acceptance, S::decided, R::agency_leader, kDenunciation},
    Transition{S::notified, A::notify_acceptance, S::notified, R::agency_leader, kDenunciation},
    // Law on Denunciations 2018 Art. 30(4): the extension decision sent, in the states an extension
    // is decided in.
    Transition{S::accepted, A::notify_extension, S::accepted, R::agency_leader, kDenunciation},
    Transition{S::assigned, A::notify_extension, S::assigned, R::agency_leader, kDenunciation},
    Transition{S::assigned, A::notify_extension, S::assigned, R::inspector, kDenunciation},
    Transition{S::verified, A::notify_extension, S::verified, R::agency_leader, kDenunciation},
    // Complexity and several places changed later (rules.h check_amendment): by the leader, or by
    // the officer assigned to verify (permissions.h works_case), while the case is open and before
    // its decision. Several places (Law on Denunciations 2018 Art. 24(1)) before acceptance, by
    // those who classify.
    Transition{S::classified, A::amend, S::classified, R::specialist, kDenunciation},
    Transition{S::classified, A::amend, S::classified, R::inspector, kDenunciation},
    Transition{S::classified, A::amend, S::classified, R::agency_leader, kDenunciation},
    Transition{S::accepted, A::amend, S::accepted, R::agency_leader, kComplaint | kDenunciation},
    Transition{S::assigned, A::amend, S::assigned, R::agency_leader, kComplaint | kDenunciation},
    Transition{S::assigned, A::amend, S::assigned, R::specialist, kComplaint},
    Transition{S::assigned, A::amend, S::assigned, R::inspector, kComplaint | kDenunciation},
    Transition{S::verified, A::amend, S::verified, R::agency_leader, kComplaint | kDenunciation},
};

constexpr R kReceivers[] = {R::one_stop_officer, R::specialist, R::inspector};

constexpr std::array<std::pair<State, std::string_view>, 11> kStates{{
    {S::received, "received"},
    {S::classified, "classified"},
    {S::accepted, "accepted"},
    {S::assigned, "assigned"},
    {S::verified, "verified"},
    {S::decided, "decided"},
    {S::notified, "notified"},
    {S::closed, "closed"},
    {S::refused, "refused"},
    {S::forwarded, "forwarded"},
    {S::guided, "guided"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 16> kActions{{
    {A::receive, "receive"},
    {A::classify, "classify"},
    {A::accept, "accept"},
    {A::refuse, "refuse"},
    {A::forward, "forward"},
    {A::guide, "guide"},
    {A::assign, "assign"},
    {A::verify, "verify"},
    {A::send_back, "send_back"},
    {A::extend, "extend"},
    {A::decide, "decide"},
    {A::notify, "notify"},
    {A::close, "close"},
    {A::notify_acceptance, "notify_acceptance"},
    {A::notify_extension, "notify_extension"},
    {A::amend, "amend"},
}};

using util::code_of;
using util::parse_code;

// A row for every kind also covers a petition whose kind is not known yet.
bool covers(const Transition& t, std::optional<Kind> kind) {
  if (t.kinds == kAnyKind) return true;
  return kind && (t.kinds & kind_bit(*kind)) != 0;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

Refusal missing_data(const Request& r) {
  switch (requirement(r.action)) {
    case Requirement::none: return Refusal::none;
    case Requirement::reason: return blank(r.reason) ? Refusal::reason_required : Refusal::none;
    case Requirement::agency:
      return r.to_agency && *r.to_agency > 0 && *r.to_agency != r.current_agency ? Refusal::none
                                                                                 : Refusal::agency_required;
    case Requirement::document: return blank(r.document) ? Refusal::document_required : Refusal::none;
  }
  return Refusal::none;
}

}  // namespace

std::span<const Transition> transitions() { return kTable; }

bool may_receive(auth::Role role) {
  return std::find(std::begin(kReceivers), std::end(kReceivers), role) != std::end(kReceivers);
}

bool may_verify(Kind kind, auth::Role role) {
  return std::any_of(kTable.begin(), kTable.end(), [&](const Transition& t) {
    return t.action == A::verify && t.role == role && covers(t, kind);
  });
}

bool is_final(State s) { return s == S::closed || s == S::refused || s == S::forwarded || s == S::guided; }

bool settles(State to) { return to == S::decided || to == S::refused || to == S::forwarded || to == S::guided; }

bool is_settled(State s) { return settles(s) || s == S::notified || s == S::closed; }

bool settled_on_time(State to, std::string_view day, std::string_view accept_due, std::string_view resolve_due,
                     std::string_view forward_due) {
  const std::string_view due = to == S::refused || to == S::guided ? accept_due
                               : to == S::forwarded                ? forward_due
                                                                   : resolve_due;
  return due.empty() || day <= due;
}

Requirement requirement(Action a) {
  switch (a) {
    case A::refuse:
    case A::send_back:
    case A::guide:
    case A::amend: return Requirement::reason;
    case A::forward: return Requirement::agency;
    case A::decide:
    case A::extend: return Requirement::document;
    default: return Requirement::none;
  }
}

std::string_view refusal_code(Refusal r) {
  switch (r) {
    case Refusal::none: return "none";
    case Refusal::no_transition: return "no_transition";
    case Refusal::kind_not_allowed: return "kind_not_allowed";
    case Refusal::role_not_allowed: return "role_not_allowed";
    case Refusal::reason_required: return "reason_required";
    case Refusal::agency_required: return "agency_required";
    case Refusal::document_required: return "document_required";
  }
  return {};
}

Next next_state(const Request& r) {
  bool any_row = false, kind_ok = false;
  const Transition* match = nullptr;
  for (const Transition& t : kTable) {
    if (t.from != r.from || t.action != r.action) continue;
    any_row = true;
    if (!covers(t, r.kind)) continue;
    kind_ok = true;
    if (t.role == r.role) match = &t;
  }
  if (!any_row) return {Refusal::no_transition};
  if (!kind_ok) return {Refusal::kind_not_allowed};
  if (!match) return {Refusal::role_not_allowed};
  if (const Refusal missing = missing_data(r); missing != Refusal::none) return {missing};
  return {Refusal::none, match->to};
}

// ---- Second complaints ----

std::string_view link_check_code(LinkCheck c) {
  switch (c) {
    case LinkCheck::ok: return "ok";
    case LinkCheck::missing: return "missing";
    case LinkCheck::unexpected: return "unexpected";
    case LinkCheck::not_first_complaint: return "not_first_complaint";
    case LinkCheck::first_not_accepted: return "first_not_accepted";
    case LinkCheck::first_still_open: return "first_still_open";
  }
  return {};
}

// Law on Complaints 2011 Art. 33: a second complaint follows a first complaint that was decided,
// or whose resolve period (Art. 28) ended without a decision.
LinkCheck check_second_complaint_link(Kind kind, const LinkedComplaint* first, calendar::Date today) {
  if (kind != Kind::complaint_second) return first ? LinkCheck::unexpected : LinkCheck::ok;
  if (!first) return LinkCheck::missing;
  if (first->kind != Kind::complaint_first) return LinkCheck::not_first_complaint;
  switch (first->state) {
    case S::decided:
    case S::notified:
    case S::closed: return LinkCheck::ok;
    case S::refused:
    case S::forwarded:
    case S::guided: return LinkCheck::first_not_accepted;
    default: break;
  }
  // A day ends at 24:00 (Civil Code 2015 Art. 148(6)): the period has ended the day after.
  return first->resolve_due && today > *first->resolve_due ? LinkCheck::ok : LinkCheck::first_still_open;
}

// ---- Steps still owed ----

std::vector<Step> pending_steps(Kind kind, State state, const Owed& owed) {
  std::vector<Step> out;
  if (is_final(state)) return out;
  const bool before_acceptance = state == S::received || state == S::classified;
  const bool before_decision = before_acceptance || state == S::accepted || state == S::assigned || state == S::verified;
  // Law on Complaints 2011 Art. 27, 36; Law on Denunciations 2018 Art. 24(1): accept or forward
  // (guide, Circular 07/2014/TT-TTCP Art. 8(1)) within the period; the forwarding day counts
  // until competence is settled by one of them.
  if (before_acceptance) {
    if (is_complaint(kind) || kind == Kind::denunciation) out.push_back(Step::accept);
    out.push_back(Step::forward);
  }
  if (before_decision) out.push_back(Step::resolve);
  // Law on Denunciations 2018 Art. 29(3).
  if (kind == Kind::denunciation && !before_acceptance && !owed.acceptance_notified) out.push_back(Step::notify_acceptance);
  // Law on Complaints 2011 Art. 32, 41; Law on Denunciations 2018 Art. 35(3): sent by Action::notify.
  if (state == S::decided) out.push_back(Step::send_decision);
  // Law on Denunciations 2018 Art. 30(4).
  if (kind == Kind::denunciation && owed.extension_unsent) out.push_back(Step::notify_extension);
  return out;
}

std::string_view state_code(State s) { return code_of(kStates, s); }
std::optional<State> parse_state(std::string_view code) { return parse_code(kStates, code); }
std::string_view action_code(Action a) { return code_of(kActions, a); }
std::optional<Action> parse_action(std::string_view code) { return parse_code(kActions, code); }

}  // namespace tinhso::petitions
