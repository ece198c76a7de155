#pragma once
// The key under which per-address limits count a client (failed logins, look-ups, anonymous forms,
// machine API posts). One IPv6 customer is routinely given a whole /64, so counting an IPv6 /128 lets
// one client spread its attempts over 2^64 addresses (OWASP ASVS 5.0 V2.4.1): an IPv6 address
// counts as its /64 prefix, an IPv4 address (also IPv4-mapped ::ffff:a.b.c.d) as itself.
#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace tinhso::http {

// Returns "a.b.c.d" for IPv4, "xxxx:xxxx:xxxx:xxxx::/64" (lower-case hex, no zero compression
// within the four groups) for IPv6, and the input unchanged when it is neither (e.g. a Unix socket
// peer or an empty string), so callers never fail on it.
inline std::string address_bucket(std::string_view addr) {
  std::string text(addr);
  if (auto pct = text.find('%'); pct != std::string::npos) text.resize(pct);  // zone id
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  std::array<unsigned char, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) {
    static constexpr std::array<unsigned char, 12> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    bool is_mapped = std::equal(mapped.begin(), mapped.end(), v6.begin());
    std::array<char, 48> out{};
    if (is_mapped) {
      std::snprintf(out.data(), out.size(), "%u.%u.%u.%u", v6[12], v6[13], v6[14], v6[15]);
    } else {
      std::snprintf(out.data(), out.size(), "%x:%x:%x:%x::/64", (v6[0] << 8) | v6[1], (v6[2] << 8) | v6[3],
                    (v6[4] << 8) | v6[5], (v6[6] << 8) | v6[7]);
    }
    return out.data();
  }
  std::array<unsigned char, 4> v4{};
  if (inet_pton(AF_INET, text.c_str(), v4.data()) == 1) return text;
  return std::string(addr);
}

}  // namespace tinhso::http
