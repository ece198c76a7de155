#include "modules/petitions/desk_rules.h"

#include <array>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

constexpr std::array<std::pair<LinkKind, std::string_view>, 2> kLinkKinds{
    {{LinkKind::same_matter, "same_matter"}, {LinkKind::duplicate, "duplicate"}}};

std::string letters_and_digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) out += c;
  return out;
}

}  // namespace

std::string_view received_check_code(ReceivedCheck c) {
  switch (c) {
    case ReceivedCheck::ok: return "ok";
    case ReceivedCheck::missing: return "received_missing";
    case ReceivedCheck::in_future: return "received_in_future";
    case ReceivedCheck::too_old: return "received_too_old";
  }
  return {};
}

ReceivedCheck check_received_on(std::optional<calendar::Date> received, calendar::Date today) {
  if (!received || !calendar::in_range(*received)) return ReceivedCheck::missing;
  if (*received > today) return ReceivedCheck::in_future;
  if (*received < today - calendar::Date::duration(kMaxReceivedAgeDays)) return ReceivedCheck::too_old;
  return ReceivedCheck::ok;
}

std::string_view first_decision_check_code(FirstDecisionCheck c) {
  switch (c) {
    case FirstDecisionCheck::none: return "first_decision_none";
    case FirstDecisionCheck::ok: return "ok";
    case FirstDecisionCheck::incomplete: return "first_decision_incomplete";
    case FirstDecisionCheck::bad_date: return "first_decision_date";
    case FirstDecisionCheck::not_attached: return "first_decision_attachment";
  }
  return {};
}

FirstDecisionCheck check_first_decision(const FirstDecision& d, calendar::Date received) {
  if (d.number.empty() && d.date.empty() && d.agency.empty()) return FirstDecisionCheck::none;
  if (d.number.empty() || d.date.empty() || d.agency.empty()) return FirstDecisionCheck::incomplete;
  const auto date = calendar::parse_date(d.date);
  if (!date || !calendar::in_range(*date) || *date > received) return FirstDecisionCheck::bad_date;
  // Law on Complaints 2011 Art. 33: the filer attaches the first decision.
  return d.attached ? FirstDecisionCheck::ok : FirstDecisionCheck::not_attached;
}

bool is_mass(int group_size) { return group_size >= kMassGroupSize; }

std::string_view link_kind_code(LinkKind k) { return util::code_of(kLinkKinds, k); }
std::optional<LinkKind> parse_link_kind(std::string_view code) { return util::parse_code(kLinkKinds, code); }

bool makes_long_running(State earlier_state, bool earlier_long_running) {
  return earlier_long_running || earlier_state == State::decided || earlier_state == State::notified ||
         earlier_state == State::closed;
}

bool same_filer(const FilerKey& a, const FilerKey& b) {
  if (a.account_id != 0 && a.account_id == b.account_id) return true;
  const std::string an = letters_and_digits(a.folded_name), bn = letters_and_digits(b.folded_name);
  const std::string ac = letters_and_digits(a.folded_contact), bc = letters_and_digits(b.folded_contact);
  return !an.empty() && !ac.empty() && an == bn && ac == bc;
}

}  // namespace tinhso::petitions
