#include "core/crypto/sealed.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

#include "core/util/strings.h"

namespace tinhso::crypto {

static_assert(kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

namespace {

constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium failed to initialise");
}

// Messages name positions and key ids only: the configuration text holds the keys.
[[noreturn]] void bad_config(const std::string& what) { throw std::invalid_argument("key ring: " + what); }

// "1".."255", decimal, no sign, no leading zero.
std::optional<KeyId> parse_id(std::string_view s) {
  if (s.empty() || s.size() > 3 || s[0] == '0') return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > 255) return std::nullopt;
  return static_cast<KeyId>(v);
}

struct KeyEntry {
  KeyId id;
  std::string_view text;  // base64, still inside the caller's configuration
};

struct ParsedConfig {
  std::vector<KeyEntry> keys;  // ascending by id
  std::optional<KeyId> current;
};

ParsedConfig parse_config(std::string_view config) {
  ParsedConfig out;
  if (trim(config).empty()) bad_config("no keys (expected ID:KEY[,ID:KEY...])");
  std::size_t position = 0;
  for (std::string_view entry : split(config, ',')) {
    ++position;
    entry = trim(entry);
    const std::string where = "entry " + std::to_string(position) + ": ";
    if (entry.empty()) bad_config(where + "empty (expected ID:KEY or current=ID)");
    if (entry.starts_with("current=")) {
      if (out.current) bad_config(where + "current= given twice");
      out.current = parse_id(entry.substr(8));
      if (!out.current) bad_config(where + "current= needs a key id, a whole number from 1 to 255");
      continue;
    }
    std::size_t colon = entry.find(':');
    if (colon == std::string_view::npos) bad_config(where + "expected ID:KEY or current=ID");
    std::optional<KeyId> id = parse_id(entry.substr(0, colon));
    if (!id) bad_config(where + "the key id must be a whole number from 1 to 255");
    out.keys.push_back({*id, entry.substr(colon + 1)});
  }
  if (out.keys.empty()) bad_config("no keys (expected ID:KEY[,ID:KEY...])");
  std::sort(out.keys.begin(), out.keys.end(), [](const KeyEntry& a, const KeyEntry& b) { return a.id < b.id; });
  for (std::size_t i = 1; i < out.keys.size(); ++i)
    if (out.keys[i].id == out.keys[i - 1].id)
      bad_config("key id " + std::to_string(out.keys[i].id) + " is listed twice");
  return out;
}

// Decodes one key's base64 into `out` (kKeyBytes of secret memory); throws unless it is exactly
// kKeyBytes of canonical, padded standard base64 and not all zeros (a placeholder left in place).
void decode_key(const KeyEntry& entry, unsigned char* out) {
  std::size_t len = 0;
  const char* end = nullptr;
  int rc = sodium_base642bin(out, kKeyBytes, entry.text.data(), entry.text.size(), nullptr, &len, &end, kBase64);
  if (rc != 0 || len != kKeyBytes || end != entry.text.data() + entry.text.size())
    bad_config("key " + std::to_string(entry.id) +
               " is not 32 bytes in standard base64 (44 characters, from `tinhso keys generate` or "
               "`openssl rand -base64 32`)");
  if (sodium_is_zero(out, kKeyBytes)) bad_config("key " + std::to_string(entry.id) + " is all zeros");
}

// The AEAD's associated data: the blob's header bytes, then the caller's row binding. The header
// has a fixed length, so the concatenation is unambiguous.
std::string full_ad(std::uint8_t version, KeyId id, std::string_view ad) {
  std::string out;
  out.reserve(2 + ad.size());
  out += static_cast<char>(version);
  out += static_cast<char>(id);
  out += ad;
  return out;
}

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

Opened failed(OpenError e) { return {std::nullopt, e}; }

}  // namespace

// --- SecretBytes -----------------------------------------------------------------------------

