#pragma once
// What other modules and the registry may use of the petitions module.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "modules/audit/api.h"
#include "modules/petitions/attachments.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

app::Module module();

// The petitions module's settings besides its legal rules (rules.h Settings, also in the bag).
struct Intake {
  // The key ring that seals denouncers' identities (core/crypto/sealed.h; --identity-keys-file):
  // a file of "ID:BASE64KEY" entries. Made with one new key, mode 0600, when missing.
  std::string identity_keys_file = "var/identity-keys";
  // Posts of the online form (up to 20 MiB of files each) one client address (an IPv6 /64) may
  // make per hour without signing in, counted in the database for all nodes
  // (--petition-posts-per-hour); beyond it: 429.
  int posts_per_hour = 10;
  // Posts one signed-in account may make per hour, counted under a keyed hash of the account
  // (--petition-account-posts-per-hour); beyond it: 429.
  int account_posts_per_hour = 20;
};
inline const Intake& intake_settings(const app::Context& ctx) { return ctx.settings.modules.get<Intake>(); }
inline const std::string& keys_file(const app::Context& ctx) { return intake_settings(ctx).identity_keys_file; }

// The rules LAW.md grades L, as the installation set them (this Settings in the settings bag,
// --complaint-days ...).
inline const Settings& rules_settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// What a use case (usecases.h) runs with besides its inputs: the caller's transaction `s`, the
// clock, the working-day calendar and legal rules due days are counted by, the identity key ring,
// and the audit recorder the caller bound (audit::for_request or for_system), through which the
// use case writes every audit record of its change, in `s`.
struct Env {
  soci::session& s;
  const auth::Clock& clock;
  const calendar::WorkCalendar& calendar;
  const Settings& rules;
  const Keys& keys;
  const audit::Recorder& audit;
};

// Calls fn(env) with the Env of `ctx` over the caller's transaction `s` and the recorder `audit`:
// ctx's clock, current calendar (a snapshot held for the call), rules and key ring.
template <class Fn>
decltype(auto) with_env(app::Context& ctx, soci::session& s, const audit::Recorder& audit, Fn&& fn) {
  const auto calendar = ctx.calendar.current();
  const Env env{s, ctx.clock, *calendar, rules_settings(ctx), keys_of(ctx), audit};
  return fn(env);
}

// A petition being received, on any channel: the online form, the desk (letter, in person) or
// another module's (Open311 reports, issue 6 §6).
struct ReceiveInput {
  // As filed: kind, channel, subject, content, category, agency, admin unit and remote flag, the
  // filer (name and contact ignored for a denunciation), group size, a second complaint's first
  // (linked_petition_id) or its decision made elsewhere, received_at (ISO-8601 UTC, required)
  // and created_at (the moment it is recorded; received_at when empty). State, code, due days
  // and version are set by receive.
  Petition petition;
  // A denunciation's filer: stored only sealed (Law on Denunciations 2018 Art. 8(3)).
  Identity identity;
  // A denunciation filed by this signed-in account (0: none): the account is kept only as its
  // sealed link (Keys::filer_link).
  std::int64_t filer_link_account = 0;
  // The follow-up key of a petition sent without an account (lookup_key.h new_lookup_key; "" =
  // none): only its hash, bound to the petition's code, is stored.
  std::string lookup_key;
  // A group's representatives (Law on Citizen Reception 2013 Art. 29), sealed for a denunciation.
  std::vector<Representative> representatives;
  // The officer's reason to accept a late complaint (Law on Complaints 2011 Art. 9); "" = none.
  std::string late_reason;
  // The evidence sent with it, stored as added by `files_by` (0: nobody; always 0 for a
  // denunciation's).
  std::vector<Attachment> files;
  std::int64_t files_by = 0;
  // Who records it, as the receive event names them: a role ("citizen", "anonymous", "open311",
  // an officer's role) and an account (0: the event names no account).
  std::string role;
  std::int64_t actor_id = 0;
};
struct Received {
  Petition petition;  // as stored, with its id and code
};
// Records `in` in env.s: state `received`, its code "PA-" + code_day + "-" + its id, the
// legal due days of its kind (rules.h) on env.calendar, a denunciation's identity,
// representatives and files sealed, its `receive` event (the note names a desk channel and the
// late-filing reason), a `second_complaint` event on the first complaint it follows, and exactly
// one audit record `petition.receive` through env.audit with audit_summary (which names nobody).
// Throws std::invalid_argument without received_at, or for a denunciation on another channel than
// the online form or the desk: its identity is sealed only by this module's own forms.
Received receive(const Env& env, ReceiveInput in);

