#include "modules/audit/chain.h"

#include <sodium.h>

#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/util/strings.h"

namespace tinhso::audit {

namespace {

constexpr std::string_view kMacContext = "tinhso-audit-mac-v1\n";
constexpr std::string_view kAnchorTag = "tinhso-audit-anchor";

bool is_hex(std::string_view s, std::size_t size) {
  if (s.size() != size) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

std::string canonical(const ChainRecord& r) {
  nlohmann::json j = nlohmann::json::array(
      {r.seq, r.at, r.actor_id ? nlohmann::json(*r.actor_id) : nlohmann::json(nullptr), r.actor_name, r.role,
       r.address, r.action, r.object_type, r.object_id, r.before, r.after, r.request_id});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string chain_hash(const std::string& prev, const std::string& canon) {
  std::string input = prev + "\n" + canon;
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr, 0);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

std::string record_mac(const crypto::SecretBytes& key, const std::string& hash) {
  if (key.size() != kAuditKeyBytes) throw std::invalid_argument("the audit key must be 32 bytes");
  std::string input = std::string(kMacContext) + hash;
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(input.data()), input.size(), key.data(),
                     key.size());
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

bool same_mac(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string format_anchor(const Anchor& a) {
  return std::string(kAnchorTag) + " v1 " + a.at + " " + a.chain + " " + std::to_string(a.seq) + " " + a.hash + " " +
         (a.mac.empty() ? "-" : a.mac);
}

std::optional<Anchor> parse_anchor(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string tag, version, seq, extra;
  Anchor a;
  if (!(in >> tag >> version >> a.at >> a.chain >> seq >> a.hash >> a.mac) || (in >> extra)) return std::nullopt;
  if (tag != kAnchorTag || version != "v1" || !is_hex(a.chain, 32) || !is_hex(a.hash, 64)) return std::nullopt;
  if (a.mac == "-") a.mac.clear();
  else if (!is_hex(a.mac, 64)) return std::nullopt;
  if (seq.empty() || seq.size() > 18 || seq.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  a.seq = std::stoll(seq);
  return a;
}

std::string chain_label(const std::string& db_url) {
  std::string name = db_url;
  if (name.rfind("sqlite:", 0) == 0) {
    std::error_code ec;
    auto abs = std::filesystem::weakly_canonical(std::filesystem::absolute(name.substr(7)), ec);
    if (!ec) name = "sqlite:" + abs.string();
  } else {
    if (auto q = name.find('?'); q != std::string::npos) name.resize(q);
    auto scheme = name.find("://");
    auto at = name.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) name.erase(scheme + 3, at - scheme - 2);
  }
  unsigned char h[16];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(name.data()), name.size(), nullptr, 0);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

}  // namespace tinhso::audit
