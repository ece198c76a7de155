#pragma once
// The rules of the officers' desk (issue 6 parts 1 and 5): recording a letter or an in-person
// visit, groups of signers (đơn đông người) and repeats of a decided matter (khiếu kiện kéo dài).
// Pure: no I/O and no clock; the caller passes today. See ../shared/domain/LAW.md §3–5.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/calendar/date.h"
#include "modules/petitions/workflow.h"

namespace tinhso::petitions {

// ---- Received date ----

// A letter may be recorded some days after it arrived; the legal clocks run from the day it was
// received (Law on Complaints 2011 Art. 27; Law on Denunciations 2018 Art. 24; Law on Citizen
// Reception 2013 Art. 28), so that day is what the officer enters. It may not lie in the future
// nor further back than kMaxReceivedAgeDays (a typing error, not a letter found in a drawer).
inline constexpr int kMaxReceivedAgeDays = 366;
enum class ReceivedCheck { ok, missing, in_future, too_old };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr ReceivedCheck kAllReceivedChecks[] = {ReceivedCheck::ok, ReceivedCheck::missing,
    ReceivedCheck::in_future, ReceivedCheck::too_old};
std::string_view received_check_code(ReceivedCheck c);  // message id suffix
ReceivedCheck check_received_on(std::optional<calendar::Date> received, calendar::Date today);

// ---- A second complaint's first decision made elsewhere (Law on Complaints 2011 Art. 33) ----

// The right to a second complaint arises on receiving the first decision (or when the Art. 28
// period passes without one); the filer attaches the first decision. When the first complaint is
// not in the system (decided by an agency outside it, or before it), the officer records that
// decision: its number, date (YYYY-MM-DD as typed) and agency, and whether its copy is attached.
struct FirstDecision {
  std::string number, date, agency;
  bool attached = false;
};
enum class FirstDecisionCheck {
  none,          // nothing given (the first complaint must then be named by its code)
  ok,
  incomplete,    // some of number, date, agency missing
  bad_date,      // not a date, or after the day the second complaint was received
  not_attached,  // no copy of the decision attached
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr FirstDecisionCheck kAllFirstDecisionChecks[] = {FirstDecisionCheck::none, FirstDecisionCheck::ok,
    FirstDecisionCheck::incomplete, FirstDecisionCheck::bad_date, FirstDecisionCheck::not_attached};
std::string_view first_decision_check_code(FirstDecisionCheck c);  // message id suffix
// `received`: the day the second complaint was received.
FirstDecisionCheck check_first_decision(const FirstDecision& d, calendar::Date received);

// ---- Groups (Law on Citizen Reception 2013 Art. 29) ----

// A matter raised by this many people or more is a mass petition (đơn đông người): from 5 people
// Art. 29 makes them choose representatives (rules.h check_representatives).
inline constexpr int kMassGroupSize = 5;
inline constexpr int kMaxGroupSize = 100000;
bool is_mass(int group_size);

// ---- Repeats and long-running cases ----

// How an officer links a later petition to an earlier one.
enum class LinkKind {
  same_matter,  // cùng vụ việc: the same matter raised again
  duplicate,    // trùng đơn: the same letter sent again (or to several places)
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr LinkKind kAllLinkKinds[] = {LinkKind::same_matter, LinkKind::duplicate};
std::string_view link_kind_code(LinkKind k);  // "same_matter", "duplicate", as stored
std::optional<LinkKind> parse_link_kind(std::string_view code);

// Khiếu kiện kéo dài (../shared/domain/CONTEXT.md, the seed: "mass and long-running cases first"):
// a petition that raises again a matter that already reached a decision. Linking a later petition
// to an earlier one that is decided, notified or closed — or that is itself long-running — makes
// the later one long-running. A second complaint linked to its decided first is not a repeat: it
// is the next lawful step (Law on Complaints 2011 Art. 33), and this rule is not applied to it.
bool makes_long_running(State earlier_state, bool earlier_long_running);

// Whether two filers are the same person for the repeat suggestions: the same account, or the same
// name and contact once folded and stripped of spaces and punctuation ("0912 345 678" =
// "0912.345.678"). Names and contacts must be text::fold() output; empty ones never match
// (anonymous letters and denunciations, whose identity is sealed, are compared by text only).
struct FilerKey {
  std::int64_t account_id = 0;
  std::string folded_name, folded_contact;
};
bool same_filer(const FilerKey& a, const FilerKey& b);

}  // namespace tinhso::petitions