SecretBytes::SecretBytes(std::size_t size) {
  if (size == 0) return;
  ensure_sodium();
  data_ = static_cast<unsigned char*>(sodium_malloc(size));
  if (data_ == nullptr) throw std::bad_alloc();
  size_ = size;
  sodium_memzero(data_, size_);
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { release(); }

void SecretBytes::release() noexcept {
  sodium_free(data_);  // wipes before freeing; no-op for nullptr
  data_ = nullptr;
  size_ = 0;
}

// --- OpenError -------------------------------------------------------------------------------

std::string_view to_string(OpenError e) {
  switch (e) {
    case OpenError::truncated: return "truncated";
    case OpenError::unknown_version: return "unknown_version";
    case OpenError::unknown_key: return "unknown_key";
    case OpenError::not_authentic: return "not_authentic";
  }
  return "unknown";
}

// --- KeyRing ---------------------------------------------------------------------------------

KeyRing::KeyRing(std::string_view config) {
  ensure_sodium();
  ParsedConfig parsed = parse_config(config);
  keys_ = SecretBytes(parsed.keys.size() * kKeyBytes);
  for (std::size_t i = 0; i < parsed.keys.size(); ++i) {
    decode_key(parsed.keys[i], keys_.data() + i * kKeyBytes);
    ids_.push_back(parsed.keys[i].id);
  }
  current_ = ids_.size() - 1;  // the highest id, unless current= says otherwise
  if (parsed.current) {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), *parsed.current);
    if (it == ids_.end() || *it != *parsed.current)
      bad_config("current=" + std::to_string(*parsed.current) + " names no key in the ring");
    current_ = static_cast<std::size_t>(it - ids_.begin());
  }
  sodium_mprotect_readonly(keys_.data());
}

std::vector<KeyId> KeyRing::ids() const { return ids_; }

const unsigned char* KeyRing::key_of(KeyId id) const {
  auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
  if (it == ids_.end() || *it != id) return nullptr;
  return keys_.data() + static_cast<std::size_t>(it - ids_.begin()) * kKeyBytes;
}

std::string KeyRing::seal(std::string_view plaintext, std::string_view ad) const {
  std::string blob(plaintext.size() + kSealOverhead, '\0');
  auto* out = reinterpret_cast<unsigned char*>(blob.data());
  out[0] = kSealVersion;
  out[1] = current();
  unsigned char* nonce = out + 2;
  randombytes_buf(nonce, kNonceBytes);
  const std::string aad = full_ad(kSealVersion, current(), ad);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kHeaderBytes, &written, bytes(plaintext), plaintext.size(),
                                             bytes(aad), aad.size(), nullptr, nonce, key_of(current()));
  return blob;
}

Opened KeyRing::open(std::string_view blob, std::string_view ad) const {
  if (blob.size() < kSealOverhead) return failed(OpenError::truncated);
  const unsigned char* in = bytes(blob);
  if (in[0] != kSealVersion) return failed(OpenError::unknown_version);
  const unsigned char* key = key_of(in[1]);
  if (key == nullptr) return failed(OpenError::unknown_key);
  SecretBytes plain(blob.size() - kSealOverhead);
  const std::string aad = full_ad(in[0], in[1], ad);
  unsigned long long written = 0;
  // The tag is checked before anything is decrypted; on failure nothing is returned.
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(plain.data(), &written, nullptr, in + kHeaderBytes,
                                                 blob.size() - kHeaderBytes, bytes(aad), aad.size(), in + 2,
                                                 key) != 0)
    return failed(OpenError::not_authentic);
  return {std::move(plain), std::nullopt};
}

bool KeyRing::needs_rotation(std::string_view blob) const {
  return blob.size() < kSealOverhead || static_cast<std::uint8_t>(blob[0]) != kSealVersion ||
         static_cast<KeyId>(blob[1]) != current();
}

Resealed KeyRing::reseal(std::string_view blob, std::string_view ad) const {
  Opened opened = open(blob, ad);
  if (!opened.plaintext) return {std::nullopt, opened.error};
  return {seal(opened.plaintext->view(), ad), std::nullopt};
}

// --- Key generation --------------------------------------------------------------------------

SecretBytes generate_key_text() {
  ensure_sodium();
  SecretBytes key(kKeyBytes);
  randombytes_buf(key.data(), kKeyBytes);
  constexpr std::size_t kWithNul = sodium_base64_ENCODED_LEN(kKeyBytes, kBase64);
  SecretBytes encoded(kWithNul);
  sodium_bin2base64(reinterpret_cast<char*>(encoded.data()), kWithNul, key.data(), kKeyBytes, kBase64);
  SecretBytes text(kWithNul - 1);  // without the terminating NUL
  std::memcpy(text.data(), encoded.data(), text.size());
  return text;
}

}  // namespace tinhso::crypto
