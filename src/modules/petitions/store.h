#pragma once
// All SQL of the petitions module. Every function runs on the caller's session (and so in the
// caller's transaction); parameters are bound, never spliced.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/petitions/petition.h"

namespace tinhso::petitions {

// Inserts `p` (id, code and version are assigned: the code is "PA-" + `day` (yymmdd) + "-" + the
// row id, 6 digits at least) and returns it as stored. Identity columns are written separately.
Petition insert_petition(soci::session& s, Petition p, const std::string& day);
// Writes the sealed identity of a denunciation (seal_identity of the row's id).
void set_identity_sealed(soci::session& s, std::int64_t id, const std::string& sealed);
// The sealed identity, "" when none. Only for callers entitled to the identity.
std::string identity_sealed(soci::session& s, std::int64_t id);

std::optional<Petition> find_petition(soci::session& s, std::int64_t id);
std::optional<Petition> find_petition_by_code(soci::session& s, const std::string& code);
// Optimistic update of the mutable fields: false if `p.version` is no longer current.
bool update_petition(soci::session& s, const Petition& p);

// The officers' search: every word of `q` must occur in the folded subject, content or category
// ("ngap nuoc" finds "ngập nước"); empty filters match everything. `overdue_on` (YYYY-MM-DD):
// only petitions owing a step whose due day is before it (petition.h pending_due). Newest first; one statement, with only
// the filters given (so an index on agency and time serves the common pages).
struct Filter {
  std::string q;
  std::string kind, state;
  std::int64_t agency_id = 0;
  std::string overdue_on;
  bool mass = false;          // only groups of kMassGroupSize signers or more (desk_rules.h)
  bool long_running = false;  // only long-running cases
  // Only open mass or long-running petitions, long-running first: the desk's priority box (the
  // seed: "mass and long-running cases first"), read through the partial indexes of 002_desk.sql.
  bool flagged = false;
  // Earliest owed due day first (with overdue_on: the desk's priority box of late steps, read
  // through the partial indexes of 008_owed_steps.sql) instead of newest first.
  bool by_due = false;
  int limit = 50, offset = 0;
  std::int64_t admin_unit_id = 0;  // where the matter arose (issue 6 §8); 0: any
};
inline constexpr int kMaxSearchWords = 6;
std::vector<Petition> search_petitions(soci::session& s, const Filter& f);
// The petitions `account_id` filed, newest first: linked to the account in plain, or by one of
// `links` (keys.h filer_links of the account: its denunciations).
std::vector<Petition> petitions_of(soci::session& s, std::int64_t account_id, const std::vector<std::string>& links,
                                   int limit, int offset);
// Whether petition `id` was filed by the account `links` (keys.h filer_links) belong to.
bool has_filer_link(soci::session& s, std::int64_t id, const std::vector<std::string>& links);
// Writes the sealed link to the filing account of petition `id` (keys.h filer_link).
void set_filer_link(soci::session& s, std::int64_t id, const std::string& link);
// A petition that became a denunciation names its filer only sealed (Law on Denunciations 2018
// Art. 8(3)): its plain filer columns are emptied, the account link is replaced by `link` (""
// when it had no account), and its events name no actor `filer_account_id` (0: none) any more.
// The caller seals the identity first (set_identity_sealed).
void conceal_filer(soci::session& s, std::int64_t id, std::int64_t filer_account_id, const std::string& link);

// The anonymous online form's per-address count (007_form_usage.sql): adds one post of `bucket`
// (http::address_bucket) in `hour` ("YYYY-MM-DDTHH", UTC) in one statement, so concurrent posts
// on any node are all counted, and returns the hour's count including it.
int count_form_post(soci::session& s, const std::string& hour, const std::string& bucket);
// Deletes the counts of hours before `hour`.
void prune_form_usage(soci::session& s, const std::string& hour);
// The counts of buckets `a`, `b` and `c` in `hour` (0 for a bucket without a row); one statement.
std::array<long long, 3> form_usage(soci::session& s, const std::string& hour, const std::string& a,
                                    const std::string& b, const std::string& c);

// The follow-up key's hash of petition `id` (010_lookup_key.sql; lookup_key.h), "" when none.
void set_lookup_key_hash(soci::session& s, std::int64_t id, const std::string& hash);
std::string lookup_key_hash_of(soci::session& s, std::int64_t id);

// The online form's idempotency key (011_idempotency.sql): records `hash` and `owner` on petition
// `id`. Throws soci::soci_error when another petition has the hash (the UNIQUE index).
void set_idempotency(soci::session& s, std::int64_t id, const std::string& hash, const std::string& owner);
struct IdempotentFiling {
  std::int64_t id = 0;
  std::string owner;  // as stored: keys.h idempotency_owner, "" for a post without an account
};
// The petition filed with the key of `hash`, if any.
std::optional<IdempotentFiling> find_by_idempotency_hash(soci::session& s, const std::string& hash);

struct Event {
  std::string at, role, action, from_state, to_state, note;
  std::int64_t actor_id = 0;
};
void insert_event(soci::session& s, std::int64_t petition_id, const Event& e);

// A denunciation's extensions (Law on Denunciations 2018 Art. 30(2)–(4)), in order.
std::vector<Extension> load_extensions(soci::session& s, std::int64_t petition_id);
// Stores `e` as extension number `position` (1 or 2; unique per petition) decided by `actor_id`.
void insert_extension(soci::session& s, std::int64_t petition_id, int position, const Extension& e,
                      const std::string& at, std::int64_t actor_id);
std::vector<Event> load_events(soci::session& s, std::int64_t petition_id);
// Records the unsent extension decisions of `petition_id` as sent at `at` (ISO-8601 UTC; Law on
// Denunciations 2018 Art. 30(4)); returns how many.
int mark_extensions_notified(soci::session& s, std::int64_t petition_id, const std::string& at);

}  // namespace tinhso::petitions

