#include "modules/mfa/store.h"

namespace tinhso::mfa {

namespace {
long long affected(soci::statement& st) { return st.get_affected_rows(); }
}  // namespace

std::optional<Secret> load_secret(soci::session& s, std::int64_t account) {
  long long id = account, last_step = 0;
  std::string b32, confirmed;
  soci::indicator confirmed_ind = soci::i_null;
  s << "SELECT secret_b32, confirmed_at, last_step FROM totp_secrets WHERE account_id = :a", soci::into(b32),
      soci::into(confirmed, confirmed_ind), soci::into(last_step), soci::use(id);
  if (!s.got_data()) return std::nullopt;
  return Secret{b32, confirmed_ind == soci::i_ok, last_step};
}

void save_pending_secret(soci::session& s, std::int64_t account, const std::string& b32, const std::string& now) {
  long long id = account;
  s << "DELETE FROM totp_secrets WHERE account_id = :a", soci::use(id);
  s << "INSERT INTO totp_secrets (account_id, secret_b32, confirmed_at, last_step, created_at)"
       " VALUES (:a, :s, NULL, 0, :t)",
      soci::use(id), soci::use(b32), soci::use(now);
}

void confirm_secret(soci::session& s, std::int64_t account, std::int64_t step, const std::string& now) {
  long long id = account, st = step;
  s << "UPDATE totp_secrets SET confirmed_at = :t, last_step = :step WHERE account_id = :a", soci::use(now),
      soci::use(st), soci::use(id);
}

bool advance_step(soci::session& s, std::int64_t account, std::int64_t step) {
  long long id = account, st_ = step;
  soci::statement st = (s.prepare << "UPDATE totp_secrets SET last_step = :step WHERE account_id = :a AND last_step < :step2",
                        soci::use(st_), soci::use(id), soci::use(st_));
  st.execute(true);
  return affected(st) == 1;
}

void replace_recovery_codes(soci::session& s, std::int64_t account, const std::vector<std::string>& hashes) {
  long long id = account;
  s << "DELETE FROM recovery_codes WHERE account_id = :a", soci::use(id);
  for (const auto& h : hashes)
    s << "INSERT INTO recovery_codes (account_id, code_hash, used_at) VALUES (:a, :h, NULL)", soci::use(id),
        soci::use(h);
}

bool use_recovery_code(soci::session& s, std::int64_t account, const std::string& hash, const std::string& now) {
  long long id = account;
  soci::statement st = (s.prepare << "UPDATE recovery_codes SET used_at = :t"
                                     " WHERE account_id = :a AND code_hash = :h AND used_at IS NULL",
                        soci::use(now), soci::use(id), soci::use(hash));
  st.execute(true);
  return affected(st) >= 1;
}

int unused_recovery_codes(soci::session& s, std::int64_t account) {
  long long id = account;
  int n = 0;
  s << "SELECT count(*) FROM recovery_codes WHERE account_id = :a AND used_at IS NULL", soci::into(n), soci::use(id);
  return n;
}

int recent_failures(soci::session& s, std::int64_t account, const std::string& since) {
  long long id = account;
  int n = 0;
  s << "SELECT count(*) FROM security_events WHERE kind = 'totp_failure' AND account_id = :a AND at >= :since",
      soci::into(n), soci::use(id), soci::use(since);
  return n;
}

}  // namespace tinhso::mfa
