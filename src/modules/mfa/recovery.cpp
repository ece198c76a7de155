#include "modules/mfa/recovery.h"

#include <sodium.h>

#include <cctype>
#include <stdexcept>

#include "core/util/strings.h"

namespace tinhso::mfa {

namespace {
std::string blake2b_hex(std::string_view text, const unsigned char* key, std::size_t key_size) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key, key_size);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}
}  // namespace

std::string normalize_recovery_code(std::string_view code) {
  std::string normal;
  for (char c : code)
    if (c != '-' && c != ' ') normal += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return normal;
}

crypto::SecretBytes derive_recovery_key(const crypto::SecretBytes& audit_key) {
  static_assert(crypto_kdf_KEYBYTES == crypto::kKeyBytes);
  if (audit_key.size() != crypto_kdf_KEYBYTES) throw std::invalid_argument("audit key: not 32 bytes");
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
  crypto::SecretBytes out(crypto_generichash_KEYBYTES);
  crypto_kdf_derive_from_key(out.data(), out.size(), 1, "tsrecovr", audit_key.data());
  return out;
}

std::string recovery_code_hash(const crypto::SecretBytes& key, std::string_view code) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
  return "k1:" + blake2b_hex(normalize_recovery_code(code), key.data(), key.size());
}

std::string legacy_recovery_code_hash(std::string_view code) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not initialise");
  return blake2b_hex(normalize_recovery_code(code), nullptr, 0);
}

}  // namespace tinhso::mfa
