#pragma once
// Identity rules without I/O (issue 3 §2, §4, §6): the form of a citizen ID number and an e-mail
// address, session expiry, and the brute-force gate in front of sign-in. Time comes in as
// arguments, so tests drive these with auth::FakeClock.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::identity {

using Time = std::chrono::system_clock::time_point;

// A citizen ID number (căn cước): 12 digits, the first three a province code 001–096.
bool valid_citizen_id(std::string_view id);
// A plausible e-mail address: one '@', non-empty local part, a dot in the domain, no spaces,
// at most 254 bytes. Deliverability is proven by the confirmation link, not here.
bool valid_email(std::string_view email);
// The e-mail as stored and compared: trimmed, ASCII-lower-cased.
std::string normalize_email(std::string_view email);
// Optional phone: empty, or 9–15 digits with an optional leading '+', spaces allowed.
bool valid_phone(std::string_view phone);

enum class SessionState { active, idle_expired, absolute_expired };
// Absolute expiry wins over idle expiry; both are reached at exactly the limit.
SessionState session_state(Time now, Time created, Time last_seen, std::chrono::minutes idle,
                           std::chrono::minutes absolute);
// last_seen_at is written at most once a minute per session.
bool should_touch(Time now, Time last_seen);

// Brute-force gate (issue 3 §6; issue 12 §8, ASVS 5.0 6.1.1, 6.3.1). Failures are counted in the
// database per client address bucket (http::address_bucket: IPv4 address, IPv6 /64), so that
// failing on purpose from elsewhere never locks a citizen out:
//   * per (account, bucket): 0, 0, 1, 2, 4, 8, 8 … seconds after the last failure; ten failures
//     within 15 minutes cool that pair down for 15 minutes from the tenth — only that bucket;
//   * per account, every bucket: fifty failures within 15 minutes cool the account down for 15
//     minutes from the fiftieth, but only for buckets that have themselves failed on the account
//     within the last 30 minutes (kFailureWindow + kCooldown);
//   * per bucket, any account: the same growing delay after kAddressFreeFailures failures
//     (addresses are shared by NAT).
// A bucket that never failed on an account is never delayed or refused by others' failures on
// it. Guessing stays bounded: per 15 minutes at most 50 + (number of distinct buckets) wrong
// passwords on one account, at most 10 per bucket.
inline constexpr int kCooldownFailures = 10;
inline constexpr int kAccountCooldownFailures = 50;
inline constexpr std::chrono::minutes kFailureWindow{15};
inline constexpr std::chrono::minutes kCooldown{15};
inline constexpr int kAddressFreeFailures = 20;

struct Gate {
  enum class Kind { open, wait, cooldown };
  Kind kind = Kind::open;
  std::chrono::seconds retry_after{0};  // for wait and cooldown, rounded up
};
// Times of recent failures (any order; older ones ignored): `pair` of this account from this
// bucket, `account` of this account from every bucket (including this one), `address` of this
// bucket on any account.
Gate login_gate(Time now, std::vector<Time> pair, std::vector<Time> account, std::vector<Time> address);
// The delay after `failures` recent failures, `free` of them without delay: 1, 2, 4, 8 s cap.
std::chrono::seconds failure_delay(int failures, int free);

// The anonymous forms that send e-mail (/register, /register/resend, /password/forgot; issue 12
// §8): at most kMailsPerRecipient requests to one e-mail address and kMailsPerAddress from one
// client address bucket (http::address_bucket) within kMailWindow, whether or not an account
// has that address. Counted in the database, so every node shares the counts.
inline constexpr int kMailsPerRecipient = 3;
inline constexpr int kMailsPerAddress = 20;
inline constexpr std::chrono::hours kMailWindow{1};
// True if one more request may go out, given the requests in the window to its recipient and
// from its address bucket.
bool mail_request_allowed(int to_recipient, int from_address);

// Rows of login_failures and identity_mail_requests older than kKeepLimitRows (longer than any
// window that reads them) are deleted, at most kPruneBatch per write, by the write itself.
inline constexpr std::chrono::hours kKeepLimitRows{24};
inline constexpr int kPruneBatch = 100;

}  // namespace tinhso::identity
