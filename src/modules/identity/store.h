#pragma once
// All SQL of the identity module. Functions take the caller's session so that a use case and its
// audit record share one transaction. Times are ISO-8601 UTC text.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/auth/principal.h"
#include "core/db/database.h"

namespace tinhso::identity {

struct Account {
  std::int64_t id = 0;
  std::string email, phone, full_name, citizen_id, kind, status, password_hash, created_at;
  std::optional<std::int64_t> agency_id;
  std::vector<auth::Role> roles;
};

struct NewAccount {
  std::string email, phone, full_name, citizen_id, kind, status, password_hash;
  std::optional<std::int64_t> agency_id;
  std::vector<auth::Role> roles;
};

struct Session {
  std::int64_t id = 0, account_id = 0;
  std::string csrf_token, created_at, last_seen_at, absolute_expires_at, ip, user_agent;
  int idle_minutes = 0;
  bool second_factor_passed = false;
};

std::optional<Account> find_account_by_email(soci::session& s, const std::string& email);
std::optional<Account> find_account(soci::session& s, std::int64_t id);
// Inserts the account and its roles; returns the new id.
std::int64_t insert_account(soci::session& s, const NewAccount& a, const std::string& now);
void set_password(soci::session& s, std::int64_t account, const std::string& hash, const std::string& now);
void activate(soci::session& s, std::int64_t account, const std::string& now);
void update_profile(soci::session& s, std::int64_t account, const std::string& name, const std::string& phone,
                    const std::string& now);
// Staff accounts, newest first; with `scope`, only those whose agency is in it.
std::vector<Account> list_staff(soci::session& s, const std::optional<std::vector<std::int64_t>>& scope);

void insert_token(soci::session& s, std::int64_t account, const std::string& purpose, const std::string& hash,
                  const std::string& now, const std::string& expires);
// True if an unused, unexpired token of `purpose` with `hash` exists (nothing is changed).
bool token_live(soci::session& s, const std::string& purpose, const std::string& hash, const std::string& now);
// Marks the unused, unexpired token of `purpose` with `hash` as used; returns its account.
std::optional<std::int64_t> take_token(soci::session& s, const std::string& purpose, const std::string& hash,
                                       const std::string& now);

std::int64_t insert_session(soci::session& s, const Session& row, const std::string& token_hash);
// The unrevoked session with this token hash.
std::optional<Session> find_session(soci::session& s, const std::string& token_hash);
// The live (not revoked) session of this token hash with its account and the account's roles,
// in one statement.
struct SignedIn {
  Session session;
  Account account;
};
std::optional<SignedIn> find_signed_in(soci::session& s, const std::string& token_hash);
void touch_session(soci::session& s, std::int64_t id, const std::string& now);
void revoke_session(soci::session& s, std::int64_t id, const std::string& now);
// Revokes every session of `account` except `keep` (0: all); returns how many.
int revoke_sessions(soci::session& s, std::int64_t account, std::int64_t keep, const std::string& now);
// Unrevoked sessions of `account`, newest first (expired ones included; the caller filters).
std::vector<Session> list_sessions(soci::session& s, std::int64_t account);
void set_second_factor_passed(soci::session& s, std::int64_t session_id);

// Records a failed sign-in (`address`: the client's address bucket) and prunes at most kPruneBatch
// failures older than `prune_before`, in the caller's transaction.
void record_failure(soci::session& s, const std::string& at, const std::string& email_key, const std::string& address,
                    const std::string& prune_before);
std::vector<std::string> failures_by_key(soci::session& s, const std::string& email_key, const std::string& since);
std::vector<std::string> failures_by_address(soci::session& s, const std::string& address, const std::string& since);
std::vector<std::string> failures_by_key_and_address(soci::session& s, const std::string& email_key,
                                                     const std::string& address, const std::string& since);
// Forgets the failures of `email_key` from one address bucket (after a sign-in from it).
void clear_failures(soci::session& s, const std::string& email_key, const std::string& address);

// The anonymous mail-sending requests (issue 12 §8). lock_mail_requests serialises the count and
// the insert of concurrent transactions (PostgreSQL: a transaction-scoped advisory lock; SQLite's
// BEGIN IMMEDIATE already does); record_mail_request also prunes at most kPruneBatch rows older than
// `prune_before`.
void lock_mail_requests(soci::session& s, db::Dialect dialect);
int mail_requests_to(soci::session& s, const std::string& recipient, const std::string& since);
int mail_requests_from(soci::session& s, const std::string& address, const std::string& since);
void record_mail_request(soci::session& s, const std::string& at, const std::string& recipient,
                         const std::string& address, const std::string& prune_before);

}  // namespace tinhso::identity
