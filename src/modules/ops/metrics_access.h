#pragma once
// Who may read /metrics (issue 15 §8): a client whose address (after trusted-proxy resolution, the
// one the access log shows) lies in one of the allowed networks, or a request carrying
// "Authorization: Bearer TOKEN" with the token of the configured file. Anyone else gets 404, as if
// the route did not exist.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::ops {

// An IPv4 or IPv6 network. IPv4 is held as IPv4-mapped IPv6 (::ffff:a.b.c.d, prefix + 96), so an
// IPv4 client seen on an IPv6 socket matches the IPv4 network it belongs to.
struct Network {
  std::array<unsigned char, 16> bytes{};
  int prefix = 128;
};

// "a.b.c.d/n", "x:y::z/n" or a bare address (a host network); nullopt when malformed (bad
// address, prefix out of range, bits set past the prefix are cleared, not refused).
std::optional<Network> parse_network(std::string_view text);
// False for anything that is not an IPv4 or IPv6 address.
bool in_network(std::string_view address, const Network& net);

inline constexpr const char* kDefaultMetricsAllow = "127.0.0.1/32,::1/128";
// kDefaultMetricsAllow, parsed.
std::vector<Network> default_metrics_allow();

struct Settings {
  std::vector<Network> metrics_allow = default_metrics_allow();  // --metrics-allow
  std::string metrics_token_file;      // "" = no token
  std::string metrics_token;           // read from the file at start-up (configure)
};

// Equal strings, in time that depends on the lengths only.
bool equal_constant_time(std::string_view a, std::string_view b);
// Whether a request from `address` with this Authorization header value may read /metrics.
bool metrics_allowed(const Settings& s, std::string_view address, std::string_view authorization);
// The token file's content without surrounding whitespace; throws std::runtime_error when it
// cannot be read or is empty.
std::string read_token_file(const std::string& path);

}  // namespace tinhso::ops
