#pragma once
// What other modules and the registry may use of the petitions module.
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/app/module.h"
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

// Records a petition that arrived through another module's channel (Open311 reports, issue 6 §6)
// in the caller's transaction `s`: state `received`, its code, the legal due days of its kind
// (rules.h, on the current working-day calendar), its `receive` event by `actor` and one audit
// record — the same as the online form does; the audit actor is `req`'s, or `actor_role` when
// `req` is null (a background job). `p.received_at` must be set (ISO-8601 UTC);
// denunciations are refused (std::invalid_argument): their identity is sealed only by this
// module's own forms. Returns the petition as stored.
Petition receive_petition(soci::session& s, app::Context& ctx, const http::Request* req, Petition p,
                          std::string_view actor_role);

// Adds a comment to petition `petition_id`'s history (an event `comment` by `role`, the state
// unchanged), in the caller's transaction: e.g. a citizen's update posted through Open311.
// False when no such petition exists.
bool record_comment(soci::session& s, std::int64_t petition_id, const std::string& at, std::string_view role,
                    const std::string& note);

// The petition's code day, "yymmdd" of `p.received_at` in Viet Nam's time (UTC+7).
std::string code_day(const Petition& p);

}  // namespace tinhso::petitions
