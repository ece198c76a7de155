#include "modules/identity/account.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace tinhso::identity {

namespace {
bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}
std::chrono::seconds ceil_seconds(std::chrono::system_clock::duration d) {
  return std::chrono::ceil<std::chrono::seconds>(d);
}
}  // namespace

bool valid_citizen_id(std::string_view id) {
  if (id.size() != 12 || !all_digits(id)) return false;
  int province = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
  return province >= 1 && province <= 96;
}

bool valid_email(std::string_view e) {
  if (e.size() > 254 || e.empty()) return false;
  auto at = e.find('@');
  if (at == 0 || at == std::string_view::npos || e.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = e.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

std::string normalize_email(std::string_view email) {
  auto b = email.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = email.find_last_not_of(" \t\r\n");
  std::string out(email.substr(b, e - b + 1));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool valid_phone(std::string_view phone) {
  std::string digits;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (c == '+' && i == 0) continue;
    if (c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    digits += c;
  }
  return phone.empty() || (digits.size() >= 9 && digits.size() <= 15);
}

SessionState session_state(Time now, Time created, Time last_seen, std::chrono::minutes idle,
                           std::chrono::minutes absolute) {
  if (now >= created + absolute) return SessionState::absolute_expired;
  if (now >= last_seen + idle) return SessionState::idle_expired;
  return SessionState::active;
}

bool should_touch(Time now, Time last_seen) { return now - last_seen >= std::chrono::minutes(1); }

std::chrono::seconds failure_delay(int failures, int free) {
  int n = failures - free;
  if (n <= 0) return std::chrono::seconds(0);
  return std::chrono::seconds(1 << std::min(n - 1, 3));
}

namespace {
// Drops failures outside (now - keep, now] and sorts the rest.
void keep_recent(std::vector<Time>& v, Time now, std::chrono::system_clock::duration keep) {
  std::erase_if(v, [&](Time t) { return t > now || now - t >= keep; });
  std::sort(v.begin(), v.end());
}
// The end of a running cool-down: some run of `n` failures within kFailureWindow whose n-th is
// under kCooldown old; `v` sorted, none older than kFailureWindow + kCooldown.
std::optional<Time> cooldown_until(const std::vector<Time>& v, int n, Time now) {
  std::optional<Time> until;
  for (std::size_t i = static_cast<std::size_t>(n) - 1; i < v.size(); ++i) {
    Time nth = v[i];
    if (nth - v[i - (n - 1)] <= kFailureWindow && now < nth + kCooldown) until = nth + kCooldown;
  }
  return until;
}
}  // namespace

Gate login_gate(Time now, std::vector<Time> pair, std::vector<Time> account, std::vector<Time> address) {
  keep_recent(pair, now, kFailureWindow + kCooldown);
  keep_recent(account, now, kFailureWindow + kCooldown);
  std::optional<Time> until = cooldown_until(pair, kCooldownFailures, now);
  // The account-wide cool-down reaches only buckets that have failed on this account.
  if (!pair.empty()) {
    if (auto a = cooldown_until(account, kAccountCooldownFailures, now)) until = std::max(until.value_or(*a), *a);
  }
  if (until) return {Gate::Kind::cooldown, ceil_seconds(*until - now)};
  keep_recent(pair, now, kFailureWindow);
  keep_recent(address, now, kFailureWindow);
  Time wait_until = now;
  if (!pair.empty()) wait_until = std::max(wait_until, pair.back() + failure_delay(static_cast<int>(pair.size()), 1));
  if (!address.empty())
    wait_until =
        std::max(wait_until, address.back() + failure_delay(static_cast<int>(address.size()), kAddressFreeFailures));
  if (wait_until > now) return {Gate::Kind::wait, ceil_seconds(wait_until - now)};
  return {};
}

bool mail_request_allowed(int to_recipient, int from_address) {
  return to_recipient < kMailsPerRecipient && from_address < kMailsPerAddress;
}

}  // namespace tinhso::identity
