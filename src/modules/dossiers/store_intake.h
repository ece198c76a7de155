#pragma once
// SQL of the intake side: the applicant's and the desk's lists (one query each, with the
// procedure's name joined in, so a page costs the same whatever its size), supplement requests,
// ratings and the failures of the public look-up.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/db/database.h"
#include "modules/dossiers/lookup_limit.h"

namespace tinhso::dossiers {

// One line of a list of dossiers.
struct ListedDossier {
  std::int64_t id = 0;
  std::string code, state, channel, procedure_code, procedure_name, procedure_name_en, applicant_name;
  std::string created_at, submitted_at, appointment_date;
};

// The applicant's dossiers, newest first; `limit` + 1 rows are asked so the caller knows whether
// there is a next page.
std::vector<ListedDossier> list_applicant_dossiers(soci::session& s, std::int64_t account_id, int limit, int offset);
// The desk inbox: dossiers of the desk agencies `desks` in `states`, oldest submission first.
std::vector<ListedDossier> list_desk_dossiers(soci::session& s, const std::vector<std::int64_t>& desks,
                                              const std::vector<std::string>& states, int limit, int offset);

struct Supplement {
  std::int64_t id = 0;
  std::string requested_at, items, completed_at;
  std::int64_t requested_by = 0;
  bool late = false;
};
void insert_supplement(soci::session& s, std::int64_t dossier_id, const Supplement& sup);
// The request not yet completed, if any.
std::optional<Supplement> open_supplement(soci::session& s, std::int64_t dossier_id);
void complete_supplement(soci::session& s, std::int64_t dossier_id, const std::string& at, const std::string& note);

struct Rating {
  int score = 0;
  std::string comment, rated_at;
};
std::optional<Rating> find_rating(soci::session& s, std::int64_t dossier_id);
// Inserts the rating unless the dossier has one; returns whether it was inserted.
bool insert_rating(soci::session& s, std::int64_t dossier_id, const Rating& r);

// Deletes a draft with its files (drafts have no events, pauses or supplements).
void delete_draft(soci::session& s, std::int64_t dossier_id);

// A failed public look-up of `code` from the address bucket `bucket` at `at` (ISO-8601 UTC).
void record_lookup_failure(soci::session& s, const std::string& at, const std::string& code, const std::string& bucket);
// Failed look-ups since `since` (lookup_limit.h), in one statement.
LookupCounts lookup_failures(soci::session& s, const std::string& bucket, const std::string& code,
                             const std::string& since);
// The public look-up's read (issue 15 §7): the failures counted against `bucket` and `code` since
// `since`, and the dossier with code `code` — only what the look-up shows or compares — with its
// procedure's names and its history, in one statement (one read transaction on SQLite); a second
// statement reads the failures when no dossier has the code.
struct PublicLookupEvent {
  std::string at, action, to_state;
};
struct PublicLookup {
  LookupCounts failures;
  std::int64_t id = 0;  // 0: no dossier has the code
  std::string code, state, applicant_phone, applicant_id_number, received_at, appointment_date;
  std::string procedure, procedure_en;
  std::vector<PublicLookupEvent> events;  // oldest first
};
PublicLookup read_public_lookup(soci::session& s, const std::string& bucket, const std::string& code,
                                const std::string& since);
// Inside a transaction: makes the count and the insert of failures on `code` or from `bucket` one
// atomic step. PostgreSQL: transaction-scoped advisory locks, the code's first (one fixed order, so
// no deadlock); SQLite: nothing to do (a write transaction already holds the database's lock).
void lock_lookup_counts(soci::session& s, db::Dialect dialect, const std::string& code, const std::string& bucket);
// Inside a transaction: deletes at most `max` failures older than `before`; on PostgreSQL only
// when no other transaction is pruning (a try-lock), so one node prunes at a time. Returns the
// number deleted.
long long prune_lookup_failures(soci::session& s, db::Dialect dialect, const std::string& before, int max);

}  // namespace tinhso::dossiers
