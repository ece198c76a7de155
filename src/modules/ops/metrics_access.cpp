#include "modules/ops/metrics_access.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tinhso::ops {

namespace {

// The address as 16 bytes (IPv4 as ::ffff:a.b.c.d); brackets and an IPv6 zone are ignored.
std::optional<std::array<unsigned char, 16>> address_bytes(std::string_view addr) {
  std::string text(addr);
  if (auto pct = text.find('%'); pct != std::string::npos) text.resize(pct);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  std::array<unsigned char, 16> out{};
  if (inet_pton(AF_INET6, text.c_str(), out.data()) == 1) return out;
  std::array<unsigned char, 4> v4{};
  if (inet_pton(AF_INET, text.c_str(), v4.data()) != 1) return std::nullopt;
  out[10] = out[11] = 0xff;
  for (std::size_t i = 0; i < 4; ++i) out[12 + i] = v4[i];
  return out;
}

bool is_v4_text(std::string_view addr) { return addr.find(':') == std::string_view::npos; }

// The prefix length after '/', or nullopt when it is not a number in [0, max].
std::optional<int> parse_prefix(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n > max) return std::nullopt;
  return n;
}

}  // namespace

std::optional<Network> parse_network(std::string_view text) {
  std::size_t slash = text.find('/');
  std::string_view addr = text.substr(0, slash);
  auto bytes = address_bytes(addr);
  if (!bytes) return std::nullopt;
  bool v4 = is_v4_text(addr);
  int max = v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    auto p = parse_prefix(text.substr(slash + 1), max);
    if (!p) return std::nullopt;
    prefix = *p;
  }
  Network net{*bytes, v4 ? prefix + 96 : prefix};
  for (int bit = net.prefix; bit < 128; ++bit)
    net.bytes[static_cast<std::size_t>(bit / 8)] &= static_cast<unsigned char>(~(0x80u >> (bit % 8)));
  return net;
}

std::vector<Network> default_metrics_allow() {
  std::vector<Network> out;
  std::string_view list = kDefaultMetricsAllow;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    if (auto net = parse_network(list.substr(0, comma))) out.push_back(*net);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

bool in_network(std::string_view address, const Network& net) {
  auto bytes = address_bytes(address);
  if (!bytes) return false;
  int full = net.prefix / 8, rest = net.prefix % 8;
  for (int i = 0; i < full; ++i)
    if ((*bytes)[static_cast<std::size_t>(i)] != net.bytes[static_cast<std::size_t>(i)]) return false;
  if (rest == 0) return true;
  auto mask = static_cast<unsigned char>(0xffu << (8 - rest));
  return ((*bytes)[static_cast<std::size_t>(full)] & mask) == net.bytes[static_cast<std::size_t>(full)];
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  std::size_t n = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

bool metrics_allowed(const Settings& s, std::string_view address, std::string_view authorization) {
  for (const auto& net : s.metrics_allow)
    if (in_network(address, net)) return true;
  if (s.metrics_token.empty()) return false;
  constexpr std::string_view scheme = "Bearer ";
  if (authorization.size() <= scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != std::tolower(static_cast<unsigned char>(scheme[i])))
      return false;
  return equal_constant_time(authorization.substr(scheme.size()), s.metrics_token);
}

std::string read_token_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the metrics token file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string t = ss.str();
  const char* ws = " \t\r\n";
  auto first = t.find_first_not_of(ws);
  if (first == std::string::npos) throw std::runtime_error("the metrics token file " + path + " is empty");
  return t.substr(first, t.find_last_not_of(ws) - first + 1);
}

}  // namespace tinhso::ops
