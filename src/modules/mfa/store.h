#pragma once
// All SQL of the mfa module.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

namespace tinhso::mfa {

struct Secret {
  std::string b32;
  bool confirmed = false;
  std::int64_t last_step = 0;
};

std::optional<Secret> load_secret(soci::session& s, std::int64_t account);
// Creates or replaces the account's unconfirmed secret.
void save_pending_secret(soci::session& s, std::int64_t account, const std::string& b32, const std::string& now);
void confirm_secret(soci::session& s, std::int64_t account, std::int64_t step, const std::string& now);
// Records `step` as used; false if it (or a later one) was used already (a replayed code).
bool advance_step(soci::session& s, std::int64_t account, std::int64_t step);
void replace_recovery_codes(soci::session& s, std::int64_t account, const std::vector<std::string>& hashes);
// Marks an unused recovery code as used; false if there is none with that hash.
bool use_recovery_code(soci::session& s, std::int64_t account, const std::string& hash, const std::string& now);
int unused_recovery_codes(soci::session& s, std::int64_t account);
// Failed code attempts of the account since `since` (from the security event log).
int recent_failures(soci::session& s, std::int64_t account, const std::string& since);

}  // namespace tinhso::mfa
