#pragma once
// A petition (đơn thư) as stored, and the identity of a denouncer, which is stored only sealed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar/working_calendar.h"
#include "core/crypto/sealed.h"
#include "modules/petitions/rules.h"
#include "modules/petitions/workflow.h"

namespace tinhso::petitions {

enum class Channel { online, letter, in_person, open311 };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Channel kAllChannels[] = {Channel::online, Channel::letter, Channel::in_person, Channel::open311};
std::string_view channel_code(Channel c);
std::optional<Channel> parse_channel(std::string_view code);

struct Petition {
  std::int64_t id = 0;
  std::string code;  // "PA-yymmdd-NNNNNN" (6 digits at least): shown to the person, unique
  Kind kind = Kind::feedback;
  State state = State::received;
  Channel channel = Channel::online;
  std::string subject, content, category;
  std::int64_t agency_id = 0;
  std::int64_t admin_unit_id = 0;  // 0: none
  bool remote = false;
  Complexity complexity = Complexity::none;
  bool several_places = false;
  std::int64_t filer_account_id = 0;  // 0: filed without an account (feedback, recommendation)
  // Name and contact of a filer who is not a denouncer; always empty for denunciations.
  std::string filer_name, filer_contact;
  bool anonymous = false;
  std::int64_t linked_petition_id = 0;  // a second complaint's first complaint; 0: none
  std::int64_t assignee_id = 0;
  int group_size = 1;
  bool long_running = false;  // khiếu kiện kéo dài (desk_rules.h makes_long_running); set by links
  std::string late_filing_reason;  // an officer's reason to accept a late complaint (rules.h admit_filing); read only
  std::string received_at, accepted_at, closed_at;   // ISO-8601 UTC; "" = not yet
  std::string decided_at;                            // ISO-8601 UTC of the `decide` action; "" = not yet
  // ISO-8601 UTC: when it first left the open states — decided (a recommendation's or feedback's
  // answer), refused, forwarded or guided; "" = not yet. settled_on_time: that day was no later
  // than the due day of the step that settled it (rules.h settled_on_time). The monthly figures
  // (migration 012) count both.
  std::string settled_at;
  bool settled_on_time = false;
  std::string accept_due, resolve_due, inform_due;  // YYYY-MM-DD; "" = none or not yet known
  // YYYY-MM-DD; "" = none or not yet known: forwarding (or, for a complaint, guidance), the
  // denouncer told of the acceptance, the decision sent (rules.h Step).
  std::string forward_due, notice_due, send_due;
  // YYYY-MM-DD; "": the earliest extension decision not yet sent to the parties is due then (Law
  // on Denunciations 2018 Art. 30(4); rules.h Step::notify_extension).
  std::string extension_notice_due;
  // ISO-8601 UTC: when the denouncer was sent the acceptance (Action::notify_acceptance, Law on
  // Denunciations 2018 Art. 29(3)); "" = not yet.
  std::string acceptance_notified_at;
  // YYYY-MM-DD; "" = nothing owed: the earliest due day of the steps still owed in this state
  // (workflow.h pending_steps). The desk's overdue filter and priority box read it (indexed, 008).
  std::string pending_due;
  // A second complaint whose first complaint was decided outside the system (Law on Complaints
  // 2011 Art. 33): the first decision's number, date (YYYY-MM-DD) and agency; "" otherwise.
  std::string first_decision_number, first_decision_date, first_decision_agency;
  // A denunciation's extensions (Law on Denunciations 2018 Art. 30(2)–(4)), in order; kept in
  // petition_extensions and loaded only where the resolve due day is recomputed or shown.
  std::vector<Extension> extensions;
  std::string created_at, updated_at;
  int version = 0;
};

// Sets every *_due of `x` from its kind, circumstances (remote, complexity, several places,
// category), received, accepted and decided moments and extensions (rules.h deadlines), counted
// under the Civil Code on `calendar`; a step without a period or whose clock has not started, or
// refused extensions, leave "". Pure.
// Also sets extension_notice_due from `x.extensions` (loaded by the caller for a denunciation) and
// pending_due from the state.
void compute_due_days(const calendar::WorkCalendar& calendar, const Settings& s, Petition& x);

// The steps owed by `x` in its state whose due day is before `today` (workflow.h pending_steps),
// in Step order.
std::vector<Step> overdue_steps(const Petition& x, calendar::Date today);

// The one summary of a petition in audit records (before and after of every change to it):
// "<kind> <code> <state> <channel>", then " group N" for a group of N > 1 and " long_running".
// Never a filer's or representative's name or contact: audit records are read by auditors, and
// any petition may be or become a denunciation (Law on Denunciations 2018 Art. 8(3)).
std::string audit_summary(const Petition& x);

// What must stay secret about a denouncer (Law on Denunciations 2018 Art. 8(3), 47(2)).
struct Identity {
  std::string name, address, contact, id_number;
};

// The sealed form of `who` for petition `petition_id` (base64 text; the associated data binds it
// to that petition, so a blob copied to another row does not open).
std::string seal_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const Identity& who);
// The identity sealed for `petition_id`; nullopt if the blob does not open under `keys` for this
// petition (tampered, copied from another row, or a key no longer in the ring).
std::optional<Identity> open_identity(const crypto::KeyRing& keys, std::int64_t petition_id, const std::string& sealed);
// The same for the representative at `position` of a group denunciation (desk entry; the
// representatives are denouncers too): bound to that petition and position.
std::string seal_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position, const Identity& who);
std::optional<Identity> open_representative(const crypto::KeyRing& keys, std::int64_t petition_id, int position,
                                            const std::string& sealed);

}  // namespace tinhso::petitions