// Adds a comment to petition `petition_id`'s history (an event `comment` by `role`, the state
// unchanged), in the caller's transaction: e.g. a citizen's update posted through Open311.
// False when no such petition exists.
bool record_comment(soci::session& s, std::int64_t petition_id, const std::string& at, std::string_view role,
                    const std::string& note);

// The day in petition `p`'s code: "yymmdd" of the moment it is recorded (created_at, or
// received_at when that is empty; ISO-8601 UTC) in Viet Nam's time (UTC+7).
std::string code_day(const Petition& p);

// The read model of the petitions that arrive through another module's channel (every channel but
// the online form, letters and visits: today `open311`), owned by this module (migration 009).
// The module that feeds a channel may SELECT from these in its own SQL, never write them, and
// names no other table of this module:
//   channel_petitions (id, code, channel, state, agency_id, updated_at, resolve_due [NULL until
//     set], outcome_note [the note of its last refuse, forward or decide event once the state is
//     refused, forwarded, decided, notified or closed; else ''])
//   channel_petition_events (id, petition_id, code, action, to_state, note, at): their history;
//     indexed by `at`
//   channel_petition_versions (channel, version): raised in the transaction of every change of a
//     petition of that channel, so a cache of what the channel shows knows when it is stale.

// The leaders' overview of lateness (issue 14 §1; lateness_summary.cpp): per agency, the
// petitions not in a final state (closed, refused, forwarded, guided), those with a step owed
// past its due day (pending_due < today: the count of /petitions/desk?overdue=1 for that agency)
// and those whose next step is due from today to `soon`. `agencies` empty: every agency.
// Agencies with nothing open are left out. One statement.
struct AgencyLateness {
  std::int64_t agency_id = 0;
  long long open = 0, overdue = 0, due_soon = 0;
};
std::vector<AgencyLateness> lateness_by_agency(soci::session& s, const std::vector<std::int64_t>& agencies,
                                               const std::string& today, const std::string& soon);

// `tinhso demo`'s history: petition `received` (just received, in `received`) answered through the
// use cases by the demo's officers of SO-KHCN (leader@, specialist@ demo.tinhso.vn) on moments of
// their own — classified, accepted and assigned in its first hours, verified and decided `took`
// after its receipt (at least 5 hours), notified and closed in the two hours after — and audited
// as the demo. False, nothing done, when the demo officers are missing or its close is still to
// come; throws when a step is refused.
bool answer_for_demo(app::Context& ctx, soci::session& s, const Petition& received, std::chrono::hours took);

// The monthly figures (issue 17 §4; migration 012, kept by triggers in every writer's
// transaction), the inputs of the indicators module: per agency, Viet Nam's month (UTC+7), kind
// and channel (kind_code, channel_code) — petitions received by the month of receipt; settled
// (Petition::settled_at: decided — a recommendation's or feedback's answer —, refused, forwarded
// or guided) and settled on time by the month of settlement.
struct PetitionMonth {
  std::int64_t agency_id = 0;
  std::string month, kind, channel;
  long long received = 0, settled = 0, on_time = 0;
  bool operator==(const PetitionMonth&) const = default;
};
// Per agency, month of settlement and channel: how many petitions settled `hours` whole hours
// after their receipt (the histogram a median time to close is read from).
struct SettleHours {
  std::int64_t agency_id = 0;
  std::string month, channel;
  long long hours = 0, settled = 0;
  bool operator==(const SettleHours&) const = default;
};
struct PetitionFigures {
  std::vector<PetitionMonth> months;  // by agency, month, kind, channel
  std::vector<SettleHours> hours;     // by agency, month, channel, hours
};
// The cells of months from..to ('YYYY-MM') with a non-zero figure. One statement.
PetitionFigures petition_figures(soci::session& s, const std::string& from, const std::string& to);
// Every stored cell with a non-zero figure.
PetitionFigures stored_petition_figures(soci::session& s);
// The same cells counted again from the petitions by the rules above, in C++ (the check of
// `tinhso indicators recount`).
PetitionFigures recount_petition_figures(soci::session& s);
// Replaces every stored cell by `figures` (the repair of `tinhso indicators recount`).
void replace_petition_figures(soci::session& s, const PetitionFigures& figures);

}  // namespace tinhso::petitions
