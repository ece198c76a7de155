#include "modules/identity/account.h"

#include <algorithm>
#include <cctype>

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

Gate login_gate(Time now, std::vector<Time> account, std::vector<Time> address) {
  auto recent = [&](std::vector<Time>& v) {
    std::erase_if(v, [&](Time t) { return t > now || now - t >= kFailureWindow; });
    std::sort(v.begin(), v.end());
  };
  // Cool-down: some run of ten failures within 15 minutes whose tenth is under 15 minutes old.
  std::erase_if(account, [&](Time t) { return t > now || now - t >= kFailureWindow + kCooldown; });
  std::sort(account.begin(), account.end());
  for (std::size_t i = kCooldownFailures - 1; i < account.size(); ++i) {
    Time tenth = account[i];
    if (tenth - account[i - (kCooldownFailures - 1)] <= kFailureWindow && now < tenth + kCooldown)
      return {Gate::Kind::cooldown, ceil_seconds(tenth + kCooldown - now)};
  }
  recent(account);
  recent(address);
  Time until = now;
  if (!account.empty()) until = std::max(until, account.back() + failure_delay(static_cast<int>(account.size()), 1));
  if (!address.empty())
    until = std::max(until, address.back() + failure_delay(static_cast<int>(address.size()), kAddressFreeFailures));
  if (until > now) return {Gate::Kind::wait, ceil_seconds(until - now)};
  return {};
}

bool mail_request_allowed(int to_recipient, int from_address) {
  return to_recipient < kMailsPerRecipient && from_address < kMailsPerAddress;
}

}  // namespace tinhso::identity
