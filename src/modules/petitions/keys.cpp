#include "modules/petitions/keys.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <spdlog/spdlog.h>

namespace tinhso::petitions {

namespace {

void create_key_file(const std::string& file) {
  auto dir = std::filesystem::path(file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;  // another process made it first
    throw std::runtime_error("cannot create the identity key file " + file);
  }
  crypto::SecretBytes key = crypto::generate_key_text();
  std::string line = "# tinhso identity keys: ID:BASE64KEY per line; the highest ID seals new data.\n1:";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::write(fd, "\n", 1) == 1 &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write the identity key file " + file);
  spdlog::warn("identity keys: made {} with a new key; back it up and give every node the same file", file);
}

constexpr std::string_view kLinkContext = "tinhso:petition-filer-link:v1";

// The subkeys filer links are made with, one per ring key, in one wiped buffer.
struct LinkKeys {
  std::vector<crypto::KeyId> ids;  // ascending, as the ring's
  crypto::SecretBytes keys;        // key i at keys.data() + i * crypto::kKeyBytes
  crypto::KeyId current = 0;
};

std::string_view trimmed(std::string_view v) {
  auto first = v.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return v.substr(first, v.find_last_not_of(" \t\r\n") - first + 1);
}

// `entries` has already made a valid ring: every "ID:KEY" entry decodes.
std::unique_ptr<LinkKeys> derive_link_keys(std::string_view entries, const crypto::KeyRing& ring) {
  auto out = std::make_unique<LinkKeys>();
  out->ids = ring.ids();
  out->current = ring.current();
  out->keys = crypto::SecretBytes(out->ids.size() * crypto::kKeyBytes);
  crypto::SecretBytes raw(crypto::kKeyBytes);
  std::size_t start = 0;
  while (start <= entries.size()) {
    std::size_t end = entries.find(',', start);
    if (end == std::string_view::npos) end = entries.size();
    std::string_view entry = trimmed(entries.substr(start, end - start));
    start = end + 1;
    auto colon = entry.find(':');
    if (entry.empty() || entry.starts_with("current=") || colon == std::string_view::npos) continue;
    int id = std::stoi(std::string(entry.substr(0, colon)));
    std::string_view text = entry.substr(colon + 1);
    std::size_t len = 0;
    if (sodium_base642bin(raw.data(), raw.size(), text.data(), text.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 || len != crypto::kKeyBytes)
      throw std::runtime_error("identity key " + std::to_string(id) + " does not decode");
    auto at = std::find(out->ids.begin(), out->ids.end(), static_cast<crypto::KeyId>(id)) - out->ids.begin();
    crypto_generichash(out->keys.data() + at * crypto::kKeyBytes, crypto::kKeyBytes,
                       reinterpret_cast<const unsigned char*>(kLinkContext.data()), kLinkContext.size(), raw.data(),
                       raw.size());
  }
  return out;
}

struct Ring {
  std::unique_ptr<crypto::KeyRing> ring;
  std::unique_ptr<LinkKeys> link_keys;
};

Ring load(const std::string& file) {
  if (!std::filesystem::exists(file)) create_key_file(file);
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read the identity key file " + file);
  std::string line, entries;
  while (std::getline(in, line)) {
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    if (!entries.empty()) entries += ',';
    entries += line;
  }
  sodium_memzero(line.data(), line.size());
  try {
    Ring out;
    out.ring = std::make_unique<crypto::KeyRing>(entries);
    out.link_keys = derive_link_keys(entries, *out.ring);
    sodium_memzero(entries.data(), entries.size());
    return out;
  } catch (const std::invalid_argument& e) {
    sodium_memzero(entries.data(), entries.size());
    throw std::runtime_error(std::string("identity key file ") + file + ": " + e.what());
  }
}

std::string hex_mac(const LinkKeys& k, std::size_t index, const std::string& message) {
  unsigned char mac[32];
  crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                     k.keys.data() + index * crypto::kKeyBytes, crypto::kKeyBytes);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string link_under(const LinkKeys& k, std::size_t index, std::int64_t account_id) {
  return std::to_string(k.ids[index]) + ":" + hex_mac(k, index, "account:" + std::to_string(account_id));
}

std::size_t current_index(const LinkKeys& k) {
  return static_cast<std::size_t>(std::find(k.ids.begin(), k.ids.end(), k.current) - k.ids.begin());
}

std::string owner_under(const LinkKeys& k, std::size_t index, std::int64_t account_id, std::string_view key) {
  return "idem:" + std::to_string(k.ids[index]) + ":" +
         hex_mac(k, index, "idempotency:" + std::to_string(account_id) + "|" + std::string(key));
}

}  // namespace

struct Keys::Loaded : Ring {};

Keys::Keys(std::string file) : file_(std::move(file)) {}
Keys::~Keys() = default;

const Keys::Loaded& Keys::loaded() const {
  std::lock_guard lock(mu_);
  if (!loaded_) loaded_ = std::make_unique<const Loaded>(Loaded{load(file_)});
  return *loaded_;
}

const crypto::KeyRing& Keys::ring() const { return *loaded().ring; }

std::string Keys::filer_link(std::int64_t account_id) const {
  const auto& k = *loaded().link_keys;
  return link_under(k, current_index(k), account_id);
}

std::vector<std::string> Keys::filer_links(std::int64_t account_id) const {
  const auto& k = *loaded().link_keys;
  std::vector<std::string> out{link_under(k, current_index(k), account_id)};
  for (std::size_t i = 0; i < k.ids.size(); ++i)
    if (k.ids[i] != k.current) out.push_back(link_under(k, i, account_id));
  return out;
}

std::string Keys::form_usage_key(std::int64_t account_id, std::string_view hour) const {
  const auto& k = *loaded().link_keys;
  return "acct:" + hex_mac(k, current_index(k), "form-usage:" + std::string(hour) + ":" + std::to_string(account_id));
}

std::string Keys::lookup_usage_key(std::string_view address, std::string_view code, std::string_view hour) const {
  const auto& k = *loaded().link_keys;
  std::string message = "lookup-usage:" + std::string(hour) + ":" + std::string(address) + "|" + std::string(code);
  return "lookup:" + hex_mac(k, current_index(k), message);
}

std::string Keys::idempotency_owner(std::int64_t account_id, std::string_view key) const {
  const auto& k = *loaded().link_keys;
  return owner_under(k, current_index(k), account_id, key);
}

std::vector<std::string> Keys::idempotency_owners(std::int64_t account_id, std::string_view key) const {
  const auto& k = *loaded().link_keys;
  std::vector<std::string> out{owner_under(k, current_index(k), account_id, key)};
  for (std::size_t i = 0; i < k.ids.size(); ++i)
    if (k.ids[i] != k.current) out.push_back(owner_under(k, i, account_id, key));
  return out;
}

}  // namespace tinhso::petitions
